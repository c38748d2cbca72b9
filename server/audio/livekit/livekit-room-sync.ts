import { TrackSource, type RoomServiceClient } from "livekit-server-sdk";
import { liveKitPermissionFor, openRoomsOf, roomActionsBetween, type OpenRooms, type RoomAction } from "../../domain/audio";
import type { WorkshopState } from "../../domain/workshop";

/** The part of LiveKit's room service Rolecall uses. */
export type LiveKitRoomService = Pick<RoomServiceClient, "createRoom" | "deleteRoom" | "removeParticipant" | "updateParticipant">;

/** Keep an unused room for a while after the phase starts, and let a dropped phone rejoin. */
const EMPTY_TIMEOUT_SECONDS = 10 * 60;
const DEPARTURE_TIMEOUT_SECONDS = 60;

export function liveKitPermission(sends: boolean) {
  const permission = liveKitPermissionFor({ sends });
  return { ...permission, canPublishSources: permission.canPublishSources.map(() => TrackSource.MICROPHONE) };
}

/** "Not found" means the room or person is already gone — the outcome we wanted. */
function isNotFound(error: unknown): boolean {
  const e = error as { status?: number; code?: string };
  return e?.status === 404 || e?.code === "not_found";
}

/**
 * Keeps LiveKit's rooms in step with the workshop: rooms open when a group's
 * audio phase starts and close when it ends (which disconnects everyone in
 * them), people who leave the group are removed, and a role change mid-phase
 * changes who may publish. Calls for one workshop run in order.
 */
export function createLiveKitRoomSync(deps: { roomService: LiveKitRoomService; log: (line: string) => void }) {
  /*
   * Per workshop, the rooms it had open when last seen: kept instead of the state
   * itself, which would hold a whole workshop in memory after it went idle
   * (services/idle-workshops.ts). A workshop with no open room keeps nothing.
   */
  const lastSeen = new Map<string, OpenRooms>();
  const queues = new Map<string, Promise<void>>();

  async function apply(action: RoomAction) {
    try {
      switch (action.type) {
        case "open":
          await deps.roomService.createRoom({ name: action.room, emptyTimeout: EMPTY_TIMEOUT_SECONDS, departureTimeout: DEPARTURE_TIMEOUT_SECONDS });
          break;
        case "close":
          await deps.roomService.deleteRoom(action.room);
          break;
        case "remove":
          await deps.roomService.removeParticipant(action.room, action.identity);
          break;
        case "permission":
          await deps.roomService.updateParticipant(action.room, action.identity, { permission: liveKitPermission(action.sends) });
          break;
      }
    } catch (error) {
      if (!isNotFound(error)) deps.log(`LiveKit ${action.type} for ${action.room} failed: ${(error as Error).message}`);
    }
  }

  return {
    workshopChanged(workshopId: string, state: WorkshopState): Promise<void> {
      const rooms = openRoomsOf(state);
      const actions = roomActionsBetween(lastSeen.get(workshopId) ?? new Map(), rooms);
      if (rooms.size === 0) lastSeen.delete(workshopId);
      else lastSeen.set(workshopId, rooms);
      const previous = queues.get(workshopId) ?? Promise.resolve();
      const next = previous.then(async () => {
        for (const action of actions) await apply(action);
      });
      queues.set(workshopId, next);
      void next.finally(() => {
        if (queues.get(workshopId) === next) queues.delete(workshopId);
      });
      return next;
    },
    /** Resolves when every queued call has been made (tests, shutdown). */
    async settled() {
      await Promise.all([...queues.values()]);
    },
    updateParticipant: (room: string, identity: string, sends: boolean) =>
      deps.roomService.updateParticipant(room, identity, { permission: liveKitPermission(sends) }),
  };
}

export type LiveKitRoomSync = ReturnType<typeof createLiveKitRoomSync>;
