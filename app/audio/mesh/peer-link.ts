import type { AudioSignalIn, AudioSignalOut } from "../../../server/domain/audio/audio-contract";
import type { LinkQuality, LinkState } from "../types";
import { classifyQuality, countersFrom, type LinkCounters } from "./link-quality";

/**
 * One RTCPeerConnection to one other person, negotiated with the "perfect
 * negotiation" pattern: either side may offer whenever its wishes change
 * (start or stop sending, an ICE restart); when both offer at once the
 * polite side yields. Which side is polite comes from comparing ids, so the
 * two browsers agree without talking about it.
 *
 * Recovery: a dropped path gets ICE restarts, then one fresh connection,
 * then the link reports "failed" so the room can say so plainly.
 */

const ICE_RESTARTS = 2;
const REBUILDS = 1;
const CONNECT_TIMEOUT_MS = 20_000;
const DISCONNECTED_GRACE_MS = 4_000;
/** Host candidates appear within milliseconds of a local description; none after this means a stuck connection. */
const GATHER_TIMEOUT_MS = 5_000;
const GATHER_REBUILDS = 2;
/** How long the polite side waits for the other's first offer before offering itself. */
const FIRST_OFFER_WAIT_MS = 3_000;

export type LinkSignal = Omit<AudioSignalOut, "to">;

/**
 * Everything that belongs to one RTCPeerConnection. A rebuild starts a new
 * one, so nothing from the old connection — a flag stuck mid-offer, a queue
 * waiting on a promise that a closed connection never settles — can leak
 * into the new one.
 */
interface Connection {
  pc: RTCPeerConnection;
  /** Ours, sent as `link`. */
  id: string;
  /** Theirs, once we have accepted a description from it. */
  remoteId: string | null;
  makingOffer: boolean;
  ignoreOffer: boolean;
  settingRemoteAnswer: boolean;
  /** Signals for this connection, handled one after another. */
  queue: Promise<void>;
  /** Candidates that arrived before we accepted a description from their connection. */
  early: Map<string, RTCIceCandidateInit[]>;
  /** Whether this connection has produced any local candidate yet. */
  gathered: boolean;
  /** Hold back our first offer, expecting the other side's (see PeerLinkOptions.waitForFirstOffer). */
  holding: boolean;
}

export interface PeerLinkOptions {
  peerId: string;
  polite: boolean;
  /**
   * When both sides speak, only one should open with an offer: two at once
   * is "glare", which perfect negotiation resolves, but an offer rolled back
   * while still being made can leave Chromium's connection gathering no
   * candidates at all. So the polite side waits briefly for the other's offer
   * and answers on the same transceiver (one two-way m-line).
   */
  waitForFirstOffer: boolean;
  iceServers: RTCIceServer[];
  send(signal: LinkSignal): void;
  changed(): void;
}

/** What this side wants to send: nothing (listening), or a microphone track (null while muted or not yet open). */
export type Sending = { track: MediaStreamTrack | null; stream: MediaStream } | null;

function randomId(): string {
  return Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
}

export class PeerLink {
  state: LinkState = "connecting";
  quality: LinkQuality = "unknown";
  remoteStream: MediaStream | null = null;

  private c!: Connection;
  private sending: Sending = null;
  private sendTransceiver: RTCRtpTransceiver | null = null;
  private remoteTrack: MediaStreamTrack | null = null;
  private restarts = 0;
  private rebuilds = 0;
  private gatherRebuilds = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private lastCounters: LinkCounters | null = null;

  constructor(
    private readonly options: PeerLinkOptions,
    sending: Sending,
  ) {
    this.sending = sending;
    this.open(false, true, options.waitForFirstOffer);
  }

  get peerId() {
    return this.options.peerId;
  }

  /** Start, change or stop what this side sends; renegotiates only when the direction changes. */
  setSending(sending: Sending) {
    this.sending = sending;
    if (!this.closed) this.applySending();
  }

  handleSignal(signal: AudioSignalIn) {
    const c = this.c;
    c.queue = c.queue
      .then(() => this.process(signal))
      .catch((error) => {
        console.warn(`audio: signal from ${this.options.peerId} failed`, error);
        if (c === this.c) this.recover();
      });
  }

  /** After a refused signal or a "try again": start over with a fresh connection. */
  retry() {
    this.restarts = 0;
    this.rebuilds = 0;
    this.gatherRebuilds = 0;
    this.reopen(true);
  }

  async sample(): Promise<LinkCounters & { connectionState: string }> {
    const pc = this.c.pc;
    const counters = countersFrom(await pc.getStats());
    const quality = this.state === "connected" ? classifyQuality(this.lastCounters, counters) : "unknown";
    this.lastCounters = counters;
    if (quality !== this.quality) {
      this.quality = quality;
      this.options.changed();
    }
    return { ...counters, connectionState: pc.connectionState };
  }

  close() {
    this.closed = true;
    this.clearTimer();
    this.teardown();
    this.state = "none";
  }

