import type { WorkshopState, WorkshopStatus } from "./types";

/**
 * Per-viewer views: the only shapes that leave the server over sockets.
 * A participant never sees team or shift of others (those are for the
 * facilitator's reports), and never sees who was removed or why.
 */

export interface RosterEntry {
  id: string;
  displayName: string;
  connected: boolean;
}

export interface FacilitatorRosterEntry extends RosterEntry {
  team: string | null;
  shift: string | null;
  joinedAt: number;
}

export interface FacilitatorView {
  kind: "facilitator";
  workshopId: string;
  version: number;
  code: string;
  title: string;
  teamLabel: string | null;
  askTeamAndShift: boolean;
  status: WorkshopStatus;
  roster: FacilitatorRosterEntry[];
  /** People who left or were removed, so the facilitator keeps a record. */
  departed: { id: string; displayName: string; kind: "left" | "removed" }[];
}

export interface ParticipantView {
  kind: "participant";
  workshopId: string;
  version: number;
  title: string;
  status: WorkshopStatus;
  roster: RosterEntry[];
}

export type WorkshopView = FacilitatorView | ParticipantView;

export function toFacilitatorView(
  state: WorkshopState,
  version: number,
  isConnected: (participantId: string) => boolean,
): FacilitatorView {
  const all = Object.values(state.participants);
  return {
    kind: "facilitator",
    workshopId: state.id,
    version,
    code: state.code,
    title: state.title,
    teamLabel: state.teamLabel,
    askTeamAndShift: state.askTeamAndShift,
    status: state.status,
    roster: all
      .filter((p) => !p.departure)
      .map((p) => ({
        id: p.id,
        displayName: p.displayName,
        connected: isConnected(p.id),
        team: p.team,
        shift: p.shift,
        joinedAt: p.joinedAt,
      })),
    departed: all
      .filter((p) => p.departure)
      .map((p) => ({ id: p.id, displayName: p.displayName, kind: p.departure!.kind })),
  };
}

/**
 * Every participant of a workshop gets the same lobby view, so it is built
 * once per change and shared; the client knows its own id from the handshake.
 */
export function toParticipantView(
  state: WorkshopState,
  version: number,
  isConnected: (participantId: string) => boolean,
): ParticipantView {
  return {
    kind: "participant",
    workshopId: state.id,
    version,
    title: state.title,
    status: state.status,
    roster: Object.values(state.participants)
      .filter((p) => !p.departure)
      .map((p) => ({ id: p.id, displayName: p.displayName, connected: isConnected(p.id) })),
  };
}
