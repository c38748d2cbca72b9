import { audioSeatFor, liveKitGrantsFor, type AudioCandidate, type AudioSeat } from "../../domain/audio";
import type { WorkshopService } from "../../services/workshop-service";
import type { AudioProvider } from "../audio-provider";
import type { AudioSocket } from "../socket-types";
import type { LiveKitPresence } from "./livekit-presence";
import type { LiveKitRoomSync } from "./livekit-room-sync";
import { mintLiveKitToken, type LiveKitCredentials } from "./livekit-tokens";

/**
 * Audio through a LiveKit server: joining mints a short-lived token whose
 * grants follow the seat, the room service follows the workshop's phases,
 * and webhooks report who is actually connected.
 */
export function createLiveKitProvider(deps: {
  credentials: LiveKitCredentials;
  workshops: WorkshopService;
  rooms: LiveKitRoomSync;
  presence: LiveKitPresence;
}): AudioProvider {
  // Only the facilitator's seat changes without a workshop event (listen ↔ talk).
  const seats = new Map<string, { candidate: AudioCandidate; seat: AudioSeat }>();

  return {
    kind: "livekit",

    async join(socket, candidate, seat) {
      const token = await mintLiveKitToken(deps.credentials, liveKitGrantsFor(seat));
      seats.set(socket.id, { candidate, seat });
      return {
        ok: true,
        provider: "livekit",
        room: seat.room,
        self: { id: seat.identity, displayName: seat.displayName, role: seat.role, sends: seat.sends, muted: false },
        url: deps.credentials.url,
        token,
      };
    },

    leave(socket) {
      seats.delete(socket.id);
    },

    async talk(socket: AudioSocket, talking: boolean) {
      const held = seats.get(socket.id);
      if (!held || held.candidate.kind !== "facilitator") {
        return { ok: false, error: { code: "not-in-room", message: "Listen in to a group first, then choose to talk." } };
      }
      const loaded = deps.workshops.load(held.seat.workshopId);
      const candidate: AudioCandidate = { ...held.candidate, talking };
      const result = loaded ? audioSeatFor(loaded.state, candidate, held.seat.groupId) : null;
      if (!result?.ok) return { ok: false, error: result?.error ?? { code: "not-found", message: "This workshop no longer exists." } };
      try {
        await deps.rooms.updateParticipant(result.seat.room, result.seat.identity, result.seat.sends);
      } catch {
        return { ok: false, error: { code: "livekit-unavailable", message: "The audio server did not accept the change. Try again in a moment." } };
      }
      seats.set(socket.id, { candidate, seat: result.seat });
      return { ok: true };
    },

    // LiveKit carries mute state itself.
    mute() {},

    signal(socket, signal) {
      socket.emit("audio:error", {
        code: "wrong-provider",
        message: "Audio runs through LiveKit here; reload the page to connect the right way.",
        to: signal.to,
      });
    },

    workshopChanged(workshopId, state) {
      for (const [socketId, held] of seats) {
        if (held.seat.workshopId === workshopId && !audioSeatFor(state, held.candidate, held.seat.groupId).ok) seats.delete(socketId);
      }
      void deps.rooms.workshopChanged(workshopId, state);
    },

    presence(workshopId) {
      return deps.presence.byGroup(workshopId);
    },

    close() {
      seats.clear();
    },
  };
}
