import { sheetKey } from "../scoring/sheets";
import type { NoteKind } from "../scoring/types";
import { isActiveParticipant, type Actor, type WorkshopState } from "../workshop";
import type { BoardCommand } from "./inputs";
import { MAX_CARDS, MAX_CARDS_PER_PERSON, MAX_THEMES, type BoardCard, type BoardState, type CardKind } from "./types";

export type BoardActor = Exclude<Actor, { kind: "system" }>;

/** An observer's note as materialised when its round ended. */
export interface PromotableNote {
  noteId: string;
  groupId: string;
  round: number;
  authorId: string;
  authorName: string;
  kind: NoteKind;
  text: string;
  insteadOf: string | null;
}

export interface BoardContext {
  now: number;
  newId: () => string;
  workshop: WorkshopState;
  note: (noteId: string) => PromotableNote | undefined;
}

export type BoardErrorCode = "forbidden" | "conflict" | "not-found" | "limit";
export type BoardDecision =
  | {
      ok: true;
      state: BoardState;
      /** Participants whose own side of the board (votes, cards) changed. */
      touched: string[];
    }
  | { ok: false; error: { code: BoardErrorCode; message: string } };

const FACILITATOR_ONLY = new Set<BoardCommand["type"]>(["setBoardStep", "setVotesPerPerson", "setShowNames", "setSpotlight", "addTheme", "renameTheme", "removeTheme", "setCardTheme"]);
const NOTE_TO_CARD: Record<NoteKind, CardKind> = { strength: "worked", try: "try", quote: "quote", swap: "swap" };

const refuse = (code: BoardErrorCode, message: string): BoardDecision => ({ ok: false, error: { code, message } });

/**
 * Who may do what on the board, and what it looks like after. Pure: the
 * board service loads the state, calls this, and stores and publishes the
 * result. Every rule a client could be tempted to skip (vote limits, who may
 * theme or spotlight, whose note is whose) is checked here, on the server.
 */
