import { DismissibleMessage } from "~/components/dismissible-message";
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { formatRoomCode } from "../../server/domain/workshop/room-code";
import type { WorkshopPlan } from "../../server/domain/workshop/types";
import { toFacilitatorView, type FacilitatorView } from "../../server/domain/workshop/views";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { ListenInProvider } from "~/components/audio/listen-in";
import { ConnectionStatus } from "~/components/connection-status";
import { FacilitatorBoard } from "~/components/board/lazy-board";
import { GlobalControls } from "~/components/console/global-controls";
import { GroupCard } from "~/components/console/group-card";
import { LobbyPanel } from "~/components/console/lobby-panel";
import { PlanForm } from "~/components/console/plan-form";
import { useConsoleCommands } from "~/components/console/use-console-commands";
import { SiteHeader } from "~/components/site-header";
import { useWorkshopSocket } from "~/realtime/use-workshop-socket";
import { requireFacilitator, requireOwnWorkshop } from "~/utils/auth.server";
import { isLoopbackUrl, joinUrlFor, qrSvg } from "~/utils/join-url.server";
import { templateFormSchema } from "~/utils/plan-template-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.initialView.title ?? "Workshop"} — Rolecall console` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const me = await requireFacilitator(request, context);
  const { state, version } = requireOwnWorkshop(context, me, params.workshopId);
  const { catalog, planTemplates, presence, content } = context.services;
  const joinUrl = joinUrlFor(request, context, state.code);
  return json({
    me,
    initialView: toFacilitatorView(state, version, presence.connectedIn(state.id), content, context.now()),
    displayCode: formatRoomCode(state.code),
    joinUrl,
    joinUrlIsLoopback: isLoopbackUrl(joinUrl),
    qr: await qrSvg(joinUrl),
    scenarios: catalog.scenarios.map((s) => ({
      id: s.id,
      title: s.title,
      durationMinutes: s.durationMinutes,
      rubricId: s.rubric,
      difficulty: { score: s.difficultyIndex.score, level: s.difficultyIndex.level },
    })),
    rubrics: catalog.rubrics.map((r) => ({ id: r.id, title: r.title })),
    templates: planTemplates.listFor(me.id).map((t) => ({ id: t.id, name: t.name, plan: t.plan as WorkshopPlan })),
  });
}

