import {
  audioSeatFor,
  mayRelay,
  meshRoomFull,
  summarizeSdp,
  type AudioCandidate,
  type AudioJoinAck,
  type AudioPeerInfo,
  type AudioSeat,
  type AudioSignalOut,
  type IceServerConfig,
} from "../../domain/audio";
import type { WorkshopState } from "../../domain/workshop";
import type { WorkshopService } from "../../services/workshop-service";
import type { AudioProvider, PresenceNotifier } from "../audio-provider";
import type { AudioIo, AudioSocket } from "../socket-types";
import { createMeshRooms, peerInfo, type MeshPeer } from "./mesh-rooms";

const REPLACED = "You joined this audio room from another tab or window, so it continues there.";

/**
 * Built-in audio: browsers connect to each other directly, and this relay
 * only passes their offers, answers and ICE candidates along — after checking,
 * for every message, that sender and receiver hold seats in the same room
 * under the workshop's current state.
 */
export function createMeshProvider(deps: {
  io: AudioIo;
  workshops: WorkshopService;
  iceServers: IceServerConfig[];
  notifyPresence: PresenceNotifier;
}): AudioProvider {
  const { io, workshops } = deps;
  const rooms = createMeshRooms();

  function sendRoster(room: string, except?: string) {
    const peers = rooms.peers(room);
    const infos = peers.map(peerInfo);
    for (const peer of peers) if (peer.socketId !== except) io.to(peer.socketId).emit("audio:peers", { room, peers: infos });
  }

  function refuse(socket: AudioSocket, code: string, message: string, to?: string) {
    socket.emit("audio:error", { code, message, ...(to ? { to } : {}) });
  }

  function leaveSocket(socketId: string) {
    const peer = rooms.leaveBySocket(socketId);
    if (!peer) return;
    sendRoster(peer.seat.room);
    deps.notifyPresence(peer.seat.workshopId);
  }

  return {
    kind: "mesh",

    async join(socket, candidate: AudioCandidate, seat: AudioSeat): Promise<AudioJoinAck> {
      const current = rooms.bySocket(socket.id);
      if (current && current.seat.room !== seat.room) leaveSocket(socket.id);
      const full = meshRoomFull(rooms.othersIn(seat.room, seat.identity));
      if (full) return { ok: false, error: full };
      const { replaced } = rooms.join({ id: seat.identity, socketId: socket.id, candidate, seat, muted: current?.muted ?? false });
      if (replaced) io.to(replaced.socketId).emit("audio:closed", { room: seat.room, reason: REPLACED });
      // The joiner learns the room from the ack; everyone else from the roster.
      sendRoster(seat.room, socket.id);
      deps.notifyPresence(seat.workshopId);
      const self = rooms.get(seat.room, seat.identity)!;
      return {
        ok: true,
        provider: "mesh",
        room: seat.room,
        self: peerInfo(self),
        peers: rooms.peers(seat.room).filter((p) => p.id !== self.id).map(peerInfo),
        iceServers: deps.iceServers,
      };
    },

    leave(socket) {
      leaveSocket(socket.id);
    },

    async talk(socket, talking) {
      const peer = rooms.bySocket(socket.id);
      if (!peer || peer.candidate.kind !== "facilitator") {
        return { ok: false, error: { code: "not-in-room", message: "Listen in to a group first, then choose to talk." } };
      }
      const loaded = workshops.load(peer.seat.workshopId);
      const candidate: AudioCandidate = { ...peer.candidate, talking };
      const seat = loaded ? audioSeatFor(loaded.state, candidate, peer.seat.groupId) : null;
      if (!seat?.ok) return { ok: false, error: seat?.error ?? { code: "not-found", message: "This workshop no longer exists." } };
      peer.candidate = candidate;
      peer.seat = seat.seat;
      sendRoster(peer.seat.room);
      deps.notifyPresence(peer.seat.workshopId);
      return { ok: true };
    },

    mute(socket, muted) {
      const peer = rooms.bySocket(socket.id);
      if (!peer || peer.muted === muted) return;
      peer.muted = muted;
      sendRoster(peer.seat.room);
    },

    signal(socket, signal: AudioSignalOut) {
      const sender = rooms.bySocket(socket.id);
      if (!sender) return refuse(socket, "not-in-room", "Join the audio room before connecting to someone in it.", signal.to);
      const loaded = workshops.load(sender.seat.workshopId);
      const target = rooms.get(sender.seat.room, signal.to);
      if (!loaded || !target || !mayRelay(loaded.state, sender.candidate, target.candidate, sender.seat.room)) {
        return refuse(socket, "signal-refused", "That person is not in your audio room, so nothing was sent to them.", signal.to);
      }
      if (signal.description) {
        const sdp = summarizeSdp(signal.description.sdp);
        const seat = audioSeatFor(loaded.state, sender.candidate, sender.seat.groupId);
        if (sdp.hasVideo) return refuse(socket, "video-refused", "Audio rooms carry audio only; video was refused.", signal.to);
        if (sdp.sendsAudio && !(seat.ok && seat.seat.sends)) {
          return refuse(socket, "send-refused", "You are listening in this room, so your browser may not send audio to it.", signal.to);
        }
      }
      io.to(target.socketId).emit("audio:signal", {
        from: sender.id,
        link: signal.link,
        ...(signal.toLink ? { toLink: signal.toLink } : {}),
        ...(signal.description ? { description: signal.description } : {}),
        ...(signal.candidate !== undefined ? { candidate: signal.candidate } : {}),
      });
    },

    workshopChanged(workshopId: string, state: WorkshopState) {
      let anyChange = false;
      for (const room of rooms.roomsOf(workshopId)) {
        let changed = false;
        for (const peer of rooms.peers(room)) {
          const result = audioSeatFor(state, peer.candidate, peer.seat.groupId);
          if (!result.ok) {
            rooms.remove(room, peer.id);
            io.to(peer.socketId).emit("audio:closed", { room, reason: result.error.message });
            changed = true;
          } else if (seatChanged(peer, result.seat)) {
            peer.seat = result.seat;
            changed = true;
          }
        }
        if (changed) sendRoster(room);
        anyChange ||= changed;
      }
      if (anyChange) deps.notifyPresence(workshopId);
    },

    presence(workshopId) {
      const groups: Record<string, AudioPeerInfo[]> = {};
      for (const room of rooms.roomsOf(workshopId)) {
        const peers = rooms.peers(room);
        if (peers[0]) groups[peers[0].seat.groupId] = peers.map(peerInfo);
      }
      return groups;
    },

    close() {},
  };
}

function seatChanged(peer: MeshPeer, seat: AudioSeat): boolean {
  return peer.seat.sends !== seat.sends || peer.seat.role !== seat.role || peer.seat.phase !== seat.phase || peer.seat.displayName !== seat.displayName;
}