export function decideBoard(board: BoardState, command: BoardCommand, actor: BoardActor, ctx: BoardContext): BoardDecision {
  const { workshop } = ctx;
  if (actor.kind === "facilitator" && actor.facilitatorId !== workshop.facilitatorId) return refuse("forbidden", "Only this workshop's facilitator can do that.");
  if (actor.kind === "participant" && !isActiveParticipant(workshop, actor.participantId)) return refuse("forbidden", "You are no longer in this workshop.");
  if (workshop.status === "ended") return refuse("conflict", "This workshop has ended; its board can be read but no longer changed.");
  if (workshop.stage !== "plenary") return refuse("conflict", "The debrief board opens when the facilitator starts the plenary debrief.");
  if (actor.kind === "participant" && FACILITATOR_ONLY.has(command.type)) return refuse("forbidden", "Only the facilitator can do that.");

  const ok = (state: BoardState, touched: string[] = []): BoardDecision => ({ ok: true, state, touched });
  const me = actor.kind === "participant" ? actor.participantId : null;

  switch (command.type) {
    case "setBoardStep":
      return ok({ ...board, step: command.step });
    case "setVotesPerPerson":
      return ok({ ...board, votesPerPerson: command.votes }, voters(board));
    case "setShowNames":
      return ok({ ...board, showNames: command.show });

    case "setSpotlight": {
      const target = command.spotlight;
      if (target?.kind === "card" && !findCard(board, target.cardId)) return refuse("not-found", "That card is no longer on the board.");
      if (target?.kind === "performance" && !workshop.sheets[sheetKey(target.groupId, target.round)]) return refuse("not-found", "That group did not play that round.");
      return ok({ ...board, spotlight: target });
    }

    case "addTheme": {
      if (board.themes.length >= MAX_THEMES) return refuse("limit", `A board holds up to ${MAX_THEMES} themes; merge two before adding another.`);
      if (board.themes.some((t) => sameTitle(t.title, command.title))) return refuse("conflict", `There is already a theme called “${command.title}”.`);
      return ok({ ...board, themes: [...board.themes, { id: ctx.newId(), title: command.title }] });
    }
    case "renameTheme": {
      if (!board.themes.some((t) => t.id === command.themeId)) return refuse("not-found", "That theme is no longer on the board.");
      if (board.themes.some((t) => t.id !== command.themeId && sameTitle(t.title, command.title))) return refuse("conflict", `There is already a theme called “${command.title}”.`);
      return ok({ ...board, themes: board.themes.map((t) => (t.id === command.themeId ? { ...t, title: command.title } : t)) });
    }
    case "removeTheme": {
      if (!board.themes.some((t) => t.id === command.themeId)) return refuse("not-found", "That theme is no longer on the board.");
      // Its cards stay on the board, back among the ungrouped ones.
      return ok({
        ...board,
        themes: board.themes.filter((t) => t.id !== command.themeId),
        cards: board.cards.map((c) => (c.themeId === command.themeId ? { ...c, themeId: null } : c)),
      });
    }
    case "setCardTheme": {
      if (!findCard(board, command.cardId)) return refuse("not-found", "That card is no longer on the board.");
      if (command.themeId !== null && !board.themes.some((t) => t.id === command.themeId)) return refuse("not-found", "That theme is no longer on the board.");
      return ok({ ...board, cards: board.cards.map((c) => (c.id === command.cardId ? { ...c, themeId: command.themeId } : c)) });
    }

    case "removeCard": {
      const card = findCard(board, command.cardId);
      if (!card) return refuse("not-found", "That card is no longer on the board.");
      if (me !== null && card.addedBy !== me) return refuse("forbidden", "You can take back only cards you added.");
      const { [card.id]: removedVotes = {}, ...votes } = board.votes;
      const spotlight = board.spotlight?.kind === "card" && board.spotlight.cardId === card.id ? null : board.spotlight;
      // Votes on it go back to the people who placed them.
      return ok({ ...board, cards: board.cards.filter((c) => c.id !== card.id), votes, spotlight }, unique([...Object.keys(removedVotes), ...(card.addedBy ? [card.addedBy] : [])]));
    }

    case "promoteNote": {
      const note = ctx.note(command.noteId);
      if (!note) return refuse("not-found", "That note was not found. Notes reach the board once their round has ended.");
      if (me !== null && note.authorId !== me) return refuse("forbidden", "You can promote only notes you wrote.");
      if (board.cards.some((c) => c.origin.type === "note" && c.origin.noteId === note.noteId)) return refuse("conflict", "That note is already on the board.");
      const refusal = canAddCard(board, me);
      if (refusal) return refusal;
      const card: BoardCard = {
        id: ctx.newId(),
        kind: NOTE_TO_CARD[note.kind],
        text: note.text,
        insteadOf: note.kind === "swap" ? note.insteadOf : null,
        origin: { type: "note", noteId: note.noteId, groupId: note.groupId, round: note.round },
        addedBy: me,
        authorName: note.authorName,
        themeId: null,
        createdAt: ctx.now,
      };
      return ok({ ...board, cards: [...board.cards, card] }, me ? [me] : []);
    }

    case "addCard": {
      const refusal = canAddCard(board, me);
      if (refusal) return refusal;
      const authorName = me === null ? "Facilitator" : (workshop.participants[me]?.displayName ?? "Someone");
      const card: BoardCard = {
        id: ctx.newId(),
        kind: command.kind,
        text: command.text,
        insteadOf: command.kind === "swap" ? command.insteadOf : null,
        origin: { type: "own" },
        addedBy: me,
        authorName,
        themeId: null,
        createdAt: ctx.now,
      };
      return ok({ ...board, cards: [...board.cards, card] }, me ? [me] : []);
    }

    case "vote":
    case "unvote": {
      if (me === null) return refuse("forbidden", "Votes are for the participants; the facilitator leads the count.");
      if (board.step !== "vote") return refuse("conflict", "Voting opens at the Vote step.");
      if (!findCard(board, command.cardId)) return refuse("not-found", "That card is no longer on the board.");
      const onCard = board.votes[command.cardId] ?? {};
      const mine = onCard[me] ?? 0;
      if (command.type === "vote") {
        const used = votesUsed(board, me);
        if (used >= board.votesPerPerson) return refuse("limit", `You have placed all ${board.votesPerPerson} of your votes. Take one back to vote for another card.`);
        return ok({ ...board, votes: { ...board.votes, [command.cardId]: { ...onCard, [me]: mine + 1 } } }, [me]);
      }
      if (mine === 0) return refuse("conflict", "You have no vote on that card to take back.");
      const { [me]: _taken, ...others } = onCard;
      const next = mine > 1 ? { ...others, [me]: mine - 1 } : others;
      return ok({ ...board, votes: { ...board.votes, [command.cardId]: next } }, [me]);
    }
  }
}

/** Participants add cards during the Cards and Group steps; the facilitator at any step. */
function canAddCard(board: BoardState, me: string | null): BoardDecision | null {
  if (me !== null && board.step !== "cards" && board.step !== "group") return refuse("conflict", "Cards are added during the Cards and Group steps. Ask the facilitator to go back a step if you have one more.");
  if (board.cards.length >= MAX_CARDS) return refuse("limit", `The board is full (${MAX_CARDS} cards). Remove a card before adding another.`);
  if (me !== null && board.cards.filter((c) => c.addedBy === me).length >= MAX_CARDS_PER_PERSON) return refuse("limit", `You have added ${MAX_CARDS_PER_PERSON} cards, the most one person can. Take one back to add another.`);
  return null;
}

export function votesUsed(board: BoardState, participantId: string): number {
  let used = 0;
  for (const onCard of Object.values(board.votes)) used += onCard[participantId] ?? 0;
  return used;
}

function voters(board: BoardState): string[] {
  return unique(Object.values(board.votes).flatMap((onCard) => Object.keys(onCard)));
}

const findCard = (board: BoardState, cardId: string) => board.cards.find((c) => c.id === cardId);
const sameTitle = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
const unique = (ids: string[]) => [...new Set(ids)];
