import { Link } from "@remix-run/react";
import type { ParticipantView } from "../../../server/domain/workshop/views";
import { PhaseHeader } from "./phase-header";

/** Everyone together; the board itself is on the facilitator's main screen. */
export function PlenaryScreen({ view }: { view: ParticipantView }) {
  return (
    <div className="stack">
      <PhaseHeader eyebrow={view.round > 0 ? `${view.round} round${view.round === 1 ? "" : "s"} played` : null} phase="Plenary debrief" tone="plenary" serverNow={view.serverNow} />
      <section className="card p-plenary-card" aria-labelledby="plenary-look">
        <h2 id="plenary-look">Look at the main screen</h2>
        <p>The facilitator leads the whole room through what came up in the groups. Keep this page open.</p>
        <p>
          <Link to={`/p/${view.workshopId}/summary`} target="_blank" rel="noopener" data-testid="summary-link">
            Your summary<span className="visually-hidden"> (opens in a new tab)</span>
          </Link>{" "}
          — your own scores and the notes about your turns.
        </p>
      </section>
    </div>
  );
}
