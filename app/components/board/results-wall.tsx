import { FELT_HEARD_LABELS } from "../../../server/domain/scoring/types";
import type { Spotlight } from "../../../server/domain/board";
import type { ResultsWall as Wall, WallCell, WallColumn, WallRow } from "../../../server/services/board/results-wall";
import { DifficultyBadge } from "../difficulty";

/** Five bands from the bottom of the scale to the top; the number is always printed in the cell too. */
export function heatBand(mean: number | null, scale: { min: number; max: number }): number | null {
  if (mean === null || scale.max === scale.min) return null;
  const share = (mean - scale.min) / (scale.max - scale.min);
  return Math.min(4, Math.max(0, Math.floor(share * 5)));
}

const one = (n: number) => (Math.round(n * 10) / 10).toLocaleString("en", { maximumFractionDigits: 1 });
const percent = (n: number | null) => (n === null ? "—" : `${Math.round(n * 100)}%`);

export function columnLabel(column: Pick<WallColumn, "groupName" | "round">) {
  return `${column.groupName}, round ${column.round}`;
}

/**
 * Criteria × groups as a heat map. Each cell prints the observers' mean (the
 * colour only repeats it), the staff member's own score beside it, and a
 * mark where observers were two or more levels apart.
 */
export function ResultsWall({
  wall,
  spotlight,
  onSpotlight,
  compact = false,
}: {
  wall: Wall;
  spotlight: Spotlight;
  /** Facilitator only: puts one group's turn on every screen. */
  onSpotlight?: (column: WallColumn | null) => void;
  compact?: boolean;
}) {
  if (wall.columns.length === 0) {
    return <p className="muted">No scores were recorded in the rounds, so there is nothing to show here yet.</p>;
  }
  const spotlit = (c: WallColumn) => spotlight?.kind === "performance" && spotlight.groupId === c.groupId && spotlight.round === c.round;
  const hardCases = wall.columns.filter((c) => c.hardCaseWentWell);
  return (
    <div className="stack">
      {hardCases.length > 0 ? (
        <div className="hard-cases" data-testid="hard-cases">
          <h3>
            <span aria-hidden="true">★ </span>Hard cases that went well
          </h3>
          <ul>
            {hardCases.map((c) => (
              <li key={c.key}>
                <strong>{columnLabel(c)}</strong>: {c.scenarioTitle ?? "unknown scenario"}
                {c.difficulty ? ` (difficulty ${c.difficulty.score}/10)` : ""}, observers {percent(c.overall)}
              </li>
            ))}
          </ul>
          <p className="muted small">{wall.hardCaseRule}</p>
        </div>
      ) : null}
      <div className="table-scroll" role="region" aria-label="Scores by criterion and group (scrolls sideways)" tabIndex={0}>
        <table className={`results-wall ${compact ? "compact" : ""}`} data-testid="results-wall">
          <caption className="visually-hidden">
            Observers&apos; mean score per criterion for each group&apos;s turn, with the staff member&apos;s self-assessment and the patient&apos;s answer
          </caption>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              {wall.columns.map((c) => (
                <th key={c.key} scope="col" className={spotlit(c) ? "spotlit" : undefined} data-testid="wall-column">
                  <span className="wall-group">{columnLabel(c)}</span>
                  {c.hardCaseWentWell ? (
                    <span className="badge ok hard-case-badge">
                      <span aria-hidden="true">★ </span>Hard case, went well
                    </span>
                  ) : null}
                  <span className="wall-scenario">{c.scenarioTitle ?? "Unknown scenario"}</span>
                  {c.difficulty ? <DifficultyBadge index={c.difficulty} /> : null}
                  <span className="muted small">
                    {c.observerCount} observer{c.observerCount === 1 ? "" : "s"}
                  </span>
                  {onSpotlight ? (
                    <button type="button" className="button small secondary" aria-pressed={spotlit(c)} onClick={() => onSpotlight(spotlit(c) ? null : c)}>
                      {spotlit(c) ? "Clear spotlight" : "Spotlight"}
                      <span className="visually-hidden"> {columnLabel(c)}</span>
                    </button>
                  ) : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {wall.rows.map((row) => (
              <tr key={row.criterionId}>
                <th scope="row">
                  {row.title}
                  <span className="muted small"> ({row.scale.min}–{row.scale.max})</span>
                </th>
                {wall.columns.map((c) => (
                  <HeatCell key={c.key} cell={c.cells[row.criterionId]} row={row} spotlit={spotlit(c)} />
                ))}
              </tr>
            ))}
            <tr className="wall-overall">
              <th scope="row">Overall (weighted)</th>
              {wall.columns.map((c) => (
                <td key={c.key} className={spotlit(c) ? "spotlit" : undefined}>
                  Observers {percent(c.overall)}
                  <span className="wall-self">Self {percent(c.selfOverall)}</span>
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">Patient felt heard</th>
              {wall.columns.map((c) => (
                <td key={c.key} className={spotlit(c) ? "spotlit" : undefined} data-testid="wall-patient">
                  {c.patientFeltHeard ? FELT_HEARD_LABELS[c.patientFeltHeard] : "Not answered"}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <p className="muted small">
        Each cell: the observers&apos; mean, and the staff member&apos;s own score as “self”. <span aria-hidden="true">⚑</span> marks observers two or more levels
        apart — worth a word about what each of them saw.
        {wall.disagreements > 0 ? ` ${wall.disagreements} such cell${wall.disagreements === 1 ? "" : "s"} today.` : ""} Agreement between observers:{" "}
        {wall.agreement.words}
      </p>
    </div>
  );
}

function HeatCell({ cell, row, spotlit }: { cell: WallCell | undefined; row: WallRow; spotlit: boolean }) {
  const band = cell ? heatBand(cell.mean, row.scale) : null;
  const classes = ["heat", band === null ? "heat-none" : `heat-${band}`, spotlit ? "spotlit" : ""].filter(Boolean).join(" ");
  if (!cell || cell.mean === null) {
    return (
      <td className={classes}>
        <span className="heat-mean">—</span>
        <span className="visually-hidden">not scored</span>
      </td>
    );
  }
  return (
    <td className={classes} data-testid="heat-cell">
      <span className="heat-mean">{one(cell.mean)}</span>
      {cell.disagreement ? (
        <span className="heat-flag" title={`Observers ${cell.spread ?? 2} levels apart`}>
          <span aria-hidden="true">⚑</span>
          <span className="visually-hidden"> observers {cell.spread ?? 2} levels apart</span>
        </span>
      ) : null}
      <span className="wall-self">{cell.self === null ? "self —" : `self ${cell.self}`}</span>
    </td>
  );
}
