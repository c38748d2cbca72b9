import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
// Named modules, not the domain barrel: the barrel would pull zod and every schema into the join page's bundle.
import { isActiveParticipant } from "../../server/domain/workshop/participants";
import { formatRoomCode } from "../../server/domain/workshop/room-code";
import { readSignedString } from "../../server/http/cookies";
import type { JoinableWorkshop } from "../../server/services/join-service";
import { Field, FormError, PrivacyNote } from "~/components/field";
import { SiteHeader } from "~/components/site-header";

export const meta: MetaFunction = () => [{ title: "Join a workshop — Rolecall" }];

/** Someone who already joined from this browser goes straight back in. */
async function existingParticipantRedirect(request: Request, context: LoaderFunctionArgs["context"], workshop: JoinableWorkshop) {
  const participantId = await readSignedString(context.cookies.participant(workshop.id), request.headers.get("Cookie"));
  const loaded = context.services.workshops.load(workshop.id);
  if (participantId && loaded && isActiveParticipant(loaded.state, participantId)) throw redirect(`/p/${workshop.id}`);
}

type LoaderData = { step: "code"; code: string; error: string | null } | { step: "details"; workshop: JoinableWorkshop & { displayCode: string } };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const code = new URL(request.url).searchParams.get("code");
  if (!code) return json<LoaderData>({ step: "code", code: "", error: null });
  const check = await context.services.join.checkCode(code, context.clientAddress);
  if (!check.ok) return json<LoaderData>({ step: "code", code: code.slice(0, 12), error: check.message }, { status: check.retryAfterSeconds ? 429 : 200 });
  await existingParticipantRedirect(request, context, check.workshop);
  return json<LoaderData>({ step: "details", workshop: { ...check.workshop, displayCode: formatRoomCode(check.workshop.code) } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const check = await context.services.join.checkCode(form.get("code"), context.clientAddress);
  if (!check.ok) return json({ fieldErrors: { code: check.message } as Record<string, string> }, { status: check.retryAfterSeconds ? 429 : 400 });
  if (form.get("intent") === "code") throw redirect(`/join?code=${check.workshop.code}`);

  await existingParticipantRedirect(request, context, check.workshop);
  const result = context.services.join.join(check.workshop.id, {
    displayName: form.get("displayName") ?? "",
    team: check.workshop.askTeamAndShift ? (form.get("team") ?? "") : undefined,
    shift: check.workshop.askTeamAndShift ? (form.get("shift") ?? "") : undefined,
  });
  if (!result.ok) return json({ fieldErrors: result.fieldErrors }, { status: 400 });
  throw redirect(`/p/${result.workshopId}`, {
    headers: { "Set-Cookie": await context.cookies.participant(result.workshopId).serialize(result.participantId) },
  });
}

export default function Join() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors: Record<string, string | undefined> = actionData?.fieldErrors ?? {};
  return (
    <>
      <SiteHeader />
      <main id="main" className="page narrow">
        {data.step === "code" ? (
          <>
            <h1>Join a workshop</h1>
            <Form method="post" className="card" noValidate>
              <input type="hidden" name="intent" value="code" />
              <Field
                label="Room code"
                name="code"
                className="code-input"
                defaultValue={data.code}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={12}
                required
                hint="6 letters and numbers, shown on the facilitator's screen."
                error={errors.code ?? data.error}
                autoFocus
              />
              <button className="button big" type="submit" disabled={busy}>
                Continue
              </button>
            </Form>
          </>
        ) : (
          <>
            <h1>Join “{data.workshop.title}”</h1>
            <p className="lead">Room {data.workshop.displayCode}</p>
            <Form method="post" className="card" noValidate>
              <input type="hidden" name="intent" value="join" />
              <input type="hidden" name="code" value={data.workshop.code} />
              <FormError message={errors.form ?? errors.code} />
              <Field
                label="Your display name"
                name="displayName"
                autoComplete="nickname"
                maxLength={40}
                required
                hint="Shown to your group. A first name is enough."
                error={errors.displayName}
                autoFocus
              />
              {data.workshop.askTeamAndShift ? (
                <>
                  <Field label="Team (optional)" name="team" maxLength={60} error={errors.team} hint="For example: Outpatient registration" />
                  <Field label="Shift (optional)" name="shift" maxLength={40} error={errors.shift} hint="For example: Early, Late, Night" />
                </>
              ) : null}
              <PrivacyNote />
              <button className="button big" type="submit" disabled={busy} style={{ marginTop: "1rem" }}>
                Join workshop
              </button>
            </Form>
            <p>
              <Link to="/join">Use a different code</Link>
            </p>
          </>
        )}
      </main>
    </>
  );
}
