import { votesUsed } from "./decide-board";
import type { BoardState, BoardStep, BoardTheme, CardKind, Spotlight } from "./types";

/** A card as every screen sees it: no ids of people, a name only while names are shown. */
export interface PublicCard {
  id: string;
  kind: CardKind;
  text: string;
  insteadOf: string | null;
  /** An observer's note from a room, or a card written on the board. */
  source: "note" | "participant" | "facilitator";
  /** The room and round a promoted note came from. */
  from: { groupId: string; round: number } | null;
  author: string | null;
  themeId: string | null;
  votes: number;
  createdAt: number;
}

export interface PublicBoardMeta {
  step: BoardStep;
  votesPerPerson: number;
  showNames: boolean;
  spotlight: Spotlight;
  themes: BoardTheme[];
}

export interface PublicBoard {
  meta: PublicBoardMeta;
  cards: PublicCard[];
}

/**
 * What the server writes into the shared document. Authorship and votes per
 * person are left out here, not hidden by the client: a Yjs document is sent
 * whole to everyone who opens it.
 */
export function publicBoard(board: BoardState): PublicBoard {
  return {
    meta: { step: board.step, votesPerPerson: board.votesPerPerson, showNames: board.showNames, spotlight: board.spotlight, themes: board.themes },
    cards: board.cards.map((card) => ({
      id: card.id,
      kind: card.kind,
      text: card.text,
      insteadOf: card.insteadOf,
      source: card.origin.type === "note" ? "note" : card.addedBy === null ? "facilitator" : "participant",
      from: card.origin.type === "note" ? { groupId: card.origin.groupId, round: card.origin.round } : null,
      author: board.showNames ? card.authorName : null,
      themeId: card.themeId,
      votes: Object.values(board.votes[card.id] ?? {}).reduce((sum, n) => sum + n, 0),
      createdAt: card.createdAt,
    })),
  };
}

/** One participant's own side of the board, sent only to them. */
export interface MyBoard {
  /** cardId → votes I placed on it. */
  votes: Record<string, number>;
  votesLeft: number;
  /** Cards I added (and may take back). */
  cardIds: string[];
}

export function myBoard(board: BoardState, participantId: string): MyBoard {
  const votes: Record<string, number> = {};
  for (const [cardId, onCard] of Object.entries(board.votes)) if (onCard[participantId]) votes[cardId] = onCard[participantId]!;
  const mine = board.cards.filter((c) => c.addedBy === participantId);
  return {
    votes,
    votesLeft: Math.max(0, board.votesPerPerson - votesUsed(board, participantId)),
    cardIds: mine.map((c) => c.id),
  };
}
