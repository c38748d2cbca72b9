import type { WorkshopState } from "../workshop/types";
import { audioRoomName, audioSeatFor, type AudioSeat } from "./audio-rules";

/**
 * What a server-managed audio service (LiveKit) must do after a workshop
 * changes, as a pure diff of two states: open a room when a group's audio
 * phase starts, close it when the phase ends, remove someone who is no longer
 * in the group, and change publish rights when a role changes mid-phase.
 * The facilitator's own seat is driven by their listen/talk choice instead.
 */

export type RoomAction =
  | { type: "open"; room: string; groupId: string }
  | { type: "close"; room: string; groupId: string }
  | { type: "remove"; room: string; identity: string }
  | { type: "permission"; room: string; identity: string; sends: boolean };

/** Participants' seats per open room, by identity. */
export type OpenRooms = Map<string, Map<string, AudioSeat>>;

/**
 * The rooms a state has open and who sits in each: all the next diff needs of
 * it, so a caller can keep this instead of the whole state (livekit-room-sync.ts).
 */
export function openRoomsOf(state: WorkshopState | null): OpenRooms {
  const rooms: OpenRooms = new Map();
  if (!state || state.status === "ended") return rooms;
  for (const group of state.groups) {
    const seats = new Map<string, AudioSeat>();
    let open = false;
    for (const participantId of group.memberIds) {
      const result = audioSeatFor(state, { kind: "participant", participantId }, group.id);
      if (result.ok) {
        open = true;
        seats.set(result.seat.identity, result.seat);
      }
    }
    if (open) rooms.set(audioRoomName(state.id, group.id), seats);
  }
  return rooms;
}

/** Where each participant sits in `state`, by identity. */
function roomOfEach(rooms: OpenRooms): Map<string, string> {
  const where = new Map<string, string>();
  for (const [room, seats] of rooms) for (const identity of seats.keys()) where.set(identity, room);
  return where;
}

export function liveKitRoomActions(prev: WorkshopState | null, next: WorkshopState): RoomAction[] {
  return roomActionsBetween(openRoomsOf(prev), openRoomsOf(next));
}

/** The same diff, between two sets of open rooms. */
export function roomActionsBetween(before: OpenRooms, after: OpenRooms): RoomAction[] {
  const nowIn = roomOfEach(after);
  const actions: RoomAction[] = [];

  for (const [room, seats] of before) {
    const groupId = seats.values().next().value?.groupId ?? room.slice(room.lastIndexOf(":") + 1);
    const still = after.get(room);
    if (!still) {
      actions.push({ type: "close", room, groupId });
      continue;
    }
    for (const [identity, seat] of seats) {
      const current = still.get(identity);
      // Gone from this room: left, removed, or seated elsewhere now.
      if (!current || nowIn.get(identity) !== room) actions.push({ type: "remove", room, identity });
      else if (current.sends !== seat.sends) actions.push({ type: "permission", room, identity, sends: current.sends });
    }
  }
  for (const [room, seats] of after) {
    if (before.has(room)) continue;
    const groupId = seats.values().next().value!.groupId;
    actions.push({ type: "open", room, groupId });
  }
  return actions;
}