  /** `sendNow` is false when an incoming offer will say which transceiver to send on. */
  private open(initiate: boolean, sendNow = true, holdFirstOffer = false) {
    const pc = new RTCPeerConnection({ iceServers: this.options.iceServers });
    const c: Connection = {
      pc,
      id: randomId(),
      remoteId: null,
      makingOffer: false,
      ignoreOffer: false,
      settingRemoteAnswer: false,
      queue: Promise.resolve(),
      early: new Map(),
      gathered: false,
      holding: holdFirstOffer,
    };
    this.c = c;
    this.sendTransceiver = null;
    this.lastCounters = null;
    pc.onnegotiationneeded = () => void this.offer(c);
    pc.onicecandidate = ({ candidate }) => {
      if (candidate && c === this.c) {
        c.gathered = true;
        const { candidate: line, sdpMid, sdpMLineIndex, usernameFragment } = candidate.toJSON();
        this.send(c, { candidate: { candidate: line ?? "", sdpMid, sdpMLineIndex, usernameFragment } });
      }
    };
    pc.ontrack = () => {
      if (c === this.c) this.refreshRemote();
    };
    pc.onsignalingstatechange = () => {
      if (c === this.c && pc.signalingState === "stable") this.refreshRemote();
    };
    pc.onconnectionstatechange = () => {
      if (c === this.c) this.onConnectionState();
    };
    if (sendNow) this.applySending();
    if (c.holding) {
      setTimeout(() => {
        if (c === this.c && c.holding) {
          c.holding = false;
          this.applySending();
        }
      }, FIRST_OFFER_WAIT_MS);
    }
    // A listener has nothing to offer; after a rebuild it asks to receive, so the other side hears about the new connection.
    if (initiate && !this.sending) pc.addTransceiver("audio", { direction: "recvonly" });
    this.armTimeout();
  }

  private teardown() {
    const pc = this.c.pc;
    pc.onnegotiationneeded = null;
    pc.onicecandidate = null;
    pc.ontrack = null;
    pc.onsignalingstatechange = null;
    pc.onconnectionstatechange = null;
    pc.close();
    this.remoteTrack = null;
    this.remoteStream = null;
  }

  private reopen(initiate: boolean, sendNow = true) {
    if (this.closed) return;
    this.teardown();
    this.state = "connecting";
    this.options.changed();
    this.open(initiate, sendNow);
  }

  private send(c: Connection, signal: Omit<LinkSignal, "link" | "toLink">) {
    this.options.send({ ...signal, link: c.id, ...(c.remoteId ? { toLink: c.remoteId } : {}) });
  }

  private async offer(c: Connection) {
    if (c !== this.c || this.closed) return;
    try {
      c.makingOffer = true;
      await c.pc.setLocalDescription();
      if (c !== this.c || !c.pc.localDescription) return;
      this.send(c, { description: { type: "offer", sdp: c.pc.localDescription.sdp } });
      this.watchGathering(c);
    } catch (error) {
      console.warn(`audio: could not offer to ${this.options.peerId}`, error);
    } finally {
      c.makingOffer = false;
    }
  }

  private async process({ link, toLink, description, candidate }: AudioSignalIn) {
    if (this.closed) return;
    // Meant for a connection of ours that no longer exists.
    if (toLink !== undefined && toLink !== this.c.id) return;
    if (description) {
      const fromElsewhere = this.c.remoteId !== null && link !== this.c.remoteId;
      if (description.type === "offer" && fromElsewhere && toLink === undefined) {
        // The other side started a fresh connection; ours must start fresh too.
        this.reopen(false, false);
      } else if (description.type === "answer" && toLink === undefined) {
        return; // an answer always names the offer's connection; this one is malformed or very old
      }
      const c = this.c;
      const pc = c.pc;
      const readyForOffer = !c.makingOffer && (pc.signalingState === "stable" || c.settingRemoteAnswer);
      const collision = description.type === "offer" && !readyForOffer;
      c.ignoreOffer = !this.options.polite && collision;
      if (c.ignoreOffer) return;
      c.remoteId = link;
      c.holding = false;
      c.settingRemoteAnswer = description.type === "answer";
      try {
        await pc.setRemoteDescription(description);
      } finally {
        c.settingRemoteAnswer = false;
      }
      const early = c.early.get(link) ?? [];
      c.early.clear();
      for (const candidate of early) await this.addCandidate(c, candidate);
      if (description.type === "offer") {
        // The offer may have created a transceiver we can send on, making one two-way m-line.
        this.applySending();
        await pc.setLocalDescription();
        if (c === this.c && pc.localDescription) {
          this.send(c, { description: { type: "answer", sdp: pc.localDescription.sdp } });
          this.watchGathering(c);
        }
      }
    } else if (candidate) {
      const c = this.c;
      if (link === c.remoteId) await this.addCandidate(c, candidate);
      else if (c.early.size < 4) {
        // Perhaps from an offer we set aside in a collision, whose answer will name this connection: keep it until then.
        const list = c.early.get(link) ?? [];
        if (list.length < 50) list.push(candidate);
        c.early.set(link, list);
      }
    }
  }

