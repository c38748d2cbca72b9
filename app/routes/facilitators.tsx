import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { AccountFields, accountInput } from "~/components/account-fields";
import { FormError } from "~/components/field";
import { SiteHeader } from "~/components/site-header";
import { requireFacilitator } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Facilitators — Rolecall" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireFacilitator(request, context);
  return json({ me, facilitators: context.services.auth.listFacilitators() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireFacilitator(request, context);
  const form = await request.formData();
  const result = await context.services.auth.addFacilitator(accountInput(form));
  if (!result.ok) return json({ fieldErrors: result.fieldErrors, added: null }, { status: 400 });
  return json({ fieldErrors: {} as Record<string, string>, added: result.facilitator.name });
}

export default function Facilitators() {
  const { me, facilitators } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors: Record<string, string | undefined> = data?.fieldErrors ?? {};
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (data?.added) formRef.current?.reset();
  }, [data]);
  return (
    <>
      <SiteHeader facilitatorName={me.name} />
      <main id="main" className="page">
        <h1>Facilitators</h1>
        <div className="grid-2">
          <section className="card" aria-labelledby="team-heading">
            <h2 id="team-heading">Everyone who can run workshops</h2>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">E-mail</th>
                </tr>
              </thead>
              <tbody>
                {facilitators.map((f) => (
                  <tr key={f.id}>
                    <td>{f.name}</td>
                    <td>{f.email}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card" aria-labelledby="add-heading">
            <h2 id="add-heading">Add a facilitator</h2>
            {data?.added ? (
              <div className="alert success" role="status">
                {data.added} can now sign in.
              </div>
            ) : null}
            <Form method="post" ref={formRef} noValidate>
              <FormError message={errors.form} />
              <AccountFields errors={errors} forColleague={true} />
              <button className="button" type="submit" disabled={busy}>
                Add facilitator
              </button>
            </Form>
          </section>
        </div>
      </main>
    </>
  );
}
