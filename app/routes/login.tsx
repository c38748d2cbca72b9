import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import { SiteHeader } from "~/components/site-header";
import { getFacilitator, safeRedirect, signInHeaders } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Sign in — Rolecall" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (context.services.auth.needsSetup()) throw redirect("/setup");
  if (await getFacilitator(request, context)) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const result = await context.services.auth.signIn(form.get("email"), form.get("password"), context.clientAddress);
  if (!result.ok) return json({ message: result.message }, { status: result.rateLimited ? 429 : 400 });
  throw redirect(safeRedirect(form.get("redirectTo")), { headers: await signInHeaders(context, result.facilitator.id) });
}

export default function Login() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <SiteHeader />
      <main id="main" className="page narrow">
        <h1>Facilitator sign in</h1>
        <Form method="post" className="card" noValidate>
          <FormError message={data?.message} />
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/dashboard"} />
          <Field label="E-mail" name="email" type="email" autoComplete="username" required />
          <Field label="Password" name="password" type="password" autoComplete="current-password" required />
          <button className="button" type="submit" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </Form>
        <p>
          Taking part in a workshop? <a href="/join">Join with a room code</a>.
        </p>
      </main>
    </>
  );
}
