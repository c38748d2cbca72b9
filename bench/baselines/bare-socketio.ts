/**
 * Baseline: a bare socket.io room relay. Clients join one room (their
 * workshop's); a "facilitator" emits a payload and the relay emits it once to
 * the room, the same fan-out shape as a phase change (one command in, one view
 * out to every participant). No auth, no state, no storage.
 */
import { createServer } from "node:http";
import { performance } from "node:perf_hooks";
import { Server } from "socket.io";
import { startBenchMetrics } from "../../server/bench-metrics";

const commandFanOuts = { count: 0, lastParticipantsMs: 0 };
const server = createServer();
const io = new Server(server, { transports: ["websocket"], serveClient: false, maxHttpBufferSize: 1e6 });
io.on("connection", (socket) => {
  const room = String(socket.handshake.auth?.room ?? "");
  if (room) void socket.join(room);
  socket.on("relay", (message: { room: string; view: unknown }, ack?: (ok: boolean) => void) => {
    // Timed as Rolecall times a command's fan-out: from the command's arrival to the last write.
    const arrivedAt = performance.now();
    io.to(message.room).emit("workshop:view", message.view);
    commandFanOuts.lastParticipantsMs = performance.now() - arrivedAt;
    commandFanOuts.count++;
    ack?.(true);
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  startBenchMetrics(() => ({ commandFanOuts: commandFanOuts.count, lastCommandFanOutParticipantsMs: commandFanOuts.lastParticipantsMs }), () => {});
  process.send?.({ type: "listening", port: typeof address === "object" && address ? address.port : 0 });
});
process.on("SIGTERM", () => process.exit(0));
