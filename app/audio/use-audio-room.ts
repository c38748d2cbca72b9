import { useEffect, useState, useSyncExternalStore } from "react";
import { AudioSession } from "./audio-session";
import { IDLE_SNAPSHOT, type AudioRoomClient, type AudioSignalSocket, type AudioSnapshot } from "./types";

const noSubscription = () => () => {};
const idle = () => IDLE_SNAPSHOT;

/**
 * Joins a group's audio room while `enabled` (mounted, in an audio phase),
 * and leaves it on unmount or when the group changes.
 */
export function useAudioRoom(
  socket: AudioSignalSocket | null,
  options: { groupId: string; enabled: boolean; talk?: boolean },
): { client: AudioRoomClient | null; snapshot: AudioSnapshot } {
  const [session, setSession] = useState<AudioSession | null>(null);
  const { groupId, enabled, talk } = options;

  useEffect(() => {
    if (!socket || !enabled) return;
    const created = new AudioSession(socket, { groupId, talk });
    setSession(created);
    void created.join();
    return () => {
      created.leave();
      setSession(null);
    };
    // `talk` only sets how the facilitator enters; switching later goes through setTalking.
  }, [socket, groupId, enabled]);

  const snapshot = useSyncExternalStore(session?.subscribe ?? noSubscription, session?.getSnapshot ?? idle, idle);
  return { client: session, snapshot };
}
