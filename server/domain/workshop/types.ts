/**
 * The workshop as data. The state is only ever produced by folding events
 * (see evolve.ts); commands are decided against it (see decide.ts).
 */

export type WorkshopStatus = "open" | "ended";

/** Where the whole workshop is: gathering people, running rounds, or in the plenary debrief. */
export type WorkshopStage = "lobby" | "rounds" | "plenary";

import type { Role, RoleTally } from "../grouping/assign-roles";
import type { PhaseDurations } from "../phases/phase-machine";
import type { PhaseTimer } from "../phases/timer";
import type { Rubric } from "../scenario-schema";
import type { RoundSheet, ScoringCommand, ScoringEvent } from "../scoring/types";

export type { PhaseDurations, PhaseTimer, Role, RoleTally };

/**
 * A group's place in the current round. "waiting" is before the first round;
 * "done" is a finished round whose next roles are already assigned.
 */
export type GroupPhase = "waiting" | "briefing" | "roleplay" | "reset" | "debrief" | "done";


export interface WorkshopPlan {
  rubricId: string;
  groupSize: number;
  rounds: number;
  durations: PhaseDurations;
  /** The scenario for each round; a group may get its own (GroupState.scenarioId). */
  scenarioIds: string[];
}

export interface HelpRequest {
  participantId: string;
  at: number;
  message: string | null;
}

export interface GroupState {
  id: string;
  name: string;
  memberIds: string[];
  roles: Record<string, Role>;
  /** This round's scenario (the plan's, unless the facilitator chose another). */
  scenarioId: string | null;
  /** The facilitator's choice for this group's next round; null means the plan's. */
  nextScenarioId: string | null;
  phase: GroupPhase;
  timer: PhaseTimer | null;
  ready: string[];
  help: HelpRequest | null;
  curveballs: { id: string; at: number }[];
}


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
  stage: WorkshopStage;
  plan: WorkshopPlan | null;
  /** 0 before the first round starts. */
  round: number;
  groups: GroupState[];
  /** Turns played so far, so rotation is fair across rounds and regroupings. */
  roleHistory: Record<string, RoleTally>;
  broadcast: { text: string; at: number } | null;
  /** Scoring sheets by `${groupId}/${round}` (see server/domain/scoring). */
  sheets: Record<string, RoundSheet>;
}

/** The members and roles of one group after a change, carried whole in events. */
export interface GroupLineup {
  groupId: string;
  memberIds: string[];
  roles: Record<string, Role>;
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
  | { type: "workshopEnded"; at: number }
  | { type: "planSet"; at: number; plan: WorkshopPlan }
  | { type: "groupsFormed"; at: number; groups: { id: string; name: string; memberIds: string[]; roles: Record<string, Role> }[] }
  | { type: "lineupChanged"; at: number; reason: "moved" | "swapped" | "reassigned" | "placed"; lineups: GroupLineup[] }
  | { type: "groupScenarioSet"; at: number; groupId: string; scenarioId: string; appliesTo: "current" | "next" }
  | {
      type: "roundStarted";
      at: number;
      round: number;
      groups: { groupId: string; scenarioId: string; timer: PhaseTimer }[];
      roleHistory: Record<string, RoleTally>;
    }
  | {
      type: "groupPhaseChanged";
      at: number;
      groupId: string;
      phase: GroupPhase;
      timer: PhaseTimer | null;
      /** Entering "done": the roles for the next round, already rotated. */
      nextRoles?: Record<string, Role>;
      cause: "facilitator" | "expired";
    }
  | { type: "groupTimerChanged"; at: number; groupId: string; timer: PhaseTimer; change: "paused" | "resumed" | "extended" }
  | { type: "readyChanged"; at: number; groupId: string; participantId: string; ready: boolean }
  | { type: "helpRequested"; at: number; groupId: string; participantId: string; message: string | null }
  | { type: "helpCleared"; at: number; groupId: string }
  | { type: "curveballSent"; at: number; groupIds: string[]; curveballId: string }
  | { type: "messageBroadcast"; at: number; text: string }
  | { type: "plenaryStarted"; at: number }
  | ScoringEvent;

export type WorkshopEventType = WorkshopEvent["type"];

/** Who is asking. Authorization is decided from this, never from the payload. */
export type Actor =
  | { kind: "facilitator"; facilitatorId: string }
  | { kind: "participant"; participantId: string }
  /** The server itself, e.g. the scheduler expiring a phase. */
  | { kind: "system" };

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
  | { type: "endWorkshop" }
  | { type: "setPlan"; plan: WorkshopPlan }
  | { type: "formGroups" }
  | { type: "moveMember"; participantId: string; toGroupId: string }
  | { type: "swapRoles"; groupId: string; participantIds: [string, string] }
  | { type: "setRole"; groupId: string; participantId: string; role: Role }
  | { type: "placeParticipant"; participantId: string; groupId: string }
  | { type: "setGroupScenario"; groupId: string; scenarioId: string }
  | { type: "startRound" }
  | { type: "startRoleplay"; groupIds?: string[] }
  | { type: "pauseGroup"; groupId: string }
  | { type: "resumeGroup"; groupId: string }
  | { type: "extendGroup"; groupId: string; seconds: number }
  | { type: "advanceGroups"; groupIds?: string[] }
  | { type: "stepBackGroups"; groupIds?: string[] }
  | { type: "expirePhase"; groupId: string; endsAt: number }
  | { type: "sendCurveball"; groupIds: string[]; curveballId: string }
  | { type: "broadcastMessage"; text: string }
  | { type: "clearHelp"; groupId: string }
  | { type: "startPlenary" }
  | { type: "setReady"; ready: boolean }
  | { type: "askForHelp"; message: string | null }
  | { type: "cancelHelp" }
  | ScoringCommand;

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
  /** Uniform in [0, 1); only forming groups uses it. */
  random: () => number;
  /** What the scenario library holds, so plans and curveballs can be checked. */
  library: ScenarioLibrary;
}

/** The part of the scenario catalog the rules need; pure lookups. */
export interface ScenarioLibrary {
  hasScenario(id: string): boolean;
  hasRubric(id: string): boolean;
  curveballIds(scenarioId: string): string[];
  /** The whole rubric, so scores can be checked against its criteria and levels. */
  rubric?(id: string): Rubric | undefined;
}
