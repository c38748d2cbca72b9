import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { AccountFields, accountInput } from "~/components/account-fields";
import { FormError } from "~/components/field";
import { SiteHeader } from "~/components/site-header";
import { signInHeaders } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Set up Rolecall" }];

export function loader({ context }: LoaderFunctionArgs) {
  if (!context.services.auth.needsSetup()) throw redirect("/login");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const result = await context.services.auth.createFirstFacilitator(accountInput(form));
  if (!result.ok) return json({ fieldErrors: result.fieldErrors }, { status: 400 });
  throw redirect("/dashboard", { headers: await signInHeaders(context, result.facilitator.id) });
}

export default function Setup() {
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors: Record<string, string | undefined> = data?.fieldErrors ?? {};
  return (
    <>
      <SiteHeader />
      <main id="main" className="page narrow">
        <h1>Welcome to Rolecall</h1>
        <p className="lead">Create the first facilitator account. You can add colleagues afterwards.</p>
        <Form method="post" className="card" noValidate>
          <FormError message={errors.form} />
          <AccountFields errors={errors} forColleague={false} />
          <button className="button" type="submit" disabled={busy}>
            {busy ? "Creating…" : "Create account"}
          </button>
        </Form>
      </main>
    </>
  );
}
