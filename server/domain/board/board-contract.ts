import type { BoardCommandInput } from "./inputs";

/**
 * socket.io events for the debrief board. Commands go up over socket.io (the
 * server checks and applies them); the board itself comes down through its
 * Yjs document. `board:mine` is the only personal part: my votes, my cards,
 * my notes — sent to me alone.
 */
export type BoardAck = { ok: true } | { ok: false; error: { code: string; message: string } };

export interface MyNoteView {
  noteId: string;
  groupName: string;
  round: number;
  kind: "strength" | "try" | "quote" | "swap";
  text: string;
  insteadOf: string | null;
  onBoard: boolean;
}

export interface MyBoardMessage {
  votes: Record<string, number>;
  votesLeft: number;
  cardIds: string[];
  notes: MyNoteView[];
}

export interface FacilitatorNoteView extends MyNoteView {
  authorName: string;
}

export type BoardMineReply = { ok: true; role: "participant"; mine: MyBoardMessage } | { ok: true; role: "facilitator"; notes: FacilitatorNoteView[] } | { ok: false; error: { code: string; message: string } };

export interface BoardServerToClientEvents {
  /** My side of the board changed (sent to that participant, or to the facilitator for the notes list). */
  "board:mine": (reply: BoardMineReply) => void;
}

export interface BoardClientToServerEvents {
  "board:command": (command: BoardCommandInput, ack: (result: BoardAck) => void) => void;
  "board:mine": (ack: (reply: BoardMineReply) => void) => void;
}
