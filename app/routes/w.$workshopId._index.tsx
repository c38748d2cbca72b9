import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { formatRoomCode, toFacilitatorView, type FacilitatorView } from "../../server/domain/workshop";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { ConnectionStatus } from "~/components/connection-status";
import { SiteHeader } from "~/components/site-header";
import { useWorkshopSocket } from "~/realtime/use-workshop-socket";
import { requireFacilitator, requireOwnWorkshop } from "~/utils/auth.server";
import { isLoopbackUrl, joinUrlFor, qrSvg } from "~/utils/join-url.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.initialView.title ?? "Workshop"} — Rolecall console` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const me = await requireFacilitator(request, context);
  const { state, version } = requireOwnWorkshop(context, me, params.workshopId);
  const joinUrl = joinUrlFor(request, context, state.code);
  return json({
    me,
    initialView: toFacilitatorView(state, version, context.services.presence.connectedIn(state.id)),
    displayCode: formatRoomCode(state.code),
    joinUrl,
    joinUrlIsLoopback: isLoopbackUrl(joinUrl),
    qr: await qrSvg(joinUrl),
  });
}

export default function Console() {
  const { me, initialView, displayCode, joinUrl, joinUrlIsLoopback, qr } = useLoaderData<typeof loader>();
  const live = useWorkshopSocket<FacilitatorView>(initialView.workshopId, "facilitator");
  const view = live.view ?? initialView;
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const [reason, setReason] = useState("");
  const [ending, setEnding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const ended = view.status === "ended";
  const connectedCount = view.roster.filter((p) => p.connected).length;

  async function confirmRemove() {
    if (!removing) return;
    const result = await live.send({ type: "removeParticipant", participantId: removing.id, reason: reason.trim() || null, expectedVersion: view.version });
    setNotice(result.ok ? `${removing.name} was removed.` : result.error.message);
    setRemoving(null);
    setReason("");
  }

  async function confirmEnd() {
    const result = await live.send({ type: "endWorkshop", expectedVersion: view.version });
    setNotice(result.ok ? "The workshop has ended. Its code no longer works." : result.error.message);
    setEnding(false);
  }

  return (
    <>
      <SiteHeader facilitatorName={me.name} />
      <main id="main" className="page">
        <div className="row" style={{ justifyContent: "space-between" }}>
          <div>
            <h1>{view.title}</h1>
            <p className="muted">
              {view.teamLabel ? `${view.teamLabel} · ` : ""}
              {ended ? "Ended" : "Open for joining"}
            </p>
          </div>
          <ConnectionStatus state={live.connection} />
        </div>
        {notice ? (
          <div className="alert info" role="status">
            {notice}
          </div>
        ) : null}
        {live.lastError ? (
          <div className="alert error" role="alert">
            {live.lastError}
          </div>
        ) : null}

        {!ended ? (
          <section className="card" aria-labelledby="join-heading">
            <h2 id="join-heading">How people join</h2>
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
                <div className="row">
                  <Link className="button secondary" to={`/w/${view.workshopId}/present`} target="_blank" rel="noopener">
                    Open presenter view<span className="visually-hidden"> (opens in a new tab)</span>
                  </Link>
                </div>
              </div>
            </div>
          </section>
        ) : null}

        <section className="card" aria-labelledby="roster-heading">
          <div className="row" style={{ justifyContent: "space-between" }}>
            <h2 id="roster-heading">People</h2>
            <p className="muted" aria-live="polite" data-testid="roster-count">
              {view.roster.length} joined · {connectedCount} connected now
            </p>
          </div>
          {view.roster.length === 0 ? (
            <p className="muted">Nobody has joined yet. Share the room code.</p>
          ) : (
            <ul className="roster" data-testid="roster">
              {view.roster.map((p) => (
                <li key={p.id} data-testid="roster-entry" data-connected={p.connected}>
                  <div className="person">
                    <span className={`status-dot ${p.connected ? "online" : ""}`} aria-hidden="true" />
                    <span className="person-name">{p.displayName}</span>
                    <span className="visually-hidden">{p.connected ? "connected" : "not connected"}</span>
                    {p.team || p.shift ? <span className="muted">{[p.team, p.shift].filter(Boolean).join(" · ")}</span> : null}
                  </div>
                  {!ended ? (
                    <button type="button" className="button secondary small" onClick={() => setRemoving({ id: p.id, name: p.displayName })}>
                      Remove<span className="visually-hidden"> {p.displayName}</span>
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {view.departed.length > 0 ? (
            <p className="muted">
              Left or removed: {view.departed.map((p) => `${p.displayName} (${p.kind})`).join(", ")}
            </p>
          ) : null}
        </section>

        {!ended ? (
          <section className="card" aria-labelledby="end-heading">
            <h2 id="end-heading">Finish</h2>
            <p>Ending the workshop disconnects everyone and stops the room code from working.</p>
            <button type="button" className="button danger" onClick={() => setEnding(true)}>
              End workshop
            </button>
          </section>
        ) : null}

        <ConfirmDialog
          open={removing !== null}
          title={`Remove ${removing?.name ?? ""}?`}
          confirmLabel="Remove"
          onConfirm={confirmRemove}
          onCancel={() => setRemoving(null)}
        >
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
