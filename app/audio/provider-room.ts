import type { AudioSignalIn } from "../../server/domain/audio/audio-contract";
import type { AudioLinkStats, AudioPeerInfo, AudioPeerState, AudioProblem, AudioSnapshot } from "./types";

/**
 * The provider-specific half of a joined room (mesh or LiveKit). The session
 * (audio-session.ts) owns joining, closing and rejoining; a ProviderRoom only
 * moves audio once it has its ticket.
 */
export interface ProviderRoom {
  start(): Promise<void>;
  stop(): void;
  setMuted(muted: boolean): void;
  /** The server changed whether we send (a facilitator's talk toggle, a role change). */
  setSends(sends: boolean): Promise<void>;
  resumePlayback(): Promise<void>;
  retry(): void;
  /** Mesh only: a relayed signal, or the server's roster of the room. */
  signal?(signal: AudioSignalIn): void;
  roster?(peers: AudioPeerInfo[]): void;
  refused?(code: string, peerId: string | undefined): void;
  level(peerId: string): number;
  self(): AudioSnapshot["self"];
  peers(): AudioPeerState[];
  problem(): AudioProblem | null;
  playbackBlocked(): boolean;
  stats(): Promise<AudioLinkStats[]>;
  streams(): Map<string, MediaStream>;
}
