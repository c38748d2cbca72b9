import type { ReactNode } from "react";
import type { PublicBoardMeta, PublicCard } from "../../../server/domain/board";
import { BoardCard } from "./board-card";

/**
 * The cards: under their themes while grouping and voting, most-voted first
 * when the room discusses them.
 */
export function CardsBoard({
  cards,
  meta,
  groupName,
  actions,
  emptyText,
}: {
  cards: PublicCard[];
  meta: PublicBoardMeta;
  groupName: (groupId: string) => string;
  actions?: (card: PublicCard) => ReactNode;
  emptyText: string;
}) {
  const spotlit = (card: PublicCard) => meta.spotlight?.kind === "card" && meta.spotlight.cardId === card.id;
  const list = (items: PublicCard[]) => (
    <ul className="board-cards">
      {items.map((card) => (
        <li key={card.id}>
          <BoardCard card={card} groupName={groupName} spotlit={spotlit(card)}>
            {actions?.(card)}
          </BoardCard>
        </li>
      ))}
    </ul>
  );

  if (cards.length === 0) return <p className="muted">{emptyText}</p>;

  if (meta.step === "discuss") {
    const ranked = [...cards].sort((a, b) => b.votes - a.votes || a.createdAt - b.createdAt);
    return (
      <div className="stack">
        <h3>Most votes first</h3>
        {list(ranked)}
      </div>
    );
  }

  if (meta.themes.length === 0 || meta.step === "results" || meta.step === "cards") return list(cards);

  const ungrouped = cards.filter((c) => c.themeId === null || !meta.themes.some((t) => t.id === c.themeId));
  return (
    <div className="stack">
      {meta.themes.map((theme) => {
        const inTheme = cards.filter((c) => c.themeId === theme.id);
        return (
          <section key={theme.id} className="theme" aria-labelledby={`theme-${theme.id}`} data-testid="theme">
            <h3 id={`theme-${theme.id}`}>
              {theme.title} <span className="muted small">({inTheme.length})</span>
            </h3>
            {inTheme.length ? list(inTheme) : <p className="muted">No cards in this theme yet.</p>}
          </section>
        );
      })}
      {ungrouped.length > 0 ? (
        <section className="theme" aria-labelledby="theme-none">
          <h3 id="theme-none">Not grouped yet</h3>
          {list(ungrouped)}
        </section>
      ) : null}
    </div>
  );
}