  /** A connection that never produces a candidate cannot be repaired by ICE restarts; start a new one. */
  private watchGathering(c: Connection) {
    setTimeout(() => {
      if (c !== this.c || c.gathered || this.closed || this.gatherRebuilds >= GATHER_REBUILDS) return;
      this.gatherRebuilds++;
      console.warn(`audio: the connection to ${this.options.peerId} gathered no candidates; starting a new one`);
      this.reopen(true);
    }, GATHER_TIMEOUT_MS);
  }

  /** A candidate that does not apply (a removed section, an old ICE generation) is harmless: ICE carries on. */
  private async addCandidate(c: Connection, candidate: RTCIceCandidateInit) {
    try {
      await c.pc.addIceCandidate(candidate);
    } catch (error) {
      if (!c.ignoreOffer) console.warn(`audio: a candidate from ${this.options.peerId} did not apply`, error);
    }
  }

  /**
   * Sending uses one audio transceiver: reused if the other side already
   * opened one (so a conversation is one two-way m-line), added otherwise.
   * Stopping turns it to receive-only rather than stopping it, because the
   * other side may still be sending on it. Mute swaps the track for none,
   * which stops RTP without renegotiating.
   */
  private applySending() {
    const pc = this.c.pc;
    if (pc.signalingState === "closed") return;
    const audio = pc.getTransceivers().filter((t) => t.currentDirection !== "stopped" && t.direction !== "stopped" && t.receiver.track.kind === "audio");
    if (this.sending) {
      const { track, stream } = this.sending;
      let transceiver = this.sendTransceiver && audio.includes(this.sendTransceiver) ? this.sendTransceiver : null;
      transceiver ??= audio.find((t) => t.mid !== null && (t.direction === "recvonly" || t.direction === "inactive")) ?? null;
      if (!transceiver && this.c.holding) return;
      if (!transceiver) {
        transceiver = pc.addTransceiver(track ?? "audio", { direction: "sendrecv", streams: [stream] });
      } else if (transceiver.direction !== "sendrecv") {
        transceiver.direction = "sendrecv";
        transceiver.sender.setStreams(stream);
      }
      this.sendTransceiver = transceiver;
      if (transceiver.sender.track !== track) void transceiver.sender.replaceTrack(track).catch(() => {});
    } else {
      for (const transceiver of audio) {
        if (transceiver.direction === "sendrecv") transceiver.direction = "recvonly";
        else if (transceiver.direction === "sendonly") transceiver.direction = "inactive";
        if (transceiver.sender.track) void transceiver.sender.replaceTrack(null).catch(() => {});
      }
      this.sendTransceiver = null;
    }
  }

  /**
   * The other person's voice arrives on exactly one transceiver at a time:
   * the one whose negotiated direction lets us receive. After glare or a
   * change of sender there can be others whose tracks carry nothing, and a
   * stream holding those would play (and analyse) as silence, so the stream
   * holds only the receiving one.
   */
  private refreshRemote() {
    const receiving = this.c.pc
      .getTransceivers()
      .filter((t) => t.receiver.track.kind === "audio" && (t.currentDirection === "recvonly" || t.currentDirection === "sendrecv"));
    const track = receiving.at(-1)?.receiver.track ?? null;
    if (track === this.remoteTrack) return;
    this.remoteTrack = track;
    this.remoteStream = track ? new MediaStream([track]) : null;
    this.options.changed();
  }

  private onConnectionState() {
    switch (this.c.pc.connectionState) {
      case "connected":
        this.clearTimer();
        this.restarts = 0;
        this.setState("connected");
        break;
      case "disconnected":
        this.setState("retrying");
        this.clearTimer();
        this.timer = setTimeout(() => {
          if (this.c.pc.connectionState !== "connected") this.recover();
        }, DISCONNECTED_GRACE_MS);
        break;
      case "failed":
        this.recover();
        break;
      default:
        break;
    }
  }

  private recover() {
    if (this.closed) return;
    if (this.restarts < ICE_RESTARTS) {
      this.restarts++;
      this.setState("retrying");
      this.c.pc.restartIce();
      this.armTimeout();
    } else if (this.rebuilds < REBUILDS) {
      this.rebuilds++;
      this.restarts = 0;
      this.reopen(true);
      this.setState("retrying");
    } else {
      this.clearTimer();
      this.setState("failed");
    }
  }

  private armTimeout() {
    this.clearTimer();
    this.timer = setTimeout(() => {
      if (this.c.pc.connectionState !== "connected") this.recover();
    }, CONNECT_TIMEOUT_MS);
  }

  private clearTimer() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private setState(state: LinkState) {
    if (this.state === state) return;
    this.state = state;
    this.options.changed();
  }
}
