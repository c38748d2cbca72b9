import type { ParticipantView } from "../../../server/domain/workshop/views";
import { MicCheck } from "~/components/audio/mic-check";
import { PrivacyNote } from "~/components/field";
import { SCREEN_HEADING_ID } from "./phase-header";

/** Before the facilitator places the viewer in a group: who is here, and what happens next. */
export function LobbyScreen({ view, me }: { view: ParticipantView; me: { id: string; displayName: string } }) {
  const roundsRunning = view.stage === "rounds";
  return (
    <div className="stack">
      <header className="p-phase-header p-tone-waiting">
        <h1 id={SCREEN_HEADING_ID} tabIndex={-1} className="p-screen-heading">
          <span className="p-phase-name">Waiting for a group</span>
        </h1>
      </header>
      <div className="card stack">
        <p className="lead" data-testid="lobby-welcome">
          You&apos;re in as <strong>{me.displayName}</strong>. Wait here — the facilitator will put you in a group.
        </p>
        {roundsRunning ? <p>A round is already under way. If you are placed in a group during a round, you start by observing.</p> : null}
        <PrivacyNote />
      </div>
      <MicCheck />
      <section className="card" aria-labelledby="lobby-people">
        <h2 id="lobby-people">
          Who&apos;s here <span className="badge">{view.rosterCount}</span>
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
        {view.rosterCount > view.roster.length ? (
          <p className="muted" data-testid="lobby-roster-more">
            and {view.rosterCount - view.roster.length} more
          </p>
        ) : null}
      </section>
    </div>
  );
}
