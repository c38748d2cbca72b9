import { parseAudioRoomName, type AudioPeerInfo } from "../../domain/audio";

/**
 * Who LiveKit says is in each room, fed by its webhooks. The server never
 * sees LiveKit's media, so this is how the console learns who is listening.
 */
export function createLiveKitPresence() {
  const rooms = new Map<string, Map<string, AudioPeerInfo>>();
  return {
    joined(room: string, peer: AudioPeerInfo) {
      let peers = rooms.get(room);
      if (!peers) rooms.set(room, (peers = new Map()));
      peers.set(peer.id, peer);
    },
    left(room: string, identity: string) {
      const peers = rooms.get(room);
      peers?.delete(identity);
      if (peers?.size === 0) rooms.delete(room);
    },
    roomFinished(room: string) {
      rooms.delete(room);
    },
    byGroup(workshopId: string): Record<string, AudioPeerInfo[]> {
      const groups: Record<string, AudioPeerInfo[]> = {};
      for (const [room, peers] of rooms) {
        const parsed = parseAudioRoomName(room);
        if (parsed?.workshopId === workshopId) groups[parsed.groupId] = [...peers.values()];
      }
      return groups;
    },
  };
}

export type LiveKitPresence = ReturnType<typeof createLiveKitPresence>;
