import type { AudioJoinAck, AudioSignalIn } from "../../../server/domain/audio/audio-contract";
import { resumeAudioContext } from "../levels";
import { openMicrophone, stopStream } from "../microphone";
import type { ProviderRoom } from "../provider-room";
import { SpeakingTracker } from "../speaking";
import type { AudioLinkStats, AudioPeerInfo, AudioPeerState, AudioProblem, AudioSignalSocket, ProviderEvents } from "../types";
import { PeerLink, type Sending } from "./peer-link";

type MeshTicket = Extract<AudioJoinAck, { ok: true; provider: "mesh" }>;

const SELF = "self";
const STATS_EVERY_MS = 2_000;

/**
 * The built-in room: one PeerLink per person we exchange audio with. Two
 * people need a link when at least one of them speaks; two listeners never
 * connect. Listeners never open their microphone.
 */
export class MeshRoom implements ProviderRoom {
  private me: AudioPeerInfo;
  private readonly others = new Map<string, AudioPeerInfo>();
  private readonly links = new Map<string, PeerLink>();
  private readonly outputs = new Map<string, HTMLAudioElement>();
  private readonly localStream = new MediaStream();
  private readonly speaking: SpeakingTracker;
  private mic: MediaStream | null = null;
  private micRequest: Promise<void> | null = null;
  private muted = false;
  private micProblem: AudioProblem | null = null;
  private blocked = false;
  private running = false;
  private statsTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly socket: AudioSignalSocket,
    private readonly ticket: MeshTicket,
    private readonly events: ProviderEvents,
  ) {
    this.me = ticket.self;
    for (const peer of ticket.peers) this.others.set(peer.id, peer);
    this.speaking = new SpeakingTracker(() => events.changed());
  }

  async start() {
    this.running = true;
    this.reconcile();
    if (this.me.sends) void this.openMic();
    this.statsTimer = setInterval(() => void this.stats(), STATS_EVERY_MS);
  }

  stop() {
    this.running = false;
    if (this.statsTimer) clearInterval(this.statsTimer);
    for (const link of this.links.values()) link.close();
    this.links.clear();
    for (const output of this.outputs.values()) {
      output.pause();
      output.srcObject = null;
    }
    this.outputs.clear();
    this.speaking.close();
    stopStream(this.mic);
    this.mic = null;
  }

  roster(peers: AudioPeerInfo[]) {
    const me = peers.find((p) => p.id === this.me.id);
    if (!me) return; // we are no longer in it; the session hears "audio:closed"
    const wasSending = this.me.sends;
    this.me = me;
    this.others.clear();
    for (const peer of peers) if (peer.id !== me.id) this.others.set(peer.id, peer);
    if (me.sends && !wasSending) void this.openMic();
    if (!me.sends && wasSending) this.closeMic();
    this.reconcile();
    this.events.changed();
  }

  signal(signal: AudioSignalIn) {
    let link = this.links.get(signal.from);
    const peer = this.others.get(signal.from);
    if (!link && peer && (this.me.sends || peer.sends)) link = this.openLink(peer.id);
    link?.handleSignal(signal);
  }

  refused(code: string, peerId: string | undefined) {
    // Our browser offered to send while the server already counts us as a listener: start that link afresh.
    if (code === "send-refused" && peerId) this.links.get(peerId)?.retry();
  }

  async setSends() {
    // The server's roster carries the change (see roster()).
  }

  setMuted(muted: boolean) {
    if (this.muted === muted) return;
    this.muted = muted;
    this.applySending();
    this.socket.emit("audio:mute", { muted });
    this.events.changed();
  }

  async resumePlayback() {
    await resumeAudioContext();
    const results = await Promise.allSettled([...this.outputs.values()].map((o) => o.play()));
    this.blocked = results.some((r) => r.status === "rejected");
    this.events.changed();
  }

  retry() {
    if (this.micProblem && this.me.sends) void this.openMic();
    for (const link of this.links.values()) if (link.state === "failed") link.retry();
  }

  level(peerId: string) {
    return this.speaking.level(peerId === this.me.id ? SELF : peerId);
  }

  self() {
    return {
      ...this.me,
      muted: this.muted,
      speaking: !this.muted && this.speaking.isSpeaking(SELF),
      micReady: this.mic !== null,
    };
  }

  peers(): AudioPeerState[] {
    return [...this.others.values()].map((peer) => {
      const link = this.links.get(peer.id);
      return {
        ...peer,
        link: link?.state ?? "none",
        quality: link?.quality ?? "unknown",
        speaking: peer.sends && !peer.muted && this.speaking.isSpeaking(peer.id),
      };
    });
  }

  problem() {
    return this.micProblem;
  }

  playbackBlocked() {
    return this.blocked;
  }

  async stats(): Promise<AudioLinkStats[]> {
    const entries = [...this.links.values()];
    const samples = await Promise.all(entries.map((link) => link.sample().catch(() => null)));
    return entries.flatMap((link, i) => {
      const s = samples[i];
      return s ? [{ peerId: link.peerId, connectionState: s.connectionState, inboundBytes: s.inboundBytes, outboundBytes: s.outboundBytes }] : [];
    });
  }

  streams() {
    const streams = new Map<string, MediaStream>();
    for (const link of this.links.values()) if (link.remoteStream) streams.set(link.peerId, link.remoteStream);
    return streams;
  }

  private sending(): Sending {
    if (!this.me.sends) return null;
    const track = this.mic?.getAudioTracks()[0] ?? null;
    return { track: this.muted ? null : track, stream: this.localStream };
  }

  private applySending() {
    const sending = this.sending();
    for (const link of this.links.values()) link.setSending(sending);
  }

  /** Links exactly where someone speaks; closes the rest. */
  private reconcile() {
    if (!this.running) return;
    for (const [id, link] of this.links) {
      const peer = this.others.get(id);
      if (!peer || !(this.me.sends || peer.sends)) {
        link.close();
        this.links.delete(id);
        this.attachOutput(id, null);
      }
    }
    for (const peer of this.others.values()) {
      if ((this.me.sends || peer.sends) && !this.links.has(peer.id)) this.openLink(peer.id);
    }
    this.applySending();
  }

  private openLink(peerId: string): PeerLink {
    const link = new PeerLink(
      {
        peerId,
        // Any rule both browsers compute alike will do; ids are unique in a room.
        polite: this.me.id < peerId,
        waitForFirstOffer: this.me.id < peerId && this.me.sends && Boolean(this.others.get(peerId)?.sends),
        iceServers: this.ticket.iceServers as RTCIceServer[],
        send: (signal) => this.socket.emit("audio:signal", { ...signal, to: peerId }),
        changed: () => {
          this.attachOutput(peerId, this.links.get(peerId)?.remoteStream ?? null);
          this.events.changed();
        },
      },
      this.sending(),
    );
    this.links.set(peerId, link);
    return link;
  }

  private attachOutput(peerId: string, stream: MediaStream | null) {
    let output = this.outputs.get(peerId);
    if (!stream) {
      if (output) {
        output.pause();
        output.srcObject = null;
        this.outputs.delete(peerId);
      }
      this.speaking.track(peerId, null);
      return;
    }
    if (output?.srcObject === stream) return;
    if (!output) {
      output = new Audio();
      output.autoplay = true;
      this.outputs.set(peerId, output);
    }
    output.srcObject = stream;
    output.play().catch((error: Error) => {
      if (error.name === "NotAllowedError" && !this.blocked) {
        this.blocked = true;
        this.events.changed();
      }
    });
    this.speaking.track(peerId, stream);
  }

  private openMic(): Promise<void> {
    this.micRequest ??= (async () => {
      const result = await openMicrophone();
      this.micRequest = null;
      if (!this.running || !this.me.sends) {
        if (result.ok) stopStream(result.stream);
        return;
      }
      if (!result.ok) {
        this.micProblem = result.problem;
        this.events.changed();
        return;
      }
      this.micProblem = null;
      this.mic = result.stream;
      for (const track of result.stream.getAudioTracks()) this.localStream.addTrack(track);
      this.speaking.track(SELF, result.stream);
      this.applySending();
      this.events.changed();
    })();
    return this.micRequest;
  }

  private closeMic() {
    for (const track of this.localStream.getTracks()) this.localStream.removeTrack(track);
    stopStream(this.mic);
    this.mic = null;
    this.micProblem = null;
    this.speaking.track(SELF, null);
  }
}
