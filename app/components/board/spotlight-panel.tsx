import type { PublicBoardMeta, PublicCard } from "../../../server/domain/board";
import { FELT_HEARD_LABELS } from "../../../server/domain/scoring/types";
import type { ResultsWall } from "../../../server/services/board/results-wall";
import { cardSource, CardWords } from "./board-card";
import { columnLabel } from "./results-wall";

/**
 * What the facilitator put in the spotlight, at the top of every screen and
 * large on the presenter view. Announced politely to screen readers.
 */
export function SpotlightPanel({
  meta,
  cards,
  wall,
  groupName,
  size = "normal",
}: {
  meta: PublicBoardMeta;
  cards: PublicCard[];
  wall: ResultsWall | null;
  groupName: (groupId: string) => string;
  size?: "normal" | "huge";
}) {
  const target = meta.spotlight;
  const card = target?.kind === "card" ? cards.find((c) => c.id === target.cardId) : undefined;
  const column = target?.kind === "performance" ? wall?.columns.find((c) => c.groupId === target.groupId && c.round === target.round) : undefined;
  return (
    <div aria-live="polite" aria-atomic="true">
      {card || column ? (
        <section className={`spotlight ${size}`} data-testid="spotlight" aria-labelledby="spotlight-heading">
          <h2 id="spotlight-heading" className="spotlight-heading">
            <span aria-hidden="true">◉ </span>In the spotlight
          </h2>
          {card ? (
            <div className="spotlight-card">
              <CardWords card={card} />
              <p className="muted small">
                {cardSource(card, groupName)}
                {card.author ? ` · ${card.author}` : ""} · {card.votes} vote{card.votes === 1 ? "" : "s"}
              </p>
            </div>
          ) : column ? (
            <div className="spotlight-performance">
              <p className="spotlight-title">{columnLabel(column)}</p>
              <p>
                {column.scenarioTitle ?? "Unknown scenario"}
                {column.difficulty ? ` · difficulty ${column.difficulty.score}/10 (${column.difficulty.level})` : ""}
                {column.hardCaseWentWell ? " · ★ hard case, went well" : ""}
              </p>
              <ul className="spotlight-criteria">
                {wall!.rows.map((row) => {
                  const cell = column.cells[row.criterionId];
                  return (
                    <li key={row.criterionId}>
                      <strong>{row.title}</strong>: observers {cell?.mean == null ? "—" : (Math.round(cell.mean * 10) / 10).toString()}, self {cell?.self ?? "—"}
                      {cell?.disagreement ? " · observers disagreed" : ""}
                    </li>
                  );
                })}
              </ul>
              <p>Patient felt heard: {column.patientFeltHeard ? FELT_HEARD_LABELS[column.patientFeltHeard].toLowerCase() : "not answered"}</p>
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
