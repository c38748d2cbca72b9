import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import { SiteHeader } from "~/components/site-header";
import { signInHeaders } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Set up Rolecall" }];

export function loader({ context }: LoaderFunctionArgs) {
  if (!context.services.auth.needsSetup()) throw redirect("/login");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const result = await context.services.auth.createFirstFacilitator({
    name: form.get("name") ?? "",
    email: form.get("email") ?? "",
    password: form.get("password") ?? "",
  });
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
          <Field label="Your name" name="name" autoComplete="name" required maxLength={80} error={errors.name} />
          <Field label="E-mail" name="email" type="email" autoComplete="email" required error={errors.email} />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            hint="At least 12 characters."
            error={errors.password}
          />
          <button className="button" type="submit" disabled={busy}>
            {busy ? "Creating…" : "Create account"}
          </button>
        </Form>
      </main>
    </>
  );
}
