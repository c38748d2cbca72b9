import { boardCommandSchema, type BoardMineReply } from "../domain/board";
import type { AudioIo, AudioSocket } from "../audio/socket-types";
import type { BoardService } from "../services/board/board-service";
import type { WorkshopService } from "../services/workshop-service";
import { rooms } from "./socket-server";

/**
 * The debrief board over socket.io: thin handlers that validate a command,
 * hand it to the board service with the actor from the handshake, and tell
 * people when their own side of the board changed.
 */
export function attachBoardHandlers(io: AudioIo, deps: { board: BoardService; workshops: WorkshopService }) {
  function mineFor(socket: AudioSocket): BoardMineReply {
    const { workshopId, actor } = socket.data;
    const state = deps.workshops.load(workshopId)?.state;
    if (!state || state.stage !== "plenary") return { ok: false, error: { code: "conflict", message: "The debrief board opens when the facilitator starts the plenary debrief." } };
    if (actor.kind === "facilitator") return { ok: true, role: "facilitator", notes: deps.board.allNotes(workshopId) };
    return { ok: true, role: "participant", mine: deps.board.mine(workshopId, actor.participantId) };
  }

  io.on("connection", (socket: AudioSocket) => {
    socket.on("board:mine", (ack) => {
      if (typeof ack === "function") ack(mineFor(socket));
    });

    socket.on("board:command", (payload, ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      const parsed = boardCommandSchema.safeParse(payload);
      if (!parsed.success) {
        // The first problem, in words a person can act on (e.g. "Write something on the card first.").
        const message = parsed.error.issues[0]?.message ?? "That request was malformed and was ignored.";
        return reply({ ok: false, error: { code: "bad-request", message } });
      }
      const { workshopId, actor } = socket.data;
      const result = deps.board.execute(workshopId, parsed.data, actor);
      reply(result);
      // The facilitator's notes list shows which notes are on the board.
      if (result.ok && (parsed.data.type === "promoteNote" || parsed.data.type === "removeCard")) {
        for (const s of io.sockets.adapter.rooms.get(rooms.facilitators(workshopId)) ?? []) {
          const other = io.sockets.sockets.get(s);
          if (other) other.emit("board:mine", mineFor(other));
        }
      }
    });
  });

  const stop = deps.board.onPersonalChange((workshopId, participantIds) => {
    for (const participantId of participantIds) {
      for (const id of io.sockets.adapter.rooms.get(rooms.participant(workshopId, participantId)) ?? []) {
        const socket = io.sockets.sockets.get(id);
        if (socket) socket.emit("board:mine", mineFor(socket));
      }
    }
  });

  return { close: stop };
}
