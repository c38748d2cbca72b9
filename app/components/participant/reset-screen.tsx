import { PHASE_LABELS } from "../../../server/domain/workshop/decide-session";
import { PhaseHeader } from "./phase-header";
import { roundOf, type GroupScreenProps } from "./screen-props";

/** A short, quiet pause between a heavy conversation and talking about it. */
export function ResetScreen({ view, group }: GroupScreenProps) {
  return (
    <div className="stack">
      <PhaseHeader
        eyebrow={roundOf(view.round, view.totalRounds)}
        phase={PHASE_LABELS.reset}
        tone="reset"
        timer={group.timer}
        serverNow={view.serverNow}
        countdownSize="large"
      />
      <section className="card p-reset-card" aria-labelledby="reset-heading">
        <h2 id="reset-heading">Take a breath. Shake off the role.</h2>
        <ul className="p-reset-list">
          <li>Breathe out slowly, twice.</li>
          <li>Stand up or stretch your shoulders.</li>
          <li>Performers: say your own name — you are you again, not the character.</li>
        </ul>
        <p className="muted">The room debrief starts when the timer ends.</p>
      </section>
    </div>
  );
}
