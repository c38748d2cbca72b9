import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { toParticipantView, type ParticipantView } from "../../server/domain/workshop";
import { readSignedString } from "../../server/http/cookies";
import { ConnectionStatus } from "~/components/connection-status";
import { PrivacyNote } from "~/components/field";
import { SiteHeader } from "~/components/site-header";
import { useWorkshopSocket } from "~/realtime/use-workshop-socket";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Workshop"} — Rolecall` }];

type Gone = { kind: "removed"; reason: string | null } | { kind: "left" } | { kind: "ended" };

async function participantFor(request: Request, context: LoaderFunctionArgs["context"], workshopId: string) {
  const loaded = context.services.workshops.load(workshopId);
  const participantId = await readSignedString(context.cookies.participant(workshopId), request.headers.get("Cookie"));
  const participant = loaded && participantId ? loaded.state.participants[participantId] : undefined;
  return { loaded, participant };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const workshopId = params.workshopId ?? "";
  const { loaded, participant } = await participantFor(request, context, workshopId);
  if (!loaded || !participant) throw redirect("/join");
  const { state, version } = loaded;
  const gone: Gone | null = participant.departure
    ? participant.departure.kind === "removed"
      ? { kind: "removed", reason: participant.departure.reason }
      : { kind: "left" }
    : state.status === "ended"
      ? { kind: "ended" }
      : null;
  return json({
    title: state.title,
    me: { id: participant.id, displayName: participant.displayName },
    gone,
    initialView: gone ? null : toParticipantView(state, version, context.services.presence.connectedIn(state.id)),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const workshopId = params.workshopId ?? "";
  const { participant } = await participantFor(request, context, workshopId);
  if (!participant) throw redirect("/join");
  const form = await request.formData();
  if (form.get("intent") !== "leave") return json({ error: "Unknown action." }, { status: 400 });
  const result = context.services.workshops.execute(workshopId, { type: "leaveWorkshop" }, { kind: "participant", participantId: participant.id });
  if (!result.ok) return json({ error: result.error.message }, { status: 400 });
  throw redirect(`/p/${workshopId}`);
}

export default function ParticipantLobby() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <SiteHeader />
      <main id="main" className="page narrow">
        {data.gone || !data.initialView ? <Farewell gone={data.gone ?? { kind: "ended" }} title={data.title} /> : <Lobby me={data.me} initialView={data.initialView} />}
      </main>
    </>
  );
}

function Farewell({ gone, title }: { gone: Gone; title: string }) {
  return (
    <section className="card stack" data-testid="farewell">
      <h1>{gone.kind === "removed" ? "You were removed from this workshop" : gone.kind === "left" ? "You left this workshop" : "This workshop has ended"}</h1>
      {gone.kind === "removed" ? (
        <>
          <p>The facilitator of “{title}” removed you.</p>
          {gone.reason ? (
            <p>
              Their message: <q>{gone.reason}</q>
            </p>
          ) : null}
          <p>If you think this was a mistake, speak to the facilitator.</p>
        </>
      ) : gone.kind === "ended" ? (
        <p>Thank you for taking part in “{title}”.</p>
      ) : (
        <p>
          You can <Link to="/join">join again with the room code</Link> if you change your mind.
        </p>
      )}
    </section>
  );
}

function Lobby({ me, initialView }: { me: { id: string; displayName: string }; initialView: ParticipantView }) {
  const live = useWorkshopSocket<ParticipantView>(initialView.workshopId, "participant");
  const view = live.view ?? initialView;
  if (live.ending) {
    return (
      <Farewell
        gone={live.ending.kind === "removed" ? { kind: "removed", reason: live.ending.reason } : { kind: "ended" }}
        title={view.title}
      />
    );
  }
  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h1>{view.title}</h1>
        <ConnectionStatus state={live.connection} />
      </div>
      <div className="card stack">
        <p className="lead" data-testid="lobby-welcome">
          You&apos;re in as <strong>{me.displayName}</strong>. Wait here — the facilitator will put you in a group.
        </p>
        <PrivacyNote />
      </div>
      <section className="card" aria-labelledby="lobby-people">
        <h2 id="lobby-people">
          In the lobby <span className="badge">{view.roster.length}</span>
        </h2>
        <ul className="roster" data-testid="lobby-roster">
          {view.roster.map((p) => (
            <li key={p.id} data-testid="lobby-entry" data-connected={p.connected}>
              <span className="person">
                <span className={`status-dot ${p.connected ? "online" : ""}`} aria-hidden="true" />
                <span className="person-name">
                  {p.displayName}
                  {p.id === me.id ? " (you)" : ""}
                </span>
                <span className="visually-hidden">{p.connected ? "connected" : "not connected"}</span>
              </span>
            </li>
          ))}
        </ul>
      </section>
      <Form method="post">
        <input type="hidden" name="intent" value="leave" />
        <button type="submit" className="button secondary">
          Leave workshop
        </button>
      </Form>
    </div>
  );
}
