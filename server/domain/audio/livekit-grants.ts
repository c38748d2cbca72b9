import type { AudioRole, AudioSeat } from "./audio-rules";

/**
 * What a LiveKit token allows, as plain data. server/audio turns it into a
 * signed JWT; keeping the decision here means one pure, tested function says
 * who may publish what.
 */

/** Short-lived: a token only has to get someone into the room; LiveKit refreshes it after that. */
export const LIVEKIT_TOKEN_TTL_SECONDS = 10 * 60;

export type LiveKitSource = "microphone";

export interface LiveKitGrantSpec {
  identity: string;
  name: string;
  /** JSON the other clients read to show the role ("Observer", "Facilitator"). */
  metadata: string;
  ttlSeconds: number;
  grant: {
    room: string;
    roomJoin: true;
    canSubscribe: true;
    canPublish: boolean;
    /** Only the microphone, ever: no camera, no screen share. */
    canPublishSources: LiveKitSource[];
    /** The room chat runs over socket.io, where it is validated and kept with the workshop. */
    canPublishData: false;
    canUpdateOwnMetadata: false;
    /** The group should see that the facilitator is present, even when only listening. */
    hidden: false;
  };
}

export interface AudioSeatMetadata {
  role: AudioSeat["role"];
  groupId: string;
  round: number;
}

/** (workshop, group, round, role) → grants, through the seat the audio rules gave. */
export function liveKitGrantsFor(seat: AudioSeat): LiveKitGrantSpec {
  const metadata: AudioSeatMetadata = { role: seat.role, groupId: seat.groupId, round: seat.round };
  return {
    identity: seat.identity,
    name: seat.displayName,
    metadata: JSON.stringify(metadata),
    ttlSeconds: LIVEKIT_TOKEN_TTL_SECONDS,
    grant: {
      room: seat.room,
      roomJoin: true,
      canSubscribe: true,
      canPublish: seat.sends,
      canPublishSources: seat.sends ? ["microphone"] : [],
      canPublishData: false,
      canUpdateOwnMetadata: false,
      hidden: false,
    },
  };
}

/** The permission LiveKit's room service should hold for a seat after a role or phase change. */
export function liveKitPermissionFor(seat: Pick<AudioSeat, "sends">) {
  return {
    canSubscribe: true,
    canPublish: seat.sends,
    canPublishSources: seat.sends ? (["microphone"] as LiveKitSource[]) : [],
    canPublishData: false,
  };
}

const ROLES: AudioRole[] = ["patient", "staff", "observer", "facilitator"];

/** The role a token's metadata names; anything unreadable counts as a listener. */
export function roleFromMetadata(metadata: string | undefined | null): AudioRole {
  try {
    const role = (JSON.parse(metadata || "{}") as { role?: unknown }).role;
    return ROLES.includes(role as AudioRole) ? (role as AudioRole) : "observer";
  } catch {
    return "observer";
  }
}
