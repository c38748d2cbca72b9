import { EventEmitter } from "node:events";
import type { BoardRepository } from "../../db/board-repository";
import type { StoredNote } from "../../db/report-repository";
import {
  boardDocName,
  decideBoard,
  emptyBoard,
  myBoard,
  publicBoard,
  type BoardActor,
  type BoardCommand,
  type BoardState,
  type MyBoard,
  type PromotableNote,
  type PublicBoard,
} from "../../domain/board";
import type { NoteKind } from "../../domain/scoring/types";
import type { WorkshopService } from "../workshop-service";
import type { ResultsWall } from "./results-wall";

/** One of my notes from the rooms, and whether it is on the board. */
export interface MyNote {
  noteId: string;
  groupName: string;
  round: number;
  kind: NoteKind;
  text: string;
  insteadOf: string | null;
  onBoard: boolean;
}

/** What a participant sees of their own part in the board. */
export interface MyBoardView extends MyBoard {
  notes: MyNote[];
}

/** Every note from the rooms, for the facilitator to promote (names kept: it is their own screen). */
export interface FacilitatorNote extends MyNote {
  authorName: string;
}

export type BoardCommandResult = { ok: true } | { ok: false; error: { code: string; message: string } };

/**
 * The debrief board's use cases: load the board, let the domain decide,
 * store the new state, then publish its public projection into the shared
 * Yjs document. The document is written here only, so what the server
 * refused never reaches a screen, and what it accepted reaches every one.
 */
export function createBoardService(deps: {
  workshops: WorkshopService;
  repo: BoardRepository;
  /** Notes materialised when rounds ended. */
  notes: (workshopId: string) => readonly StoredNote[];
  /** The results wall from the materialised scores; null for an unknown workshop. */
  results: (workshopId: string) => ResultsWall | null;
  /** Writes the board's public projection (and the wall, when given) into its Yjs document, which stores and relays it. */
  publishDoc: (docName: string, board: PublicBoard, wall: ResultsWall | null) => void;
  now: () => number;
  newId: () => string;
  log: (line: string) => void;
}) {
  const personal = new EventEmitter();
  const boardOf = (workshopId: string): BoardState => deps.repo.load(workshopId) ?? emptyBoard();

  function promotable(workshopId: string): PromotableNote[] {
    return deps.notes(workshopId).map((n) => ({
      noteId: n.noteId,
      groupId: n.groupId,
      round: n.round,
      authorId: n.authorId,
      authorName: n.authorName,
      kind: n.kind,
      text: n.text,
      insteadOf: n.insteadOf,
    }));
  }

  /** Writes the board (and, when asked, fresh results) into its document. */
  function publish(workshopId: string, state: BoardState, options: { results: boolean }) {
    const board = publicBoard(state);
    const wall = options.results ? deps.results(workshopId) : null;
    deps.publishDoc(boardDocName(workshopId), board, wall);
  }

  function groupNameOf(workshopId: string) {
    const groups = new Map((deps.workshops.load(workshopId)?.state.groups ?? []).map((g) => [g.id, g.name]));
    return (groupId: string) => groups.get(groupId) ?? groupId;
  }

  return {
    execute(workshopId: string, command: BoardCommand, actor: BoardActor): BoardCommandResult {
      const workshop = deps.workshops.load(workshopId)?.state;
      if (!workshop) return { ok: false, error: { code: "not-found", message: "This workshop does not exist." } };
      const before = boardOf(workshopId);
      const notes = command.type === "promoteNote" ? promotable(workshopId) : [];
      const decision = decideBoard(before, command, actor, {
        now: deps.now(),
        newId: deps.newId,
        workshop,
        note: (noteId) => notes.find((n) => n.noteId === noteId),
      });
      if (!decision.ok) return decision;
      deps.repo.save(workshopId, decision.state, deps.now());
      try {
        publish(workshopId, decision.state, { results: false });
      } catch (error) {
        // Stored: the next change or a reconnect publishes it.
        deps.log(`Could not publish the board of ${workshopId}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (decision.touched.length > 0) personal.emit("changed", workshopId, decision.touched);
      return { ok: true };
    },

    /** A participant's votes, cards and notes. */
    mine(workshopId: string, participantId: string): MyBoardView {
      const board = boardOf(workshopId);
      const onBoard = noteIdsOnBoard(board);
      const groupName = groupNameOf(workshopId);
      return {
        ...myBoard(board, participantId),
        notes: deps
          .notes(workshopId)
          .filter((n) => n.authorId === participantId)
          .map((n) => ({ ...noteLine(n, groupName), onBoard: onBoard.has(n.noteId) })),
      };
    },

    /** Every note from the rooms, for the facilitator's board. */
    allNotes(workshopId: string): FacilitatorNote[] {
      const onBoard = noteIdsOnBoard(boardOf(workshopId));
      const groupName = groupNameOf(workshopId);
      return deps.notes(workshopId).map((n) => ({ ...noteLine(n, groupName), authorName: n.authorName, onBoard: onBoard.has(n.noteId) }));
    },

    /** What a new board document starts with (the Yjs host asks for an empty one). */
    seedOf(docName: string): { board: PublicBoard; wall: ResultsWall | null } | null {
      const workshopId = /^workshop\/([^/]+)\/debrief$/.exec(docName)?.[1];
      if (!workshopId) return null;
      return { board: publicBoard(boardOf(workshopId)), wall: deps.results(workshopId) };
    },

    /** Participants whose own side changed (their votes given back, a card removed), per workshop. */
    onPersonalChange(listener: (workshopId: string, participantIds: string[]) => void): () => void {
      personal.on("changed", listener);
      return () => personal.off("changed", listener);
    },

    /**
     * Opens the board when the plenary starts, and publishes the results wall
     * then and again whenever rounds are written as rows during the plenary:
     * rounds the plenary itself closed are written a moment after it starts.
     */
    start(roundsWritten: (listener: (workshopId: string) => void) => () => void): () => void {
      const refresh = (workshopId: string) => {
        try {
          let board = deps.repo.load(workshopId);
          if (!board) deps.repo.save(workshopId, (board = emptyBoard()), deps.now());
          publish(workshopId, board, { results: true });
        } catch (error) {
          deps.log(`Could not publish the board of ${workshopId}: ${error instanceof Error ? error.message : String(error)}`);
        }
      };
      const stopChanges = deps.workshops.onChange(({ workshopId, events }) => {
        if (events.some((e) => e.type === "plenaryStarted")) refresh(workshopId);
      });
      const stopRows = roundsWritten((workshopId) => {
        const state = deps.workshops.load(workshopId)?.state;
        if (state?.stage === "plenary" && state.status !== "ended") refresh(workshopId);
      });
      return () => {
        stopChanges();
        stopRows();
      };
    },
  };
}

function noteIdsOnBoard(board: BoardState): Set<string> {
  return new Set(board.cards.flatMap((c) => (c.origin.type === "note" ? [c.origin.noteId] : [])));
}

function noteLine(n: StoredNote, groupName: (id: string) => string): Omit<MyNote, "onBoard"> {
  return { noteId: n.noteId, groupName: groupName(n.groupId), round: n.round, kind: n.kind, text: n.text, insteadOf: n.insteadOf };
}

export type BoardService = ReturnType<typeof createBoardService>;
