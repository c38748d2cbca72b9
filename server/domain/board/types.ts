/**
 * The plenary debrief board. Its whole state lives on the server (one row per
 * workshop); everyone's screen renders a public projection of it that the
 * server writes into the Yjs document `workshop/{id}/debrief`. Nothing here
 * is sent as it is: who wrote a card and who voted for what stay on the server.
 */

/** The order a facilitator leads the room through. */
export const BOARD_STEPS = ["results", "cards", "group", "vote", "discuss"] as const;
export type BoardStep = (typeof BOARD_STEPS)[number];

export const BOARD_STEP_LABELS: Record<BoardStep, string> = {
  results: "Results",
  cards: "Cards",
  group: "Group",
  vote: "Vote",
  discuss: "Discuss",
};

/**
 * worked — what worked; try — what I would try; swap — a phrase swap
 * ("instead of … say …"); quote — a line heard in the room (promoted notes only).
 */
export const CARD_KINDS = ["worked", "try", "swap", "quote"] as const;
export type CardKind = (typeof CARD_KINDS)[number];
/** What a participant can write on a card of their own. */
export const OWN_CARD_KINDS = ["worked", "try", "swap"] as const;
export type OwnCardKind = (typeof OWN_CARD_KINDS)[number];

export const CARD_KIND_LABELS: Record<CardKind, string> = {
  worked: "What worked",
  try: "What I would try",
  swap: "Phrase swap",
  quote: "Heard in the room",
};

export const CARD_TEXT_MAX = 280;
export const THEME_TITLE_MAX = 60;
export const MAX_THEMES = 12;
export const MAX_CARDS = 300;
export const MAX_CARDS_PER_PERSON = 12;
export const VOTES_PER_PERSON_MAX = 10;
export const DEFAULT_VOTES_PER_PERSON = 3;

export type Spotlight = { kind: "card"; cardId: string } | { kind: "performance"; groupId: string; round: number } | null;

/** Where a card came from: an observer's note promoted from a scoring sheet, or written on the board. */
export type CardOrigin = { type: "note"; noteId: string; groupId: string; round: number } | { type: "own" };

export interface BoardCard {
  id: string;
  kind: CardKind;
  text: string;
  /** For a phrase swap: the line to replace. */
  insteadOf: string | null;
  origin: CardOrigin;
  /** Who put it on the board: a participant id, or null for the facilitator. Never published. */
  addedBy: string | null;
  /** Who wrote the words (the note's observer, or whoever added it). Published only while names are shown. */
  authorName: string;
  themeId: string | null;
  createdAt: number;
}

export interface BoardTheme {
  id: string;
  title: string;
}

export interface BoardState {
  step: BoardStep;
  votesPerPerson: number;
  /** Anonymous by default; the facilitator may show who wrote each card. */
  showNames: boolean;
  spotlight: Spotlight;
  themes: BoardTheme[];
  /** In the order they were added. */
  cards: BoardCard[];
  /** cardId → participantId → votes placed. Never published per person. */
  votes: Record<string, Record<string, number>>;
}

export function emptyBoard(): BoardState {
  return { step: "results", votesPerPerson: DEFAULT_VOTES_PER_PERSON, showNames: false, spotlight: null, themes: [], cards: [], votes: {} };
}
