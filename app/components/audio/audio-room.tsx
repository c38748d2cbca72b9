import { useCallback } from "react";
import { useAudioSocket } from "~/audio/audio-socket-context";
import { useAudioRoom } from "~/audio/use-audio-room";
import type { AudioPeerState, AudioRoomClient, AudioSignalSocket, AudioSnapshot } from "~/audio/types";
import { isAudioPhase, type AudioRole } from "../../../server/domain/audio/audio-rules";
import type { GroupPhase, Role } from "../../../server/domain/workshop/types";
import { LevelMeter } from "./level-meter";
import { AudioPeople, type AudioMember } from "./audio-people";
import { ProblemHelp } from "./problem-help";
import { RoomChat } from "./room-chat";
import { roleWord } from "./role-words";
import { useMuteShortcut } from "./use-mute-shortcut";

/**
 * A group's audio room on the participant page: who is here and in which
 * role, who is speaking, your own microphone, what to do when something
 * fails, and the room chat as a fallback.
 */
export function AudioRoom({
  socket: socketProp,
  groupId,
  phase,
  meId,
  members,
  roleLabel = roleWord,
}: {
  /** Defaults to the page's socket (AudioSocketProvider). */
  socket?: AudioSignalSocket | null;
  groupId: string;
  phase: GroupPhase;
  meId: string;
  members: { id: string; displayName: string; role: Role }[];
  roleLabel?: (role: AudioRole) => string;
}) {
  const contextSocket = useAudioSocket();
  const socket = socketProp ?? contextSocket;
  const open = isAudioPhase(phase);
  const { client, snapshot } = useAudioRoom(socket, { groupId, enabled: open });
  const self = snapshot.self;
  const toggleMute = useCallback(() => {
    if (client && self) client.setMuted(!self.muted);
  }, [client, self]);
  useMuteShortcut(Boolean(self?.sends), toggleMute);

  const facilitator = snapshot.peers.find((p) => p.role === "facilitator");
  const failed = snapshot.peers.filter((p) => p.link === "failed");
  const people: AudioMember[] = [
    ...members.map((m) => ({ id: m.id, displayName: m.displayName, role: m.role as AudioRole, isMe: m.id === meId })),
    ...(facilitator ? [{ id: facilitator.id, displayName: "Facilitator", role: "facilitator" as const, isMe: false }] : []),
  ];

  return (
    <section className="card audio-room" aria-labelledby="audio-heading" data-testid="audio-room" data-audio-status={snapshot.status}>
      <h2 id="audio-heading">Audio room</h2>
      <p className="audio-status" role="status" data-testid="audio-status">
        {statusText(snapshot, open)}
      </p>
      {facilitator ? (
        <p className="alert info facilitator-present" data-testid="facilitator-present">
          The facilitator is {facilitator.sends ? "talking to" : "listening to"} your group.
        </p>
      ) : null}
      {snapshot.problem ? <ProblemHelp problem={snapshot.problem} onRetry={client ? () => client.retry() : undefined} /> : null}
      {snapshot.playbackBlocked && client ? (
        <div className="alert info">
          <p>Your browser is holding back the sound until you click.</p>
          <button type="button" className="button small" onClick={() => void client.resumePlayback()}>
            Turn on sound
          </button>
        </div>
      ) : null}
      {failed.length > 0 && client ? <FailedLinks peers={failed} client={client} /> : null}

      {self && client ? <MyMicrophone client={client} self={self} phase={phase} onToggle={toggleMute} /> : null}

      <AudioPeople people={people} snapshot={snapshot} roleLabel={roleLabel} />

      <RoomChat socket={socket} groupId={groupId} meId={meId} canWrite={open} />
    </section>
  );
}

function statusText(snapshot: AudioSnapshot, open: boolean): string {
  if (!open) return "The audio room is closed in this phase.";
  switch (snapshot.status) {
    case "idle":
    case "joining":
      return "Joining the audio room…";
    case "closed":
      return "You have left the audio room.";
    case "failed":
      return "You are not in the audio room.";
    case "connected": {
      const others = snapshot.peers.length;
      const company = others === 0 ? "Nobody else has joined yet." : `${others} other${others === 1 ? "" : "s"} here.`;
      if (!snapshot.self) return company;
      if (!snapshot.self.sends) return `You are in the audio room, listening. ${company}`;
      return `You are in the audio room${snapshot.self.muted ? " and muted" : ""}. ${company}`;
    }
  }
}

function MyMicrophone({
  client,
  self,
  phase,
  onToggle,
}: {
  client: AudioRoomClient;
  self: NonNullable<AudioSnapshot["self"]>;
  phase: GroupPhase;
  onToggle: () => void;
}) {
  if (!self.sends) {
    return (
      <p className="audio-listening" data-testid="audio-listening">
        {phase === "roleplay"
          ? "You listen during the role-play, so your microphone stays off. Use the chat to reach the facilitator."
          : "You are listening; your microphone stays off."}
      </p>
    );
  }
  return (
    <div className="my-microphone row">
      <button
        type="button"
        className={`button ${self.muted ? "" : "secondary"}`}
        aria-pressed={self.muted}
        aria-keyshortcuts="M"
        onClick={onToggle}
        data-testid="mute-button"
      >
        {self.muted ? "Unmute" : "Mute"} <span className="keycap" aria-hidden="true">M</span>
      </button>
      {self.micReady ? <LevelMeter read={() => client.level(self.id)} label="Your microphone level" testId="my-level" /> : null}
      <span className="muted">{self.muted ? "You are muted: nobody hears you." : self.micReady ? "Others can hear you." : "Opening your microphone…"}</span>
    </div>
  );
}

function FailedLinks({ peers, client }: { peers: AudioPeerState[]; client: AudioRoomClient }) {
  const names = peers.map((p) => p.displayName).join(", ");
  return (
    <div className="alert warn" role="alert" data-testid="audio-unreachable">
      <p>
        <strong>Could not connect to {names}.</strong> Rolecall tried several times. Your networks may block direct connections between browsers.
      </p>
      <ul>
        <li>Use the room chat below in the meantime.</li>
        <li>Ask the facilitator: Rolecall can use a TURN server for networks like this (ICE_SERVERS), or LiveKit.</li>
      </ul>
      <button type="button" className="button small secondary" onClick={() => client.retry()}>
        Try again
      </button>
    </div>
  );
}