/** Plan templates are the facilitator's own, kept across workshops. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const me = await requireFacilitator(request, context);
  requireOwnWorkshop(context, me, params.workshopId);
  const form = Object.fromEntries(await request.formData());
  if (form.intent !== "saveTemplate") return json({ ok: false, message: "Unknown action." }, { status: 400 });
  const parsed = templateFormSchema.safeParse(form);
  if (!parsed.success) return json({ ok: false, message: parsed.error.issues[0]?.message ?? "That template is not valid." }, { status: 400 });
  context.services.planTemplates.upsert({ id: crypto.randomUUID(), facilitatorId: me.id, name: parsed.data.name, plan: parsed.data.plan, createdAt: context.now() });
  return json({ ok: true, message: `Saved “${parsed.data.name}”.` });
}

export default function Console() {
  const { me, initialView, displayCode, joinUrl, joinUrlIsLoopback, qr, scenarios, rubrics, templates } = useLoaderData<typeof loader>();
  const live = useWorkshopSocket<FacilitatorView>(initialView.workshopId, "facilitator");
  const view = live.view ?? initialView;
  const { run, message, clearMessage } = useConsoleCommands(live.send, view.version);
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const [reason, setReason] = useState("");
  const [ending, setEnding] = useState(false);
  const ended = view.status === "ended";
  const connectedCount = view.roster.filter((p) => p.connected).length;
  const roundActive = view.groups.some((g) => ["briefing", "roleplay", "reset", "debrief"].includes(g.phase));
  const groupChoices = view.groups.map((g) => ({ id: g.id, name: g.name }));
  const helpCount = view.groups.filter((g) => g.help).length;

  async function confirmRemove() {
    if (!removing) return;
    await run({ type: "removeParticipant", participantId: removing.id, reason: reason.trim() || null }, `${removing.name} was removed.`);
    setRemoving(null);
    setReason("");
  }

  async function confirmEnd() {
    await run({ type: "endWorkshop" }, "The workshop has ended. Its code no longer works.");
    setEnding(false);
  }

  return (
    <>
      <SiteHeader facilitatorName={me.name} />
      <main id="main" className="page wide">
        <div className="row" style={{ justifyContent: "space-between" }}>
          <div>
            <h1>{view.title}</h1>
            <p className="muted">
              {view.teamLabel ? `${view.teamLabel} · ` : ""}
              {ended ? "Ended" : `Room code ${displayCode}`} · {view.roster.length} joined · {connectedCount} connected now
              {helpCount > 0 ? (
                <strong className="help-count">
                  {" "}
                  · {helpCount} help request{helpCount === 1 ? "" : "s"}
                </strong>
              ) : null}
            </p>
          </div>
          <div className="row">
            <Link className="button secondary" to={`/w/${view.workshopId}/present`} target="_blank" rel="noopener">
              Presenter view<span className="visually-hidden"> (opens in a new tab)</span>
            </Link>
            <Link className="button secondary" to={`/w/${view.workshopId}/report`}>
              Report
            </Link>
            <ConnectionStatus state={live.connection} />
          </div>
        </div>
        <DismissibleMessage message={message} onDismiss={clearMessage} />

        {!ended ? (
          <details className="card join-details" open={view.round === 0}>
            <summary>
              <h2 id="join-heading">How people join</h2>
            </summary>
            <div className="join-panel">
              <div className="qr" role="img" aria-label={`QR code for ${joinUrl}`} dangerouslySetInnerHTML={{ __html: qr }} />
              <div className="stack">
                <div>
                  <div className="label">Room code</div>
                  <div className="room-code" data-testid="room-code" aria-label={`Room code ${view.code.split("").join(" ")}`}>
                    {displayCode}
                  </div>
                </div>
                <div>
                  <div className="label">Join link</div>
                  <a href={joinUrl} data-testid="join-link">
                    {joinUrl}
                  </a>
                </div>
                {joinUrlIsLoopback ? (
                  <p className="alert warn">
                    This link only works on this computer. For phones on the same network, start Rolecall with PUBLIC_URL set to this machine&apos;s network
                    address.
                  </p>
                ) : null}
              </div>
            </div>
          </details>
        ) : null}

        {!ended ? <GlobalControls view={view} run={run} /> : null}

        {view.stage === "plenary" && !ended ? <FacilitatorBoard workshopId={view.workshopId} socket={live.socket} onCloseWorkshop={() => setEnding(true)} /> : null}

        {view.groups.length > 0 ? (
          <section aria-labelledby="groups-heading">
            <h2 id="groups-heading">Groups</h2>
            <ListenInProvider socket={live.socket}>
            <div className="group-grid">
              {view.groups.map((group) => (
                <GroupCard
                  key={group.id}
                  group={group}
                  groups={groupChoices}
                  serverNow={view.serverNow}
                  scenarios={scenarios}
                  canEditLineup={!ended}
                  run={run}
                />
              ))}
            </div>
            </ListenInProvider>
          </section>
        ) : null}

        <div className="grid-2">
          <section className="card" aria-labelledby="roster-heading">
            <h2 id="roster-heading">{view.groups.length > 0 ? "Waiting in the lobby" : "People"}</h2>
            <p className="muted" data-testid="roster-count">
              {view.roster.length} joined · {connectedCount} connected now
            </p>
            <LobbyPanel people={view.lobby} groups={groupChoices} ended={ended} onRemove={setRemoving} run={run} />
            {view.departed.length > 0 ? (
              <p className="muted">Left or removed: {view.departed.map((p) => `${p.displayName} (${p.kind})`).join(", ")}</p>
            ) : null}
          </section>
          {!ended && view.stage !== "plenary" ? (
            <div className="card">
              <PlanForm current={view.plan} scenarios={scenarios} rubrics={rubrics} templates={templates} locked={roundActive} run={run} />
            </div>
          ) : null}
        </div>

        {!ended ? (
          <section className="card" aria-labelledby="end-heading">
            <h2 id="end-heading">Finish</h2>
            <p>Ending the workshop disconnects everyone and stops the room code from working.</p>
            <button type="button" className="button danger" onClick={() => setEnding(true)}>
              End workshop
            </button>
          </section>
        ) : null}

        <ConfirmDialog open={removing !== null} title={`Remove ${removing?.name ?? ""}?`} confirmLabel="Remove" onConfirm={confirmRemove} onCancel={() => setRemoving(null)}>
          <p>They will see that you removed them and cannot rejoin under this name from this device.</p>
          <div className="field">
            <label htmlFor="remove-reason">Message for them (optional)</label>
            <input id="remove-reason" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
          </div>
        </ConfirmDialog>
        <ConfirmDialog open={ending} title="End this workshop?" confirmLabel="End workshop" onConfirm={confirmEnd} onCancel={() => setEnding(false)}>
          <p>Everyone is disconnected and the code {displayCode} stops working. This cannot be undone.</p>
        </ConfirmDialog>
      </main>
    </>
  );
}
