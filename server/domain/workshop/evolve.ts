import { evolveSheets, sheetsAfterPhaseChanges } from "../scoring/sheets";
import type { GroupState, WorkshopEvent, WorkshopState } from "./types";

function updateGroup(state: WorkshopState, groupId: string, change: (group: GroupState) => GroupState): WorkshopState {
  return { ...state, groups: state.groups.map((g) => (g.id === groupId ? change(g) : g)) };
}

/** A person who leaves or is removed no longer holds a place or a role in a group. */
function withoutMember(group: GroupState, participantId: string): GroupState {
  if (!group.memberIds.includes(participantId)) return group;
  const roles = { ...group.roles };
  delete roles[participantId];
  return {
    ...group,
    memberIds: group.memberIds.filter((id) => id !== participantId),
    roles,
    ready: group.ready.filter((id) => id !== participantId),
    help: group.help?.participantId === participantId ? null : group.help,
  };
}

/**
 * Applies one event. Pure and total: an event that was accepted once must
 * always fold, so unknown participants or groups are ignored, not thrown on.
 * Events carry their results (roles, timers), so folding never re-decides.
 */
export function evolve(state: WorkshopState | null, event: WorkshopEvent): WorkshopState | null {
  return evolveSheets(evolveWorkshop(state, event), event);
}

