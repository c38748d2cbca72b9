import type { AudioJoinAck, AudioPeerInfo, AudioSignalIn } from "../../server/domain/audio/audio-contract";
import { MeshRoom } from "./mesh/mesh-room";
import type { ProviderRoom } from "./provider-room";
import { exposeTestHooks } from "./test-hooks";
import {
  IDLE_SNAPSHOT,
  type AudioLinkStats,
  type AudioProblem,
  type AudioRoomClient,
  type AudioSignalSocket,
  type AudioSnapshot,
  type AudioStatus,
} from "./types";

export interface AudioSessionOptions {
  groupId: string;
  /** Facilitators: join talking rather than listening. */
  talk?: boolean;
}

const JOIN_TIMEOUT_MS = 10_000;
/** After an unanswered join, ask again this soon (the answer may simply be slow). */
const JOIN_RETRY_MS = 2_000;

/**
 * One person's presence in one audio room, whichever provider the server
 * answers with. It asks the server for a seat over socket.io, hands the
 * ticket to the provider, and rejoins by itself after the socket reconnects
 * (the server forgets mesh seats of dropped sockets).
 */
export class AudioSession implements AudioRoomClient {
  private status: AudioStatus = "idle";
  private sessionProblem: AudioProblem | null = null;
  private provider: AudioSnapshot["provider"] = null;
  private room: ProviderRoom | null = null;
  private roomName: string | null = null;
  private wanted = false;
  private talking: boolean;
  private generation = 0;
  private pendingSignals: AudioSignalIn[] = [];
  private readonly listeners = new Set<() => void>();
  private snapshot: AudioSnapshot = IDLE_SNAPSHOT;
  private detachSocket: (() => void) | null = null;
  private removeHooks: (() => void) | null = null;

  constructor(
    private readonly socket: AudioSignalSocket,
    private readonly options: AudioSessionOptions,
  ) {
    this.talking = options.talk ?? false;
  }

  async join() {
    if (this.wanted) return;
    this.wanted = true;
    this.attachSocket();
    this.removeHooks = exposeTestHooks(this);
    await this.connect();
  }

  leave() {
    if (!this.wanted) return;
    this.wanted = false;
    this.generation++;
    if (this.socket.connected) this.socket.emit("audio:leave");
    this.stopRoom();
    this.detachSocket?.();
    this.removeHooks?.();
    this.status = "idle";
    this.sessionProblem = null;
    this.publish();
  }

  setMuted(muted: boolean) {
    this.room?.setMuted(muted);
  }

  async setTalking(talking: boolean) {
    const ack = await this.socket
      .timeout(JOIN_TIMEOUT_MS)
      .emitWithAck("audio:talk", { talking })
      .catch(() => ({ ok: false as const, error: { code: "timeout", message: "The server did not answer. Try again in a moment." } }));
    if (!ack.ok) {
      this.sessionProblem = { kind: "server", message: ack.error.message };
      this.publish();
      return;
    }
    this.talking = talking;
    this.sessionProblem = null;
    await this.room?.setSends(talking);
    this.publish();
  }

  async resumePlayback() {
    await this.room?.resumePlayback();
  }

  retry() {
    if (this.status === "failed" || this.status === "closed") void this.connect();
    else this.room?.retry();
  }

  level(peerId: string) {
    return this.room?.level(peerId) ?? 0;
  }

  getSnapshot = () => this.snapshot;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  async stats(): Promise<AudioLinkStats[]> {
    return (await this.room?.stats()) ?? [];
  }

  streams() {
    return this.room?.streams() ?? new Map<string, MediaStream>();
  }

