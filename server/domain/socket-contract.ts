import { z } from "zod";
import type { WorkshopView } from "./workshop/views";

/**
 * socket.io events, `area:verb`. Types are shared by client and server; the
 * zod schemas run at the server edge on every incoming payload.
 */

export const SOCKET_PATH = "/socket.io/";

export const handshakeAuthSchema = z.object({
  workshopId: z.string().min(1).max(64),
});
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;

/** Commands a client may send. The actor comes from the cookie, never from here. */
export const clientCommandSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("removeParticipant"),
    participantId: z.string().min(1).max(64),
    reason: z.string().max(200).nullable().default(null),
    expectedVersion: z.number().int().nonnegative().optional(),
  }),
  z.object({
    type: z.literal("endWorkshop"),
    expectedVersion: z.number().int().nonnegative().optional(),
  }),
  z.object({ type: z.literal("leaveWorkshop") }),
]);
export type ClientCommand = z.input<typeof clientCommandSchema>;

export type CommandAck =
  | { ok: true; version: number }
  | { ok: false; error: { code: string; message: string } };

export interface Welcome {
  role: "facilitator" | "participant";
  /** The participant's own id, so a shared lobby view can mark "you". */
  participantId: string | null;
  serverNow: number;
}

export interface ServerToClientEvents {
  "session:welcome": (welcome: Welcome) => void;
  "workshop:view": (view: WorkshopView) => void;
  "workshop:removed": (info: { reason: string | null }) => void;
  "workshop:ended": () => void;
  "workshop:error": (error: { code: string; message: string }) => void;
}

export interface ClientToServerEvents {
  "workshop:command": (command: ClientCommand, ack: (result: CommandAck) => void) => void;
}
