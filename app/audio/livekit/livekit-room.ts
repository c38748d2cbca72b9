import {
  ConnectionQuality,
  ConnectionState,
  DisconnectReason,
  Room,
  RoomEvent,
  Track,
  type Participant,
  type RemoteTrack,
} from "livekit-client";
import type { AudioJoinAck } from "../../../server/domain/audio/audio-contract";
import { roleFromMetadata } from "../../../server/domain/audio/livekit-grants";
import { microphoneProblem, preferredMicrophone } from "../microphone";
import type { ProviderRoom } from "../provider-room";
import type { AudioLinkStats, AudioPeerInfo, AudioPeerState, AudioProblem, LinkQuality, LinkState, ProviderEvents } from "../types";

type LiveKitTicket = Extract<AudioJoinAck, { ok: true; provider: "livekit" }>;

const QUALITY: Record<ConnectionQuality, LinkQuality> = {
  [ConnectionQuality.Excellent]: "good",
  [ConnectionQuality.Good]: "good",
  [ConnectionQuality.Poor]: "poor",
  [ConnectionQuality.Lost]: "poor",
  [ConnectionQuality.Unknown]: "unknown",
};

/**
 * A room on a LiveKit server. The token decides who may publish (see
 * server/domain/audio/livekit-grants.ts), so a listener's browser is never
 * asked for the microphone here either: only senders enable it.
 */
export class LiveKitRoom implements ProviderRoom {
  private readonly room: Room;
  private me: AudioPeerInfo;
  private muted = false;
  private micProblem: AudioProblem | null = null;
  private readonly outputs = new Map<string, HTMLMediaElement[]>();

  constructor(
    private readonly ticket: LiveKitTicket,
    private readonly events: ProviderEvents,
  ) {
    this.me = ticket.self;
    const deviceId = preferredMicrophone() ?? undefined;
    this.room = new Room({
      adaptiveStream: false,
      dynacast: false,
      audioCaptureDefaults: { deviceId, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
    const changed = () => this.events.changed();
    this.room
      .on(RoomEvent.ParticipantConnected, changed)
      .on(RoomEvent.ParticipantDisconnected, changed)
      .on(RoomEvent.ActiveSpeakersChanged, changed)
      .on(RoomEvent.ConnectionQualityChanged, changed)
      .on(RoomEvent.TrackMuted, changed)
      .on(RoomEvent.TrackUnmuted, changed)
      .on(RoomEvent.ParticipantMetadataChanged, changed)
      .on(RoomEvent.ParticipantPermissionsChanged, changed)
      .on(RoomEvent.ConnectionStateChanged, changed)
      .on(RoomEvent.AudioPlaybackStatusChanged, changed)
      .on(RoomEvent.TrackSubscribed, (track: RemoteTrack, _publication, participant) => {
        if (track.kind !== Track.Kind.Audio) return;
        this.outputs.set(participant.identity, [...(this.outputs.get(participant.identity) ?? []), track.attach()]);
        changed();
      })
      .on(RoomEvent.TrackUnsubscribed, (track: RemoteTrack, _publication, participant) => {
        for (const element of track.detach()) element.remove();
        this.outputs.delete(participant.identity);
        changed();
      })
      .on(RoomEvent.MediaDevicesError, (error: Error) => {
        this.micProblem = microphoneProblem(error);
        changed();
      })
      .on(RoomEvent.Disconnected, (reason?: DisconnectReason) => {
        if (reason !== DisconnectReason.CLIENT_INITIATED && reason !== DisconnectReason.ROOM_DELETED) {
          this.micProblem = { kind: "server", message: "The audio server disconnected. Use “Try again”, or the chat." };
        }
        changed();
      });
  }

  async start() {
    await this.room.connect(this.ticket.url, this.ticket.token);
    if (this.me.sends) await this.enableMicrophone(true);
  }

  stop() {
    void this.room.disconnect();
  }

  setMuted(muted: boolean) {
    this.muted = muted;
    if (this.me.sends) void this.enableMicrophone(!muted);
    this.events.changed();
  }

  async setSends(sends: boolean) {
    this.me = { ...this.me, sends };
    await this.enableMicrophone(sends && !this.muted);
    this.events.changed();
  }

  async resumePlayback() {
    await this.room.startAudio();
    this.events.changed();
  }

  retry() {
    if (this.room.state === ConnectionState.Disconnected) void this.start().catch(() => {});
    else if (this.micProblem && this.me.sends) void this.enableMicrophone(!this.muted);
  }

  level(peerId: string) {
    const participant = peerId === this.me.id ? this.room.localParticipant : this.room.remoteParticipants.get(peerId);
    return Math.min(1, (participant?.audioLevel ?? 0) * 2);
  }

  self() {
    return {
      ...this.me,
      muted: this.muted,
      speaking: this.room.localParticipant.isSpeaking,
      micReady: this.room.localParticipant.isMicrophoneEnabled,
    };
  }

  peers(): AudioPeerState[] {
    const link: LinkState =
      this.room.state === ConnectionState.Connected ? "connected" : this.room.state === ConnectionState.Reconnecting ? "retrying" : "connecting";
    return [...this.room.remoteParticipants.values()].map((p) => ({
      ...describe(p),
      link,
      quality: QUALITY[p.connectionQuality] ?? "unknown",
      speaking: p.isSpeaking,
    }));
  }

  problem() {
    return this.micProblem;
  }

  playbackBlocked() {
    return !this.room.canPlaybackAudio;
  }

  async stats(): Promise<AudioLinkStats[]> {
    return [];
  }

  streams() {
    const streams = new Map<string, MediaStream>();
    for (const p of this.room.remoteParticipants.values()) {
      const tracks = [...p.audioTrackPublications.values()].flatMap((pub) => (pub.track ? [pub.track.mediaStreamTrack] : []));
      if (tracks.length > 0) streams.set(p.identity, new MediaStream(tracks));
    }
    return streams;
  }

  private async enableMicrophone(enabled: boolean) {
    try {
      await this.room.localParticipant.setMicrophoneEnabled(enabled);
      this.micProblem = null;
    } catch (error) {
      this.micProblem = microphoneProblem(error);
    }
    this.events.changed();
  }
}

function describe(p: Participant): AudioPeerInfo {
  return {
    id: p.identity,
    displayName: p.name || p.identity,
    role: roleFromMetadata(p.metadata),
    sends: p.permissions?.canPublish ?? false,
    muted: !p.isMicrophoneEnabled,
  };
}
