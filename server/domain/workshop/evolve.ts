import type { WorkshopEvent, WorkshopState } from "./types";

/**
 * Applies one event. Pure and total: an event that was accepted once must
 * always fold, so unknown participants are ignored rather than thrown on.
 */
export function evolve(state: WorkshopState | null, event: WorkshopEvent): WorkshopState | null {
  if (event.type === "workshopCreated") {
    return {
      id: event.workshopId,
      code: event.code,
      title: event.title,
      teamLabel: event.teamLabel,
      askTeamAndShift: event.askTeamAndShift,
      facilitatorId: event.facilitatorId,
      status: "open",
      createdAt: event.at,
      endedAt: null,
      participants: {},
    };
  }
  if (!state) return state;

  switch (event.type) {
    case "participantJoined":
      return {
        ...state,
        participants: {
          ...state.participants,
          [event.participantId]: {
            id: event.participantId,
            displayName: event.displayName,
            team: event.team,
            shift: event.shift,
            joinedAt: event.at,
            departure: null,
          },
        },
      };
    case "participantLeft":
    case "participantRemoved": {
      const participant = state.participants[event.participantId];
      if (!participant) return state;
      return {
        ...state,
        participants: {
          ...state.participants,
          [event.participantId]: {
            ...participant,
            departure: {
              at: event.at,
              kind: event.type === "participantLeft" ? "left" : "removed",
              reason: event.type === "participantRemoved" ? event.reason : null,
            },
          },
        },
      };
    }
    case "workshopEnded":
      return { ...state, status: "ended", endedAt: event.at };
  }
}

export function fold(events: readonly WorkshopEvent[]): WorkshopState | null {
  return events.reduce<WorkshopState | null>(evolve, null);
}
