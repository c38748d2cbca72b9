import type { AudioCandidate, AudioJoinAck, AudioPeerInfo, AudioSeat, AudioSignalOut, AudioTalkAck } from "../domain/audio";
import type { WorkshopState } from "../domain/workshop";
import type { AudioSocket } from "./socket-types";

/**
 * The server half of an audio provider. The gateway has already checked the
 * payload and the seat (audioSeatFor) before calling join or talk; providers
 * only do what differs between peer-to-peer and LiveKit.
 */
export interface AudioProvider {
  readonly kind: "mesh" | "livekit";
  join(socket: AudioSocket, candidate: AudioCandidate, seat: AudioSeat): Promise<AudioJoinAck>;
  leave(socket: AudioSocket): void;
  /** A facilitator switching between listening and coaching. */
  talk(socket: AudioSocket, talking: boolean): Promise<AudioTalkAck>;
  mute(socket: AudioSocket, muted: boolean): void;
  signal(socket: AudioSocket, signal: AudioSignalOut): void;
  /** Re-checks every seat after a workshop change: close, demote, promote. */
  workshopChanged(workshopId: string, state: WorkshopState): void;
  /** Who is in each group's room, for the facilitator's console. */
  presence(workshopId: string): Record<string, AudioPeerInfo[]>;
  close(): void;
}

/** Tells facilitators of a workshop that audio presence changed. */
export type PresenceNotifier = (workshopId: string) => void;
