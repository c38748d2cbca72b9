import { CARD_KIND_LABELS } from "../../../server/domain/board";
import type { BoardReport } from "../../../server/services/reports/board-lines";
import { SwapText } from "./notes-section";

/** What the room put on the plenary board, most votes first, with its theme. */
export function BoardSection({ board }: { board: BoardReport | null }) {
  return (
    <section className="card report-section" aria-labelledby="board-report-heading">
      <h2 id="board-report-heading">From the debrief board</h2>
      {!board || board.cards.length === 0 ? (
        <p className="muted">{board ? "Nothing was put on the board." : "The plenary debrief has not started."}</p>
      ) : (
        <>
          <p className="muted">
            {board.cards.length} card{board.cards.length === 1 ? "" : "s"}
            {board.themes.length ? ` in ${board.themes.length} theme${board.themes.length === 1 ? "" : "s"}` : ""} · {board.votesPerPerson} votes per person
          </p>
          <ol className="note-list" data-testid="board-report">
            {board.cards.map((card) => (
              <li key={card.id}>
                <strong>
                  {card.votes} vote{card.votes === 1 ? "" : "s"}
                </strong>{" "}
                · {CARD_KIND_LABELS[card.kind]}
                {card.theme ? ` · ${card.theme}` : ""}:{" "}
                {card.kind === "swap" && card.insteadOf ? <SwapText insteadOf={card.insteadOf} say={card.text} /> : <span>{card.text}</span>}
                <span className="note-meta muted">
                  {" "}
                  — {card.authorName}
                  {card.from ? `, ${card.from.groupName} round ${card.from.round}` : ""}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
