import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientCommand, ClientToServerEvents, CommandAck, ServerToClientEvents, Welcome } from "../../server/domain/socket-contract";
import type { WorkshopView } from "../../server/domain/workshop/views";
import { createViewAssembler, supersedes } from "../../server/domain/workshop/wire-view";

export type ConnectionState = "connecting" | "online" | "offline";

export type Ending = { kind: "removed"; reason: string | null } | { kind: "ended" } | { kind: "deleted"; message: string } | { kind: "refused"; message: string };

type RolecallClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * One socket.io connection per page, authenticated by the cookie. The server
 * pushes views (or, when a round's groups only move on, a step the assembler
 * applies to the view held: server/domain/workshop/group-step.ts); the client
 * only renders them and sends commands.
 * socket.io reconnects by itself, and the server sends a fresh view on every
 * connect, so a restart or a dropped Wi-Fi heals without a reload.
 */
export function useWorkshopSocket<V extends WorkshopView>(workshopId: string, as: "facilitator" | "participant") {
  const [view, setView] = useState<V | null>(null);
  const [welcome, setWelcome] = useState<Welcome | null>(null);
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const [ending, setEnding] = useState<Ending | null>(null);
  const [lastError, setLastError] = useState<string | null>(null);
  const socketRef = useRef<RolecallClientSocket | null>(null);
  // Also as state, so features with their own events (audio rooms, chat) re-render once it exists.
  const [socket, setSocket] = useState<RolecallClientSocket | null>(null);

  useEffect(() => {
    const socket: RolecallClientSocket = io({ auth: { workshopId, as }, withCredentials: true, transports: ["websocket", "polling"] });
    socketRef.current = socket;
    setSocket(socket);
    socket.on("connect", () => setConnection("online"));
    socket.on("disconnect", () => setConnection("offline"));
    socket.on("connect_error", (error) => {
      setConnection("offline");
      const code = (error as Error & { data?: { code?: string } }).data?.code;
      // Refusals are final; network errors keep retrying on their own.
      if (code === "forbidden" || code === "unauthorized") {
        setEnding((current) => current ?? { kind: "refused", message: error.message });
        socket.disconnect();
      }
    });
    // Who this connection is: a group's shared view message holds each member's own part by id.
    let participantId: string | null = null;
    socket.on("session:welcome", (welcome) => {
      participantId = welcome.participantId;
      setWelcome(welcome);
    });
    // Views name their content (briefs, rubrics, scenario), attached only when new to this
    // connection; see server/domain/workshop/wire-view.ts.
    const assembler = createViewAssembler();
    socket.on("workshop:view", (next) => {
      const joined = assembler.receive(next, participantId);
      // Content it lacks, or a step for a view it does not hold: never show a partial view, ask again.
      if (!joined) return void socket.emit("workshop:resync");
      setView((shown) => (supersedes(shown, joined) ? (joined as V) : shown));
    });
    socket.on("workshop:removed", ({ reason }) => setEnding({ kind: "removed", reason }));
    socket.on("workshop:ended", () => setEnding({ kind: "ended" }));
    socket.on("workshop:deleted", ({ message }) => setEnding({ kind: "deleted", message }));
    socket.on("workshop:error", (error) => setLastError(error.message));
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
      setSocket(null);
    };
  }, [workshopId, as]);

  const send = useCallback((command: ClientCommand): Promise<CommandAck> => {
    const socket = socketRef.current;
    if (!socket?.connected) {
      return Promise.resolve({ ok: false, error: { code: "offline", message: "You are offline. Wait for the connection to come back, then try again." } });
    }
    setLastError(null);
    return socket.timeout(10_000).emitWithAck("workshop:command", command).catch(() => ({
      ok: false as const,
      error: { code: "timeout", message: "The server did not answer in time. Check the screen, then try again." },
    }));
  }, []);

  return { view, welcome, connection, ending, lastError, clearError: () => setLastError(null), send, socket };
}
