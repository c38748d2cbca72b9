import type { Server, Socket } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "../domain/socket-contract";
import type { PersonActor } from "../http/identify";

/** What the socket server's handshake stored on every socket (see server/realtime). */
export interface AudioSocketData {
  workshopId: string;
  actor: PersonActor;
}

export type AudioIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, AudioSocketData>;
export type AudioSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, AudioSocketData>;
