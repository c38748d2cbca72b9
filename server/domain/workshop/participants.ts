import type { WorkshopState } from "./types";

/** A participant still in the room: joined and neither left nor removed. */
export function isActiveParticipant(state: WorkshopState, participantId: string): boolean {
  const participant = state.participants[participantId];
  return Boolean(participant && !participant.departure);
}
