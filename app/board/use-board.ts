import { useEffect, useMemo, useState } from "react";
import type { Socket } from "socket.io-client";
import {
  BOARD_DOC_KEYS,
  boardDocName,
  RESULTS_WALL_KEY,
  type BoardAck,
  type BoardCommandInput,
  type BoardMineReply,
  type FacilitatorNoteView,
  type MyBoardMessage,
  type PublicBoardMeta,
  type PublicCard,
} from "../../server/domain/board";
import type { ClientToServerEvents, ServerToClientEvents } from "../../server/domain/socket-contract";
import type { ResultsWall } from "../../server/services/board/results-wall";
import { useDocVersion, useYjsDoc, type DocStatus } from "~/scoring/use-yjs-doc";

export interface BoardData {
  status: DocStatus;
  /** Null until the first sync. */
  meta: PublicBoardMeta | null;
  /** Oldest first. */
  cards: PublicCard[];
  wall: ResultsWall | null;
}

/**
 * The debrief board as this screen sees it: the server's document, opened
 * read-only and re-read whenever it changes. Nothing is written from here;
 * changes go to the server as commands (useBoardCommands).
 */
export function useBoard(workshopId: string, as: "participant" | "facilitator"): BoardData {
  const handle = useYjsDoc(boardDocName(workshopId), as);
  const version = useDocVersion(handle?.doc);
  return useMemo(() => {
    const doc = handle?.doc;
    const meta = doc?.getMap(BOARD_DOC_KEYS.meta);
    const ready = meta !== undefined && meta.has("step");
    return {
      status: handle?.status ?? "connecting",
      meta: ready ? (meta.toJSON() as PublicBoardMeta) : null,
      cards: doc ? Object.values(doc.getMap(BOARD_DOC_KEYS.cards).toJSON() as Record<string, PublicCard>).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)) : [],
      wall: (doc?.getMap(BOARD_DOC_KEYS.results).get(RESULTS_WALL_KEY) as ResultsWall | undefined) ?? null,
    };
    // `version` changes with every update to the document.
  }, [handle, version]);
}

type BoardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type RunBoardCommand = (command: BoardCommandInput, success?: string) => Promise<boolean>;

/**
 * Sending board commands, and this person's own side of the board (votes,
 * cards, notes) — asked for on connect and pushed by the server when it
 * changes. Results are announced through `message`.
 */
export function useBoardCommands(socket: BoardSocket | null, refreshKey: string) {
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const [mine, setMine] = useState<MyBoardMessage | null>(null);
  const [notes, setNotes] = useState<FacilitatorNoteView[] | null>(null);

  useEffect(() => {
    if (!socket) return;
    const take = (reply: BoardMineReply) => {
      if (!reply.ok) return;
      if (reply.role === "participant") setMine(reply.mine);
      else setNotes(reply.notes);
    };
    const ask = () => {
      socket.timeout(10_000).emit("board:mine", (error: Error | null, reply: BoardMineReply) => {
        if (!error) take(reply);
      });
    };
    socket.on("board:mine", take);
    socket.on("connect", ask);
    if (socket.connected) ask();
    return () => {
      socket.off("board:mine", take);
      socket.off("connect", ask);
    };
    // refreshKey: asked again when the step changes, so a list is never left stale for long.
  }, [socket, refreshKey]);

  const run: RunBoardCommand = async (command, success) => {
    if (!socket?.connected) {
      setMessage({ tone: "error", text: "You are offline. Wait for the connection to come back, then try again." });
      return false;
    }
    let ack: BoardAck;
    try {
      ack = await socket.timeout(10_000).emitWithAck("board:command", command);
    } catch {
      ack = { ok: false, error: { code: "timeout", message: "The server did not answer in time. Check the board, then try again." } };
    }
    if (!ack.ok) {
      setMessage({ tone: "error", text: ack.error.message });
      return false;
    }
    setMessage(success ? { tone: "info", text: success } : null);
    return true;
  };

  return { run, message, clearMessage: () => setMessage(null), mine, notes };
}
