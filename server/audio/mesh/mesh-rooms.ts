import type { AudioCandidate, AudioPeerInfo, AudioSeat } from "../../domain/audio";

/**
 * Who is in each mesh audio room, in memory. Like presence, this is not part
 * of the workshop's event log: browsers rejoin after a restart, and a room's
 * media never passes through the server anyway.
 */

export interface MeshPeer {
  /** Identity in the room: a participant id, or facilitator:{id}. */
  id: string;
  socketId: string;
  candidate: AudioCandidate;
  seat: AudioSeat;
  muted: boolean;
}

export function peerInfo(peer: MeshPeer): AudioPeerInfo {
  return { id: peer.id, displayName: peer.seat.displayName, role: peer.seat.role, sends: peer.seat.sends, muted: peer.muted };
}

export function createMeshRooms() {
  const rooms = new Map<string, Map<string, MeshPeer>>();
  const roomOfSocket = new Map<string, string>();

  function remove(room: string, id: string): MeshPeer | null {
    const peers = rooms.get(room);
    const peer = peers?.get(id);
    if (!peers || !peer) return null;
    peers.delete(id);
    if (peers.size === 0) rooms.delete(room);
    if (roomOfSocket.get(peer.socketId) === room) roomOfSocket.delete(peer.socketId);
    return peer;
  }

  return {
    /** Adds a peer; a second connection of the same person replaces (and returns) the first. */
    join(peer: MeshPeer): { replaced: MeshPeer | null } {
      let peers = rooms.get(peer.seat.room);
      if (!peers) rooms.set(peer.seat.room, (peers = new Map()));
      const replaced = peers.get(peer.id) ?? null;
      if (replaced) roomOfSocket.delete(replaced.socketId);
      peers.set(peer.id, peer);
      roomOfSocket.set(peer.socketId, peer.seat.room);
      return { replaced: replaced && replaced.socketId !== peer.socketId ? replaced : null };
    },
    leaveBySocket(socketId: string): MeshPeer | null {
      const room = roomOfSocket.get(socketId);
      if (!room) return null;
      const peer = [...(rooms.get(room)?.values() ?? [])].find((p) => p.socketId === socketId);
      return peer ? remove(room, peer.id) : null;
    },
    remove,
    bySocket(socketId: string): MeshPeer | null {
      const room = roomOfSocket.get(socketId);
      if (!room) return null;
      return [...(rooms.get(room)?.values() ?? [])].find((p) => p.socketId === socketId) ?? null;
    },
    get(room: string, id: string): MeshPeer | null {
      return rooms.get(room)?.get(id) ?? null;
    },
    peers(room: string): MeshPeer[] {
      return [...(rooms.get(room)?.values() ?? [])];
    },
    /** How many people other than `id` are in the room. */
    othersIn(room: string, id: string): number {
      const peers = rooms.get(room);
      return peers ? peers.size - (peers.has(id) ? 1 : 0) : 0;
    },
    roomsOf(workshopId: string): string[] {
      return [...rooms.keys()].filter((room) => rooms.get(room)!.values().next().value?.seat.workshopId === workshopId);
    },
  };
}

export type MeshRooms = ReturnType<typeof createMeshRooms>;
