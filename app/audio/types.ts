import type { Socket } from "socket.io-client";
import type { AudioPeerInfo } from "../../server/domain/audio/audio-contract";
import type { AudioRole } from "../../server/domain/audio/audio-rules";
import type { ClientToServerEvents, ServerToClientEvents } from "../../server/domain/socket-contract";

export type { AudioPeerInfo, AudioRole };

/** The page's socket.io connection (see app/realtime/use-workshop-socket.ts). */
export type AudioSignalSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type AudioStatus = "idle" | "joining" | "connected" | "closed" | "failed";

/** Something the person can act on; the UI turns each into words and steps. */
export type AudioProblem =
  | { kind: "mic-blocked" }
  | { kind: "mic-missing" }
  | { kind: "mic-busy" }
  | { kind: "mic-failed"; detail: string }
  | { kind: "refused"; message: string }
  | { kind: "closed"; message: string }
  | { kind: "server"; message: string };

/** How the path to one person is doing. "none": neither of you sends, so no connection is needed. */
export type LinkState = "none" | "connecting" | "connected" | "retrying" | "failed";
export type LinkQuality = "unknown" | "good" | "fair" | "poor";

export interface AudioPeerState extends AudioPeerInfo {
  link: LinkState;
  quality: LinkQuality;
  speaking: boolean;
}

export interface AudioSnapshot {
  status: AudioStatus;
  provider: "mesh" | "livekit" | null;
  problem: AudioProblem | null;
  self: (AudioPeerInfo & { speaking: boolean; micReady: boolean }) | null;
  peers: AudioPeerState[];
  /** The browser refused to start sound without a click; offer a button. */
  playbackBlocked: boolean;
}

export const IDLE_SNAPSHOT: AudioSnapshot = { status: "idle", provider: null, problem: null, self: null, peers: [], playbackBlocked: false };

/** Byte counters for tests and the bench (exposed only behind a test flag). */
export interface AudioLinkStats {
  peerId: string;
  connectionState: string;
  inboundBytes: number;
  outboundBytes: number;
}

/**
 * One audio room, whichever provider carries it. Created per join; the room
 * UI only ever talks to this.
 */
export interface AudioRoomClient {
  join(): Promise<void>;
  leave(): void;
  setMuted(muted: boolean): void;
  /** Facilitators: switch between listening and talking to the group. */
  setTalking(talking: boolean): Promise<void>;
  /** After a click: start sound the browser held back. */
  resumePlayback(): Promise<void>;
  /** Try again after a failure (a blocked microphone that is now allowed, an unreachable peer). */
  retry(): void;
  /** 0..1, for level meters; "self" is your own microphone. */
  level(peerId: string): number;
  getSnapshot(): AudioSnapshot;
  subscribe(listener: () => void): () => void;
  stats(): Promise<AudioLinkStats[]>;
  /** Remote audio streams by peer id (test hooks and analysers). */
  streams(): Map<string, MediaStream>;
}

/** What a provider implementation reports back to the session. */
export interface ProviderEvents {
  changed(): void;
}
