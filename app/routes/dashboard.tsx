import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { fieldErrors, formatRoomCode, teamLabelSchema, workshopTitleSchema } from "../../server/domain/workshop";
import { Field, FormError } from "~/components/field";
import { SiteHeader } from "~/components/site-header";
import { requireFacilitator } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Your workshops — Rolecall" }];

const createWorkshopSchema = z.object({
  title: workshopTitleSchema,
  teamLabel: teamLabelSchema,
  askTeamAndShift: z.literal("on").optional().transform((v) => v === "on"),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireFacilitator(request, context);
  const rows = context.services.workshops.listForFacilitator(me.id);
  return json({
    me,
    // Set by the report page after deleting a workshop.
    deleted: new URL(request.url).searchParams.get("deleted") === "1",
    workshops: rows.map((w) => ({
      id: w.id,
      title: w.title,
      teamLabel: w.teamLabel,
      code: formatRoomCode(w.code),
      status: w.status,
      participantCount: w.participantCount,
      createdAt: w.createdAt,
      endedAt: w.endedAt,
    })),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const me = await requireFacilitator(request, context);
  const form = Object.fromEntries(await request.formData());
  const parsed = createWorkshopSchema.safeParse(form);
  if (!parsed.success) return json({ fieldErrors: fieldErrors(parsed.error) }, { status: 400 });
  const { workshopId } = context.services.workshops.createWorkshop(me.id, parsed.data);
  throw redirect(`/w/${workshopId}`);
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

export default function Dashboard() {
  const { me, workshops, deleted } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors: Record<string, string | undefined> = data?.fieldErrors ?? {};
  const active = workshops.filter((w) => w.status === "open");
  const past = workshops.filter((w) => w.status === "ended");
  return (
    <>
      <SiteHeader facilitatorName={me.name} />
      <main id="main" className="page">
        <h1>Your workshops</h1>
        {deleted ? (
          <p className="alert success" role="status">
            The workshop and all its data were deleted.
          </p>
        ) : null}
        <div className="grid-2">
          <section className="card" aria-labelledby="new-heading">
            <h2 id="new-heading">New workshop</h2>
            <Form method="post" noValidate>
              <FormError message={errors.form} />
              <Field label="Title" name="title" required maxLength={120} placeholder="Front desk refresher — March" error={errors.title} />
              <Field
                label="Team or department (optional)"
                name="teamLabel"
                maxLength={80}
                placeholder="Outpatient registration"
                error={errors.teamLabel}
              />
              <div className="checkbox">
                <input type="checkbox" id="askTeamAndShift" name="askTeamAndShift" />
                <label htmlFor="askTeamAndShift">Ask participants for their team and shift when they join (for reports)</label>
              </div>
              <button className="button" type="submit" disabled={busy}>
                Create workshop
              </button>
            </Form>
          </section>
          <section className="card" aria-labelledby="active-heading">
            <h2 id="active-heading">Active</h2>
            {active.length === 0 ? <p className="muted">No active workshops. Create one to get a room code.</p> : <WorkshopList items={active} />}
          </section>
        </div>
        <section className="card" aria-labelledby="past-heading">
          <h2 id="past-heading">Past</h2>
          {past.length === 0 ? <p className="muted">Ended workshops appear here.</p> : <WorkshopList items={past} />}
        </section>
      </main>
    </>
  );
}

function WorkshopList({ items }: { items: ReturnType<typeof useLoaderData<typeof loader>>["workshops"] }) {
  return (
    <ul className="roster">
      {items.map((w) => (
        <li key={w.id}>
          <div>
            <Link to={`/w/${w.id}`} className="person-name">
              {w.title}
            </Link>
            <div className="muted">
              {w.teamLabel ? `${w.teamLabel} · ` : ""}
              {dateFormat.format(new Date(w.createdAt))} · {w.participantCount} joined
            </div>
          </div>
          <div className="row workshop-links">
            {w.status === "open" ? <span className="badge ok">Code {w.code}</span> : <span className="badge muted">Ended</span>}
            <Link to={`/w/${w.id}/report`}>
              Report<span className="visually-hidden"> for {w.title}</span>
            </Link>
            {w.status === "ended" ? (
              <>
                <a href={`/w/${w.id}/export.csv`} download>
                  CSV<span className="visually-hidden"> of the scores of {w.title}</span>
                </a>
                <a href={`/w/${w.id}/export.json`} download>
                  JSON<span className="visually-hidden"> of everything in {w.title}</span>
                </a>
              </>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
