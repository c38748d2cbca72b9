import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useAudioRoom } from "~/audio/use-audio-room";
import type { AudioPeerInfo, AudioRoomClient, AudioSignalSocket, AudioSnapshot } from "~/audio/types";
import { isAudioPhase } from "../../../server/domain/audio/audio-rules";
import type { GroupPhase, Role } from "../../../server/domain/workshop/types";
import { AudioPeople, type AudioMember } from "./audio-people";
import { LevelMeter } from "./level-meter";
import { ProblemHelp } from "./problem-help";
import { RoomChat } from "./room-chat";
import { roleWord } from "./role-words";
import { useMuteShortcut } from "./use-mute-shortcut";

interface ListenInContext {
  socket: AudioSignalSocket | null;
  groupId: string | null;
  listen(groupId: string): void;
  stop(): void;
  client: AudioRoomClient | null;
  snapshot: AudioSnapshot;
  presence: Record<string, AudioPeerInfo[]>;
}

const Context = createContext<ListenInContext | null>(null);

/**
 * The console's one audio seat: the facilitator listens to one group at a
 * time (choosing another leaves the first), and sees who is in every room.
 */
export function ListenInProvider({ socket, children }: { socket: AudioSignalSocket | null; children: ReactNode }) {
  const [groupId, setGroupId] = useState<string | null>(null);
  const [presence, setPresence] = useState<Record<string, AudioPeerInfo[]>>({});
  const { client, snapshot } = useAudioRoom(socket, { groupId: groupId ?? "", enabled: groupId !== null });

  useEffect(() => {
    if (!socket) return;
    const onPresence = ({ groups }: { groups: Record<string, AudioPeerInfo[]> }) => setPresence(groups);
    socket.on("audio:presence", onPresence);
    return () => {
      socket.off("audio:presence", onPresence);
    };
  }, [socket]);

  const value = useMemo<ListenInContext>(
    () => ({ socket, groupId, listen: setGroupId, stop: () => setGroupId(null), client, snapshot, presence }),
    [socket, groupId, client, snapshot, presence],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** Listen-in controls for one group card; renders nothing outside the group's audio phases or without a provider. */
export function ListenIn({
  group,
}: {
  group: { id: string; name: string; phase: GroupPhase; members: { id: string; displayName: string; role: Role }[] };
}) {
  const context = useContext(Context);
  const open = isAudioPhase(group.phase);
  const here = context?.groupId === group.id;
  const stop = context?.stop;

  useEffect(() => {
    // The room closes when the phase ends; let go of the seat too.
    if (here && !open) stop?.();
  }, [here, open, stop]);

  if (!context || !open) return null;
  const inRoom = context.presence[group.id] ?? [];
  const headingId = `listen-${group.id}`;

  return (
    <section className="listen-in" aria-labelledby={headingId} data-testid="listen-in">
      <h4 id={headingId}>Audio room</h4>
      {here ? (
        <Listening group={group} context={context} />
      ) : (
        <div className="row">
          <span data-testid="audio-presence-count">
            {inRoom.length === 0 ? "Nobody connected yet" : `${inRoom.length} connected`}
          </span>
          <button type="button" className="button small secondary" onClick={() => context.listen(group.id)}>
            Listen in<span className="visually-hidden"> to {group.name}</span>
          </button>
        </div>
      )}
      <details className="listen-chat">
        <summary>
          Show the room chat<span className="visually-hidden"> of {group.name}</span>
        </summary>
        <RoomChat socket={context.socket} groupId={group.id} meId="" canWrite={open} headingLevel={4} />
      </details>
    </section>
  );
}

function Listening({
  group,
  context,
}: {
  group: { id: string; name: string; members: { id: string; displayName: string; role: Role }[] };
  context: ListenInContext;
}) {
  const { client, snapshot } = context;
  const self = snapshot.self;
  const talking = Boolean(self?.sends);
  const [switching, setSwitching] = useState(false);
  const toggleMute = useCallback(() => {
    if (client && self) client.setMuted(!self.muted);
  }, [client, self]);
  useMuteShortcut(talking, toggleMute);

  async function setTalking(next: boolean) {
    if (!client) return;
    setSwitching(true);
    await client.setTalking(next);
    setSwitching(false);
  }

  const people: AudioMember[] = group.members.map((m) => ({ id: m.id, displayName: m.displayName, role: m.role, isMe: false }));
  return (
    <div className="stack listening" data-testid="listening" data-audio-status={snapshot.status}>
      <p role="status" data-testid="listen-status">
        {snapshot.status === "connected"
          ? talking
            ? `Talking to ${group.name}. They can hear you.`
            : `Listening to ${group.name}. They see that you are here; they cannot hear you.`
          : snapshot.status === "joining" || snapshot.status === "idle"
            ? `Joining ${group.name}'s audio room…`
            : `Not connected to ${group.name}'s audio room.`}
      </p>
      {snapshot.problem ? <ProblemHelp problem={snapshot.problem} onRetry={client ? () => client.retry() : undefined} /> : null}
      {snapshot.playbackBlocked && client ? (
        <button type="button" className="button small" onClick={() => void client.resumePlayback()}>
          Turn on sound
        </button>
      ) : null}
      <div className="row">
        <button
          type="button"
          className="button small secondary"
          aria-pressed={talking}
          disabled={switching || snapshot.status !== "connected"}
          onClick={() => void setTalking(!talking)}
        >
          {talking ? "Stop talking" : "Talk to the group"}
        </button>
        {talking && self ? (
          <>
            <button type="button" className="button small secondary" aria-pressed={self.muted} aria-keyshortcuts="M" onClick={toggleMute}>
              {self.muted ? "Unmute" : "Mute"}
            </button>
            {self.micReady ? <LevelMeter read={() => client?.level(self.id) ?? 0} label="Your microphone level" /> : null}
          </>
        ) : null}
        <button type="button" className="button small" onClick={context.stop}>
          Leave<span className="visually-hidden"> {group.name}&apos;s audio room</span>
        </button>
      </div>
      <AudioPeople people={people} snapshot={snapshot} roleLabel={roleWord} />
    </div>
  );
}
