import type { CriterionComparison } from "../../../server/domain/scoring/comparison";
import { DISAGREEMENT_SPREAD, type ScoreMap } from "../../../server/domain/scoring/types";

interface Rater {
  id: string;
  displayName: string;
}

interface LevelInfo {
  id: string;
  levels: { value: number; label: string }[];
}

/**
 * Everyone's submitted scores side by side, criterion by criterion. A spread
 * of two levels or more is marked: that is where the group talks first.
 */
export function ScoreComparison({
  comparison,
  raters,
  selfName,
  criteria,
  agreed,
  headingId,
  heading = "Scores side by side",
}: {
  comparison: CriterionComparison[];
  raters: Rater[];
  /** Shown as a column when the staff member's self-assessment is part of the comparison. */
  selfName?: string | null;
  criteria?: LevelInfo[];
  /** The group's agreed scores (shared sheet); editable in the room debrief. */
  agreed?: { values: ScoreMap; onChange?: (criterionId: string, value: number | null) => void };
  headingId: string;
  heading?: string;
}) {
  const submittedIds = new Set(comparison.flatMap((c) => c.ratings.map((r) => r.raterId)));
  const columns = raters.filter((r) => submittedIds.has(r.id));
  const showSelf = comparison.some((c) => c.self !== null);
  const labelOf = (criterionId: string, value: number) => criteria?.find((c) => c.id === criterionId)?.levels.find((l) => l.value === value)?.label;
  const disagreements = comparison.filter((c) => c.disagreement);

  return (
    <section className="score-comparison" aria-labelledby={headingId} data-testid="score-comparison">
      <h3 id={headingId}>{heading}</h3>
      {disagreements.length > 0 ? (
        <p className="disagreement-summary" data-testid="disagreement-summary">
          <span aria-hidden="true">◆ </span>
          Observers are {DISAGREEMENT_SPREAD}+ levels apart on {disagreements.map((c) => c.title).join(", ")}. Start there.
        </p>
      ) : columns.length > 1 ? (
        <p className="muted">No criterion has observers {DISAGREEMENT_SPREAD} or more levels apart.</p>
      ) : null}
      {/* Scrolls sideways on a phone, so it takes focus for keyboard scrolling. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`${heading}: table`}>
        <table className="table comparison-table">
          <caption className="visually-hidden">{heading}: one row per criterion, one column per person.</caption>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              {columns.map((r) => (
                <th scope="col" key={r.id}>
                  {r.displayName}
                </th>
              ))}
              {showSelf ? <th scope="col">{selfName ? `${selfName} (self)` : "Self-assessment"}</th> : null}
              {agreed ? <th scope="col">Agreed</th> : null}
            </tr>
          </thead>
          <tbody>
            {comparison.map((c) => (
              <tr key={c.criterionId} className={c.disagreement ? "disagree" : undefined} data-testid="comparison-row" data-criterion={c.criterionId} data-disagreement={c.disagreement}>
                <th scope="row">
                  {c.title}
                  {c.disagreement ? (
                    <span className="badge disagreement-badge">
                      <span aria-hidden="true">◆ </span>
                      {c.spread} levels apart
                    </span>
                  ) : null}
                  {c.selfGap ? <span className="badge self-gap-badge">self-view differs</span> : null}
                </th>
                {columns.map((r) => {
                  const value = c.ratings.find((x) => x.raterId === r.id)?.value;
                  return (
                    <td key={r.id} data-rater={r.id}>
                      {value === undefined ? "–" : <Score value={value} label={labelOf(c.criterionId, value)} />}
                    </td>
                  );
                })}
                {showSelf ? <td data-rater="self">{c.self === null ? "–" : <Score value={c.self} label={labelOf(c.criterionId, c.self)} />}</td> : null}
                {agreed ? (
                  <td>
                    {agreed.onChange ? (
                      <AgreedSelect criterion={c} levels={criteria?.find((x) => x.id === c.criterionId)?.levels ?? []} value={agreed.values[c.criterionId] ?? null} onChange={agreed.onChange} />
                    ) : agreed.values[c.criterionId] !== undefined ? (
                      <Score value={agreed.values[c.criterionId]!} label={labelOf(c.criterionId, agreed.values[c.criterionId]!)} />
                    ) : (
                      "–"
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <BehaviourSummary comparison={comparison} raters={raters} />
    </section>
  );
}

function Score({ value, label }: { value: number; label?: string }) {
  return (
    <span className="score-cell">
      <strong>{value}</strong>
      {label ? <span className="score-label"> {label}</span> : null}
    </span>
  );
}

function AgreedSelect({
  criterion,
  levels,
  value,
  onChange,
}: {
  criterion: CriterionComparison;
  levels: { value: number; label: string }[];
  value: number | null;
  onChange: (criterionId: string, value: number | null) => void;
}) {
  const id = `agreed-${criterion.criterionId}`;
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        Agreed score for {criterion.title}
      </label>
      <select id={id} className="agreed-select" value={value ?? ""} onChange={(e) => onChange(criterion.criterionId, e.target.value === "" ? null : Number(e.target.value))}>
        <option value="">Not agreed yet</option>
        {levels.map((l) => (
          <option key={l.value} value={l.value}>
            {l.value} · {l.label}
          </option>
        ))}
      </select>
    </>
  );
}

function BehaviourSummary({ comparison, raters }: { comparison: CriterionComparison[]; raters: Rater[] }) {
  const nameOf = (id: string) => raters.find((r) => r.id === id)?.displayName ?? "someone";
  const ticked = comparison.flatMap((c) => c.behaviours.filter((b) => b.tickedBy.length > 0).map((b) => ({ criterion: c.title, ...b })));
  if (ticked.length === 0) return null;
  return (
    <div className="behaviour-summary">
      <p className="label">Behaviours seen</p>
      <ul className="brief-list">
        {ticked.map((b) => (
          <li key={`${b.criterion}-${b.id}`}>
            {b.text} <span className="muted">({b.criterion}: {b.tickedBy.map(nameOf).join(", ")})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
