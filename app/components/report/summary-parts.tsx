/**
 * Parts of a participant's own summary. No chart library here: this page is
 * opened on phones at the end of a workshop and must stay light.
 */
import { FELT_HEARD_LABELS, NOTE_KIND_LABELS } from "../../../server/domain/scoring/types";
import type { SummaryNote, SummaryTurn } from "../../../server/services/reports/report-types";
import { DifficultyBadge } from "../difficulty";
import { formatLevel, plural } from "./format";
import { SwapText } from "./notes-section";

function LevelBar({ value, scale }: { value: number | null; scale: { min: number; max: number } }) {
  if (value === null) return null;
  const share = Math.max(0, Math.min(1, (value - scale.min) / (scale.max - scale.min)));
  return (
    <span className="level-bar" aria-hidden="true">
      <span style={{ width: `${Math.round(share * 100)}%` }} />
    </span>
  );
}

export function SummaryTurnCard({ turn }: { turn: SummaryTurn }) {
  const headingId = `turn-${turn.round}`;
  return (
    <section className="card summary-turn" aria-labelledby={headingId} data-testid="summary-turn">
      <h3 id={headingId}>Round {turn.round}: you as the staff member</h3>
      <p className="turn-meta">
        <span>{turn.scenario?.title ?? "Scenario not recorded"}</span>{" "}
        {turn.scenario?.difficulty ? <DifficultyBadge index={turn.scenario.difficulty} /> : null}
        <span className="muted"> · {plural(turn.observerCount, "observer")} scored you</span>
      </p>
      <ul className="summary-criteria">
        {turn.criteria.map((c) => (
          <li key={c.criterionId} className={c.disagreement ? "disagreement" : undefined} data-testid="summary-criterion">
            <h4>
              {c.title} <span className="muted small-print">(scale {c.scale.min}–{c.scale.max})</span>
              {c.disagreement ? <span className="flag small-print"> ⚑ observers {c.spread} levels apart</span> : null}
            </h4>
            <dl className="summary-scores">
              <div>
                <dt>Observers</dt>
                <dd>{c.observerScores.length ? c.observerScores.join(", ") : "—"}</dd>
              </div>
              <div>
                <dt>Their mean</dt>
                <dd>
                  <LevelBar value={c.mean} scale={c.scale} />
                  {formatLevel(c.mean)}
                </dd>
              </div>
              <div>
                <dt>You</dt>
                <dd>{formatLevel(c.self, 0)}</dd>
              </div>
              <div>
                <dt>Agreed</dt>
                <dd>{formatLevel(c.agreed, 0)}</dd>
              </div>
            </dl>
            {c.behaviours.length ? (
              <ul className="plain-list small-print">
                {c.behaviours.map((b) => (
                  <li key={b.text}>
                    ✓ {b.text} <span className="muted">({plural(b.ticks, "observer")} saw this)</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      {turn.criteria.some((c) => c.disagreement) ? (
        <p className="muted small-print">Where observers were two or more levels apart, they saw the moment differently: worth asking them what they noticed.</p>
      ) : null}
      {turn.patient ? (
        <p>
          <strong>The patient felt heard: {FELT_HEARD_LABELS[turn.patient.feltHeard].toLowerCase()}.</strong>
          {turn.patient.whatLanded ? (
            <>
              {" "}
              What landed: <q>{turn.patient.whatLanded}</q>
            </>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}

export function SummaryNotes({ notes, testId }: { notes: readonly SummaryNote[]; testId: string }) {
  return (
    <ul className="note-list" data-testid={testId}>
      {notes.map((n) => (
        <li key={n.id}>
          <span className="note-kind">{NOTE_KIND_LABELS[n.kind]}</span>
          {n.kind === "swap" ? <SwapText insteadOf={n.insteadOf} say={n.text} /> : n.kind === "quote" ? <q>{n.text}</q> : <span>{n.text}</span>}
          <span className="note-meta muted">
            {" "}
            — round {n.round}
            {n.criterionTitle ? ` · ${n.criterionTitle}` : ""}
            {n.authorName ? ` · from ${n.authorName}` : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}
