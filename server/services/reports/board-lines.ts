import type { BoardState, CardKind } from "../../domain/board";

/** A card from the plenary board, as the report and the JSON export keep it. */
export interface BoardCardLine {
  id: string;
  kind: CardKind;
  text: string;
  insteadOf: string | null;
  votes: number;
  theme: string | null;
  source: "note" | "participant" | "facilitator";
  /** The room a promoted note came from. */
  from: { groupName: string; round: number } | null;
  authorName: string;
}

export interface BoardReport {
  votesPerPerson: number;
  themes: string[];
  /** Most votes first. */
  cards: BoardCardLine[];
}

/**
 * What the room put on the debrief board, for the trainer to keep: cards
 * with their totals and themes. Who voted for what is not kept here.
 */
export function boardReport(board: BoardState | null, groupName: (groupId: string) => string): BoardReport | null {
  if (!board) return null;
  const themes = new Map(board.themes.map((t) => [t.id, t.title]));
  const cards = board.cards.map(
    (card): BoardCardLine => ({
      id: card.id,
      kind: card.kind,
      text: card.text,
      insteadOf: card.insteadOf,
      votes: Object.values(board.votes[card.id] ?? {}).reduce((sum, n) => sum + n, 0),
      theme: card.themeId ? (themes.get(card.themeId) ?? null) : null,
      source: card.origin.type === "note" ? "note" : card.addedBy === null ? "facilitator" : "participant",
      from: card.origin.type === "note" ? { groupName: groupName(card.origin.groupId), round: card.origin.round } : null,
      authorName: card.authorName,
    }),
  );
  return { votesPerPerson: board.votesPerPerson, themes: board.themes.map((t) => t.title), cards: cards.sort((a, b) => b.votes - a.votes) };
}
