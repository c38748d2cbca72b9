import { PHASE_LABELS } from "../workshop/decide-session";
import { isActiveParticipant } from "../workshop/participants";
import type { GroupPhase, GroupState, Role, WorkshopState } from "../workshop/types";
import { roleIn } from "../workshop/roles";

/**
 * Who may be in which audio room, and who may speak there. Both providers
 * (the built-in mesh and LiveKit) ask these functions, so the rules cannot
 * drift apart: the mesh relay refuses a signal, LiveKit gets a token without
 * publish rights, for the same reasons.
 */

/** Each group has one audio room, open during the role-play and the room debrief. */
export const AUDIO_PHASES = ["roleplay", "debrief"] as const satisfies readonly GroupPhase[];

/**
 * Peer-to-peer audio sends one copy of every speaker's voice to every other
 * person, so upload grows with the room. Eight (a full group of six, two late
 * joiners or the facilitator) is where ordinary laptops and home uplinks
 * still cope; bench/results/audio-mesh.md has the measurements.
 */
export const MESH_MAX_PEOPLE = 8;

export type AudioRole = Role | "facilitator";

export function isAudioPhase(phase: GroupPhase): boolean {
  return (AUDIO_PHASES as readonly GroupPhase[]).includes(phase);
}

/**
 * Who sends audio. In the role-play only the two performers speak, and
 * observers listen so the conversation stays theirs; in the room debrief the
 * whole group discusses what happened, observers first, so everyone speaks.
 * The facilitator listens unless they chose to coach (talk to the group).
 */
export function speaksIn(phase: GroupPhase, role: AudioRole, facilitatorTalking = false): boolean {
  if (!isAudioPhase(phase)) return false;
  if (role === "facilitator") return facilitatorTalking;
  if (phase === "debrief") return true;
  return role === "patient" || role === "staff";
}

/** `{workshopId}:{groupId}`: readable in LiveKit's dashboard and unique across workshops. */
export function audioRoomName(workshopId: string, groupId: string): string {
  return `${workshopId}:${groupId}`;
}

export function parseAudioRoomName(name: string): { workshopId: string; groupId: string } | null {
  const at = name.lastIndexOf(":");
  if (at <= 0 || at === name.length - 1) return null;
  return { workshopId: name.slice(0, at), groupId: name.slice(at + 1) };
}

/** The identity a person has in audio rooms; matches presence ids elsewhere. */
export function facilitatorIdentity(facilitatorId: string): string {
  return `facilitator:${facilitatorId}`;
}

/** Someone asking for an audio seat. A facilitator says whether they want to talk. */
export type AudioCandidate =
  | { kind: "participant"; participantId: string }
  | { kind: "facilitator"; facilitatorId: string; talking: boolean };

/** A place in one audio room: what the person is, and whether they send audio. */
export interface AudioSeat {
  room: string;
  workshopId: string;
  groupId: string;
  round: number;
  phase: GroupPhase;
  identity: string;
  displayName: string;
  role: AudioRole;
  sends: boolean;
}

export type AudioRefusalCode = "ended" | "not-found" | "forbidden" | "not-in-group" | "not-audio-phase" | "room-full";

export interface AudioRefusal {
  code: AudioRefusalCode;
  /** Said to a person: what happened and what to do. */
  message: string;
}

export type AudioSeatResult = { ok: true; seat: AudioSeat } | { ok: false; error: AudioRefusal };

const refuse = (code: AudioRefusalCode, message: string): AudioSeatResult => ({ ok: false, error: { code, message } });

function closedPhaseMessage(group: GroupState): string {
  return `${group.name} is in “${PHASE_LABELS[group.phase]}” now. Its audio room is open during the role-play and the room debrief.`;
}

/**
 * The seat a person may take in a group's audio room right now, or why not.
 * Checked on every join and every relayed signal, and again whenever the
 * workshop changes, so a phase ending or a move closes the room for them.
 */
export function audioSeatFor(state: WorkshopState, who: AudioCandidate, groupId: string): AudioSeatResult {
  if (state.status === "ended") return refuse("ended", "The workshop has ended, so its audio rooms are closed.");
  const group = state.groups.find((g) => g.id === groupId);
  if (!group) return refuse("not-found", "That group no longer exists. Reload the page.");

  let identity: string;
  let displayName: string;
  let role: AudioRole;
  if (who.kind === "facilitator") {
    if (who.facilitatorId !== state.facilitatorId) return refuse("forbidden", "Only this workshop's facilitator can listen in to its groups.");
    identity = facilitatorIdentity(who.facilitatorId);
    displayName = "Facilitator";
    role = "facilitator";
  } else {
    if (!isActiveParticipant(state, who.participantId)) return refuse("forbidden", "You are no longer in this workshop.");
    if (!group.memberIds.includes(who.participantId)) {
      return refuse("not-in-group", "You are not in this group, so you cannot join its audio room.");
    }
    identity = who.participantId;
    displayName = state.participants[who.participantId]?.displayName ?? "Someone";
    role = roleIn(group.roles, who.participantId);
  }

  if (!isAudioPhase(group.phase)) return refuse("not-audio-phase", closedPhaseMessage(group));
  const talking = who.kind === "facilitator" && who.talking;
  return {
    ok: true,
    seat: {
      room: audioRoomName(state.id, group.id),
      workshopId: state.id,
      groupId: group.id,
      round: state.round,
      phase: group.phase,
      identity,
      displayName,
      role,
      sends: speaksIn(group.phase, role, talking),
    },
  };
}

/**
 * Whether a mesh signal may pass from one seat holder to another: both must
 * hold a seat in the same room under the current state. Anything else — a
 * neighbouring group, a finished phase, someone who left — is refused.
 */
export function mayRelay(state: WorkshopState, from: AudioCandidate, to: AudioCandidate, room: string): boolean {
  const parsed = parseAudioRoomName(room);
  if (!parsed || parsed.workshopId !== state.id) return false;
  const a = audioSeatFor(state, from, parsed.groupId);
  const b = audioSeatFor(state, to, parsed.groupId);
  return a.ok && b.ok && a.seat.room === room && b.seat.room === room && a.seat.identity !== b.seat.identity;
}

/**
 * The mesh size limit. `others` counts people already in the room other than
 * the one joining (a second tab of the same person replaces the first).
 */
export function meshRoomFull(others: number): AudioRefusal | null {
  if (others < MESH_MAX_PEOPLE) return null;
  return {
    code: "room-full",
    message:
      `This audio room already has ${MESH_MAX_PEOPLE} people, the most built-in peer-to-peer audio carries well. ` +
      "Use the room chat for now, and ask the facilitator to move someone to another group — or, for larger rooms, to run Rolecall with LiveKit (AUDIO_PROVIDER=livekit).",
  };
}
