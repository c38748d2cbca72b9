import { z } from "zod";
import type { AudioRole } from "./audio-rules";
import type { ChatMessage } from "./room-chat";

/**
 * socket.io events for audio rooms and the room chat. Shared by client and
 * server; every incoming payload is checked with these schemas.
 */

const id = z.string().min(1).max(64);

export const audioJoinSchema = z.object({
  groupId: id,
  /** Facilitators only: join talking (coaching) rather than listening. */
  talk: z.boolean().optional(),
});
export type AudioJoinRequest = z.infer<typeof audioJoinSchema>;

/** The SDP a browser produced, bounded: an audio-only session is a few kilobytes. */
const descriptionSchema = z.object({ type: z.enum(["offer", "answer"]), sdp: z.string().min(1).max(20_000) });
const candidateSchema = z.object({
  candidate: z.string().max(1_000),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});

/**
 * One perfect-negotiation message to one peer. `link` names the sender's
 * RTCPeerConnection and `toLink` the receiver's one it is meant for (once
 * known), so either side can tell a restarted connection from a late message
 * of an old one.
 */
const linkId = z.string().min(1).max(64);
export const audioSignalSchema = z
  .object({
    to: id,
    link: linkId,
    toLink: linkId.optional(),
    description: descriptionSchema.optional(),
    candidate: candidateSchema.nullable().optional(),
  })
  .refine((s) => s.description !== undefined || s.candidate !== undefined, { error: "A signal carries a description or a candidate." });
export type AudioSignalOut = z.infer<typeof audioSignalSchema>;

export const audioMuteSchema = z.object({ muted: z.boolean() });
export const audioTalkSchema = z.object({ talking: z.boolean() });
export const chatOpenSchema = z.object({ groupId: id });
/** Text is checked again with chatTextSchema, which says what is wrong. */
export const chatSendSchema = z.object({ groupId: id, text: z.string().max(5_000) });

export interface AudioPeerInfo {
  id: string;
  displayName: string;
  role: AudioRole;
  sends: boolean;
  muted: boolean;
}

/** ICE servers as the browser's RTCIceServer. */
export interface IceServerConfig {
  urls: string | string[];
  username?: string;
  credential?: string;
}

export type AudioError = { code: string; message: string };

export type AudioJoinAck =
  | { ok: true; provider: "mesh"; room: string; self: AudioPeerInfo; peers: AudioPeerInfo[]; iceServers: IceServerConfig[] }
  | { ok: true; provider: "livekit"; room: string; self: AudioPeerInfo; url: string; token: string }
  | { ok: false; error: AudioError };

export type AudioSignalIn = Omit<AudioSignalOut, "to"> & { from: string };

export type ChatOpenAck = { ok: true; messages: ChatMessage[] } | { ok: false; error: AudioError };
export type ChatSendAck = { ok: true; message: ChatMessage } | { ok: false; error: AudioError };
export type AudioTalkAck = { ok: true } | { ok: false; error: AudioError };

export interface AudioServerToClientEvents {
  /** Everyone in the room (including you), whenever someone joins, leaves, mutes or changes role. */
  "audio:peers": (update: { room: string; peers: AudioPeerInfo[] }) => void;
  "audio:signal": (signal: AudioSignalIn) => void;
  /** The room closed for you: the phase ended, you moved, or you joined from another tab. */
  "audio:closed": (info: { room: string; reason: string }) => void;
  /** A refused request; `to` names the peer a refused signal was for. */
  "audio:error": (error: AudioError & { to?: string }) => void;
  /** Facilitators only: who is in each group's audio room. */
  "audio:presence": (presence: { groups: Record<string, AudioPeerInfo[]> }) => void;
  "chat:message": (message: ChatMessage) => void;
}

export interface AudioClientToServerEvents {
  "audio:join": (request: AudioJoinRequest, ack: (result: AudioJoinAck) => void) => void;
  "audio:leave": () => void;
  "audio:signal": (signal: AudioSignalOut) => void;
  "audio:mute": (state: { muted: boolean }) => void;
  "audio:talk": (state: { talking: boolean }, ack: (result: AudioTalkAck) => void) => void;
  "chat:open": (request: { groupId: string }, ack: (result: ChatOpenAck) => void) => void;
  "chat:send": (request: { groupId: string; text: string }, ack: (result: ChatSendAck) => void) => void;
}
