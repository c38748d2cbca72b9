/**
 * The workshop as data. The state is only ever produced by folding events
 * (see evolve.ts); commands are decided against it (see decide.ts).
 */

export type WorkshopStatus = "open" | "ended";

export interface Participant {
  id: string;
  displayName: string;
  team: string | null;
  shift: string | null;
  joinedAt: number;
  /** Set when the participant left by themselves or was removed. */
  departure: { at: number; kind: "left" | "removed"; reason: string | null } | null;
}

export interface WorkshopState {
  id: string;
  code: string;
  title: string;
  teamLabel: string | null;
  askTeamAndShift: boolean;
  facilitatorId: string;
  status: WorkshopStatus;
  createdAt: number;
  endedAt: number | null;
  /** Insertion order is join order; JS objects keep it for string keys. */
  participants: Record<string, Participant>;
}

export type WorkshopEvent =
  | {
      type: "workshopCreated";
      at: number;
      workshopId: string;
      code: string;
      title: string;
      teamLabel: string | null;
      askTeamAndShift: boolean;
      facilitatorId: string;
    }
  | {
      type: "participantJoined";
      at: number;
      participantId: string;
      displayName: string;
      team: string | null;
      shift: string | null;
    }
  | { type: "participantLeft"; at: number; participantId: string }
  | { type: "participantRemoved"; at: number; participantId: string; reason: string | null }
  | { type: "workshopEnded"; at: number };

export type WorkshopEventType = WorkshopEvent["type"];

/** Who is asking. Authorization is decided from this, never from the payload. */
export type Actor =
  | { kind: "facilitator"; facilitatorId: string }
  | { kind: "participant"; participantId: string };

export type WorkshopCommand =
  | {
      type: "createWorkshop";
      workshopId: string;
      code: string;
      title: string;
      teamLabel: string | null;
      askTeamAndShift: boolean;
    }
  | {
      type: "joinWorkshop";
      participantId: string;
      displayName: string;
      team: string | null;
      shift: string | null;
    }
  | { type: "leaveWorkshop" }
  | { type: "removeParticipant"; participantId: string; reason: string | null }
  | { type: "endWorkshop" };

export type WorkshopCommandType = WorkshopCommand["type"];

export type DecisionErrorCode =
  | "forbidden"
  | "not-found"
  | "invalid"
  | "conflict"
  | "ended";

export interface DecisionError {
  code: DecisionErrorCode;
  /** Said to a person: what happened and what to do. */
  message: string;
}

export type Decision =
  | { ok: true; events: WorkshopEvent[] }
  | { ok: false; error: DecisionError };

/** Clock passed in so the domain never reads the wall clock itself. */
export interface DecideContext {
  now: number;
}