  private attachSocket() {
    const onPeers = ({ room, peers }: { room: string; peers: AudioPeerInfo[] }) => {
      if (room === this.roomName) this.room?.roster?.(peers);
    };
    const onSignal = (signal: AudioSignalIn) => {
      if (this.room?.signal) this.room.signal(signal);
      else if (this.status === "joining") this.pendingSignals.push(signal);
    };
    const onClosed = ({ room, reason }: { room: string; reason: string }) => {
      if (room !== this.roomName) return;
      this.stopRoom();
      this.status = "closed";
      this.sessionProblem = { kind: "closed", message: reason };
      this.publish();
    };
    const onError = (error: { code: string; message: string; to?: string }) => {
      // The server lost our seat (it restarted, or we raced a reconnect): take it again.
      if (error.code === "not-in-room" && this.status === "connected" && this.provider === "mesh") void this.connect();
      else this.room?.refused?.(error.code, error.to);
    };
    const onConnect = () => {
      if (this.wanted && this.provider !== "livekit" && (this.status === "connected" || this.status === "joining")) void this.connect();
    };
    this.socket.on("audio:peers", onPeers);
    this.socket.on("audio:signal", onSignal);
    this.socket.on("audio:closed", onClosed);
    this.socket.on("audio:error", onError);
    this.socket.on("connect", onConnect);
    this.detachSocket = () => {
      this.socket.off("audio:peers", onPeers);
      this.socket.off("audio:signal", onSignal);
      this.socket.off("audio:closed", onClosed);
      this.socket.off("audio:error", onError);
      this.socket.off("connect", onConnect);
    };
  }

  private async connect() {
    const generation = ++this.generation;
    this.stopRoom();
    this.status = "joining";
    this.sessionProblem = null;
    this.publish();
    const ack: AudioJoinAck = await this.socket
      .timeout(JOIN_TIMEOUT_MS)
      .emitWithAck("audio:join", { groupId: this.options.groupId, ...(this.talking ? { talk: true } : {}) })
      .catch(() => ({
        ok: false as const,
        error: { code: "timeout", message: "The server did not answer. Check your connection; the audio room will reconnect when it is back." },
      }));
    if (generation !== this.generation) return;
    if (!ack.ok && ack.error.code === "timeout") {
      // Still wanted: keep asking (a reconnecting socket will also trigger a join).
      this.sessionProblem = { kind: "server", message: "Still connecting to the audio room…" };
      this.publish();
      setTimeout(() => {
        if (generation === this.generation && this.wanted) void this.connect();
      }, JOIN_RETRY_MS);
      return;
    }
    if (!ack.ok) {
      this.status = "failed";
      this.sessionProblem = { kind: "refused", message: ack.error.message };
      this.publish();
      return;
    }
    this.provider = ack.provider;
    this.roomName = ack.room;
    const events = { changed: () => generation === this.generation && this.publish() };
    try {
      if (ack.provider === "mesh") {
        this.room = new MeshRoom(this.socket, ack, events);
      } else {
        // LiveKit's client is only downloaded when a server uses it.
        const { LiveKitRoom } = await import("./livekit/livekit-room");
        if (generation !== this.generation) return;
        this.room = new LiveKitRoom(ack, events);
      }
      this.status = "connected";
      const pending = this.pendingSignals.splice(0);
      await this.room.start();
      for (const signal of pending) this.room.signal?.(signal);
    } catch (error) {
      if (generation !== this.generation) return;
      this.stopRoom();
      this.status = "failed";
      this.sessionProblem = { kind: "server", message: `The audio room could not connect (${(error as Error).message}). Try again, or use the chat.` };
    }
    this.publish();
  }

  private stopRoom() {
    this.room?.stop();
    this.room = null;
    this.pendingSignals = [];
  }

  private publish() {
    const room = this.room;
    this.snapshot = {
      status: this.status,
      provider: this.provider,
      problem: this.sessionProblem ?? room?.problem() ?? null,
      self: room?.self() ?? null,
      peers: room?.peers() ?? [],
      playbackBlocked: room?.playbackBlocked() ?? false,
    };
    for (const listener of this.listeners) listener();
  }
}
