import type { ReactNode } from "react";
import { CARD_KIND_LABELS, type PublicCard } from "../../../server/domain/board";

export function cardSource(card: PublicCard, groupName: (groupId: string) => string): string {
  if (card.source === "note" && card.from) return `Observer's note · ${groupName(card.from.groupId)}, round ${card.from.round}`;
  return card.source === "facilitator" ? "From the facilitator" : "Added by a participant";
}

/** The words of a card; a phrase swap shows the line to drop and the line to use. */
export function CardWords({ card }: { card: Pick<PublicCard, "kind" | "text" | "insteadOf"> }) {
  if (card.kind === "swap" && card.insteadOf) {
    return (
      <p className="card-words swap-words">
        <span className="swap-from">
          <span className="label">Instead of</span> “{card.insteadOf}”
        </span>
        <span className="swap-to">
          <span className="label">Try</span> “{card.text}”
        </span>
      </p>
    );
  }
  return <p className="card-words">{card.kind === "quote" ? `“${card.text}”` : card.text}</p>;
}

/** One card on the board; the controls around it depend on who is looking and the step. */
export function BoardCard({
  card,
  groupName,
  spotlit,
  children,
}: {
  card: PublicCard;
  groupName: (groupId: string) => string;
  spotlit: boolean;
  children?: ReactNode;
}) {
  return (
    <article className={`board-card kind-${card.kind} ${spotlit ? "spotlit" : ""}`} data-testid="board-card" aria-label={`${CARD_KIND_LABELS[card.kind]}: ${card.text}`}>
      <p className="card-kind">{CARD_KIND_LABELS[card.kind]}</p>
      <CardWords card={card} />
      <p className="card-meta muted small">
        {cardSource(card, groupName)}
        {card.author ? <> · {card.author}</> : null}
      </p>
      <p className="card-votes" data-testid="card-votes">
        {card.votes} vote{card.votes === 1 ? "" : "s"}
      </p>
      {children ? <div className="card-actions">{children}</div> : null}
    </article>
  );
}