function evolveWorkshop(state: WorkshopState | null, event: WorkshopEvent): WorkshopState | null {
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
      stage: "lobby",
      plan: null,
      round: 0,
      groups: [],
      roleHistory: {},
      broadcast: null,
      sheets: {},
    };
  }
  if (!state) return state;

  switch (event.type) {
    case "participantJoined":
      return {
        ...state,
        participants: { ...state.participants, [event.participantId]: joinedParticipant(event) },
      };
    case "participantLeft":
    case "participantRemoved": {
      const participant = state.participants[event.participantId];
      if (!participant) return state;
      return {
        ...state,
        groups: state.groups.map((g) => withoutMember(g, event.participantId)),
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
      return {
        ...state,
        status: "ended",
        endedAt: event.at,
        groups: state.groups.map((g) => ({ ...g, timer: null })),
      };
    case "planSet":
      return { ...state, plan: event.plan };
    case "groupsFormed":
      return {
        ...state,
        groups: event.groups.map((g) => ({
          id: g.id,
          name: g.name,
          memberIds: g.memberIds,
          roles: g.roles,
          scenarioId: null,
          nextScenarioId: null,
          phase: "waiting",
          timer: null,
          ready: [],
          help: null,
          curveballs: [],
        })),
      };
    case "lineupChanged": {
      let next = state;
      for (const lineup of event.lineups) {
        next = updateGroup(next, lineup.groupId, (g) => ({
          ...g,
          memberIds: lineup.memberIds,
          roles: lineup.roles,
          ready: g.ready.filter((id) => lineup.memberIds.includes(id)),
          help: g.help && lineup.memberIds.includes(g.help.participantId) ? g.help : null,
        }));
      }
      return next;
    }
    case "groupScenarioSet":
      return updateGroup(state, event.groupId, (g) =>
        event.appliesTo === "current" ? { ...g, scenarioId: event.scenarioId } : { ...g, nextScenarioId: event.scenarioId },
      );
    case "roundStarted": {
      const byGroup = new Map(event.groups.map((g) => [g.groupId, g]));
      return {
        ...state,
        stage: "rounds",
        round: event.round,
        roleHistory: event.roleHistory,
        groups: state.groups.map((g) => {
          const start = byGroup.get(g.id);
          if (!start) return g;
          return { ...g, scenarioId: start.scenarioId, nextScenarioId: null, phase: "briefing", timer: start.timer, ready: [], help: null, curveballs: [] };
        }),
      };
    }
    case "groupPhaseChanged":
      return updateGroup(state, event.groupId, (g) => withPhase(g, event));
    case "groupTimerChanged":
      return updateGroup(state, event.groupId, (g) => ({ ...g, timer: event.timer }));
    case "readyChanged":
      return updateGroup(state, event.groupId, (g) => ({
        ...g,
        ready: event.ready
          ? g.ready.includes(event.participantId)
            ? g.ready
            : [...g.ready, event.participantId]
          : g.ready.filter((id) => id !== event.participantId),
      }));
    case "helpRequested":
      return updateGroup(state, event.groupId, (g) => ({
        ...g,
        help: { participantId: event.participantId, at: event.at, message: event.message },
      }));
    case "helpCleared":
      return updateGroup(state, event.groupId, (g) => ({ ...g, help: null }));
    case "curveballSent":
      return {
        ...state,
        groups: state.groups.map((g) =>
          event.groupIds.includes(g.id) ? { ...g, curveballs: [...g.curveballs, { id: event.curveballId, at: event.at }] } : g,
        ),
      };
    case "messageBroadcast":
      return { ...state, broadcast: { text: event.text, at: event.at } };
    case "plenaryStarted":
      return {
        ...state,
        stage: "plenary",
        groups: state.groups.map((g) => ({ ...g, phase: "done", timer: null, help: null })),
      };
    case "scoresSubmitted":
    case "selfAssessmentLocked":
    case "patientPerspectiveGiven":
    case "scoresRevealed":
      // Scoring lives in the sheets (server/domain/scoring/sheets.ts).
      return state;
  }
}

type PhaseChange = Extract<WorkshopEvent, { type: "groupPhaseChanged" }>;

/**
 * Applies a command's events in order, with the same result as evolving them
 * one by one. A facilitator moving every room at once decides one phase
 * change per group; evolving those singly copied the state's groups and
 * sheets once per group (200 × 200 for a workshop of a thousand), so a run of
 * them is applied in one pass. A group appearing twice ends the run.
 */
export function evolveAll(state: WorkshopState | null, events: readonly WorkshopEvent[]): WorkshopState | null {
  let next = state;
  let i = 0;
  while (i < events.length) {
    const run = next ? phaseChangeRun(events, i) : [];
    const joins = next && run.length <= 1 ? joinRun(events, i) : [];
    if (run.length > 1) {
      next = applyPhaseChanges(next!, run);
      i += run.length;
    } else if (joins.length > 1) {
      next = applyJoins(next!, joins);
      i += joins.length;
    } else {
      next = evolve(next, events[i]!);
      i += 1;
    }
  }
  return next;
}

function phaseChangeRun(events: readonly WorkshopEvent[], from: number): PhaseChange[] {
  const run: PhaseChange[] = [];
  const groups = new Set<string>();
  for (let i = from; i < events.length; i++) {
    const event = events[i]!;
    if (event.type !== "groupPhaseChanged" || groups.has(event.groupId)) break;
    groups.add(event.groupId);
    run.push(event);
  }
  return run;
}

type Joined = Extract<WorkshopEvent, { type: "participantJoined" }>;

/*
 * Joins one after another, as a stored history holds them: evolving each on its
 * own copies everyone who joined before, so folding a workshop of 1,000 from its
 * events (a restart, an idle workshop used again) copied half a million entries.
 */
function joinRun(events: readonly WorkshopEvent[], from: number): Joined[] {
  const run: Joined[] = [];
  for (let i = from; i < events.length && events[i]!.type === "participantJoined"; i++) run.push(events[i] as Joined);
  return run;
}

function applyJoins(state: WorkshopState, run: readonly Joined[]): WorkshopState {
  const participants = { ...state.participants };
  for (const event of run) participants[event.participantId] = joinedParticipant(event);
  return { ...state, participants };
}

function joinedParticipant(event: Joined): WorkshopState["participants"][string] {
  return { id: event.participantId, displayName: event.displayName, team: event.team, shift: event.shift, joinedAt: event.at, departure: null };
}

function withPhase(group: GroupState, change: PhaseChange): GroupState {
  return { ...group, phase: change.phase, timer: change.timer, roles: change.nextRoles ?? group.roles };
}

function applyPhaseChanges(state: WorkshopState, run: readonly PhaseChange[]): WorkshopState {
  const byGroup = new Map(run.map((change) => [change.groupId, change]));
  const groups = state.groups.map((g) => {
    const change = byGroup.get(g.id);
    return change ? withPhase(g, change) : g;
  });
  return sheetsAfterPhaseChanges({ ...state, groups }, run);
}

export function fold(events: readonly WorkshopEvent[]): WorkshopState | null {
  return evolveAll(null, events);
}
