import { Field } from "./field";

/**
 * Name, e-mail and password for a facilitator account: the first-run setup
 * (someone creating their own) and adding a colleague (a temporary password).
 */
export function AccountFields({ errors, forColleague }: { errors: Record<string, string | undefined>; forColleague: boolean }) {
  return (
    <>
      <Field
        label={forColleague ? "Name" : "Your name"}
        name="name"
        autoComplete={forColleague ? "off" : "name"}
        required
        maxLength={80}
        error={errors.name}
      />
      <Field label="E-mail" name="email" type="email" autoComplete={forColleague ? "off" : "email"} required error={errors.email} />
      <Field
        label={forColleague ? "Temporary password" : "Password"}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        hint={forColleague ? "At least 12 characters. Share it privately." : "At least 12 characters."}
        error={errors.password}
      />
    </>
  );
}

/** The same three fields read from a posted form. */
export function accountInput(form: FormData) {
  return { name: form.get("name") ?? "", email: form.get("email") ?? "", password: form.get("password") ?? "" };
}
