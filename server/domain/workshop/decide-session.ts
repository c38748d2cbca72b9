import { formGroups, groupLabel } from "../grouping/form-groups";
import { assignRoles, recordRound, tallyOf, type RoleAssignment, type RoleHistory } from "../grouping/assign-roles";
import { extendTimer, isExpired, pauseTimer, resumeTimer, startTimer } from "../phases/timer";
import type {
  Actor,
  Decision,
  DecideContext,
  DecisionError,
  GroupLineup,
  GroupPhase,
  GroupState,
  PhaseTimer,
  Role,
  RoleTally,
  WorkshopCommand,
  WorkshopEvent,
  WorkshopPlan,
  WorkshopState,
} from "./types";
import { isActiveParticipant } from "./participants";
import { roleIn } from "./roles";

/**
 * Rules for running rounds: plans, groups, roles, phases and timers. Every
 * event carries its outcome (roles, deadlines), so folding never re-decides.
 */

const refuse = (code: DecisionError["code"], message: string): Decision => ({ ok: false, error: { code, message } });
const accept = (...events: WorkshopEvent[]): Decision => ({ ok: true, events });

const PHASE_ORDER: GroupPhase[] = ["briefing", "roleplay", "reset", "debrief", "done"];
const ACTIVE_PHASES: GroupPhase[] = ["briefing", "roleplay", "reset", "debrief"];
export const PHASE_LABELS: Record<GroupPhase, string> = {
  waiting: "Waiting to start",
  briefing: "Briefing",
  roleplay: "Role-play",
  reset: "Reset",
  debrief: "Room debrief",
  done: "Round complete",
};

export function phaseDurationMs(plan: WorkshopPlan, phase: GroupPhase): number | null {
  switch (phase) {
    case "briefing":
      return plan.durations.briefingSeconds * 1000;
    case "roleplay":
      return plan.durations.roleplaySeconds * 1000;
    case "reset":
      return plan.durations.resetSeconds * 1000;
    case "debrief":
      return plan.durations.debriefSeconds * 1000;
    default:
      return null;
  }
}

const isActive = (group: GroupState) => ACTIVE_PHASES.includes(group.phase);
const isBetweenRounds = (group: GroupState) => group.phase === "waiting" || group.phase === "done";

function memberNames(state: WorkshopState, ids: string[]) {
  return ids.map((id) => state.participants[id]?.displayName ?? "someone").join(", ");
}

/** Staff and patient for a group's round, fairest first (see assign-roles.ts). */
function rolesFor(groupId: string, memberIds: string[], history: RoleHistory, round: number): Record<string, Role> {
  const result = assignRoles({ id: groupId, memberIds }, history, round);
  const roles: Record<string, Role> = {};
  for (const id of memberIds) roles[id] = "observer";
  if (result.ok) {
    roles[result.assignment.staffId] = "staff";
    roles[result.assignment.patientId] = "patient";
  }
  return roles;
}

function assignmentOf(group: GroupState): RoleAssignment | null {
  const staffId = group.memberIds.find((id) => group.roles[id] === "staff");
  const patientId = group.memberIds.find((id) => group.roles[id] === "patient");
  if (!staffId || !patientId) return null;
  return { groupId: group.id, staffId, patientId, observerIds: group.memberIds.filter((id) => id !== staffId && id !== patientId) };
}

/** The history once `round` is played with the groups' current roles. */
function historyAfter(history: RoleHistory, groups: GroupState[], round: number): Record<string, RoleTally> {
  const assignments = groups.map(assignmentOf).filter((a): a is RoleAssignment => a !== null);
  return { ...recordRound(history, assignments, round) };
}

/** A group can only play with one patient and one staff member present. */
function performersMissing(group: GroupState): string | null {
  const roles = Object.values(group.roles);
  if (!roles.includes("patient")) return "has nobody playing the patient";
  if (!roles.includes("staff")) return "has nobody playing the staff member";
  return null;
}

function groupOf(state: WorkshopState, participantId: string): GroupState | undefined {
  return state.groups.find((g) => g.memberIds.includes(participantId));
}

function findGroups(state: WorkshopState, groupIds: string[] | undefined): GroupState[] | string {
  if (!groupIds || groupIds.length === 0) return state.groups;
  const found: GroupState[] = [];
  for (const id of groupIds) {
    const group = state.groups.find((g) => g.id === id);
    if (!group) return `There is no ${groupLabel(id)} in this workshop.`;
    found.push(group);
  }
  return found;
}

/** Moves a group one phase on; entering "done" rotates roles for the next round. */
function phaseChange(
  state: WorkshopState,
  group: GroupState,
  phase: GroupPhase,
  now: number,
  cause: "facilitator" | "expired",
): WorkshopEvent {
  const duration = state.plan ? phaseDurationMs(state.plan, phase) : null;
  const timer: PhaseTimer | null = duration === null ? null : startTimer(now, duration);
  const moreRounds = state.plan !== null && state.round < state.plan.rounds;
  const nextRoles =
    // roundStarted already recorded this round's turns in the history.
    phase === "done" && moreRounds ? rolesFor(group.id, group.memberIds, state.roleHistory, state.round + 1) : undefined;
  return { type: "groupPhaseChanged", at: now, groupId: group.id, phase, timer, cause, ...(nextRoles ? { nextRoles } : {}) };
}

function lineupOf(group: GroupState, memberIds: string[], roles: Record<string, Role>): GroupLineup {
  return { groupId: group.id, memberIds, roles };
}

/** After someone leaves a group, hand a missing performer role to an observer there. */
function refillRoles(memberIds: string[], roles: Record<string, Role>, history: RoleHistory): Record<string, Role> {
  const next: Record<string, Role> = {};
  for (const id of memberIds) next[id] = roleIn(roles, id);
  for (const needed of ["staff", "patient"] as const) {
    if (Object.values(next).includes(needed)) continue;
    const candidates = memberIds
      .filter((id) => next[id] === "observer")
      .sort((a, b) => tallyOf(history, a)[needed] - tallyOf(history, b)[needed]);
    if (candidates[0]) next[candidates[0]] = needed;
  }
  return next;
}

export function decideSession(state: WorkshopState, command: WorkshopCommand, actor: Actor, ctx: DecideContext): Decision {
  const now = ctx.now;

  // Participants' own commands.
  if (command.type === "setReady" || command.type === "askForHelp" || command.type === "cancelHelp") {
    if (actor.kind !== "participant" || !isActiveParticipant(state, actor.participantId)) {
      return refuse("forbidden", "Only people taking part can do that.");
    }
    const group = groupOf(state, actor.participantId);
    if (!group) return refuse("invalid", "You are not in a group yet. Wait for the facilitator to place you.");
    if (command.type === "setReady") {
      if (group.phase !== "briefing") return refuse("invalid", "Ready only counts during the briefing.");
      if (group.ready.includes(actor.participantId) === command.ready) return accept();
      return accept({ type: "readyChanged", at: now, groupId: group.id, participantId: actor.participantId, ready: command.ready });
    }
    if (command.type === "askForHelp") {
      return accept({ type: "helpRequested", at: now, groupId: group.id, participantId: actor.participantId, message: command.message });
    }
    if (!group.help) return accept();
    return accept({ type: "helpCleared", at: now, groupId: group.id });
  }

  // The scheduler's deadline: only the deadline it was armed for may expire.
  if (command.type === "expirePhase") {
    if (actor.kind !== "system") return refuse("forbidden", "Only the server's clock can expire a phase.");
    const group = state.groups.find((g) => g.id === command.groupId);
    if (!group || !group.timer || group.timer.endsAt !== command.endsAt || !isExpired(group.timer, now)) {
      return refuse("conflict", "That deadline has already moved.");
    }
    const next = PHASE_ORDER[PHASE_ORDER.indexOf(group.phase) + 1];
    if (!next) return refuse("invalid", "Nothing follows this phase.");
    return accept(phaseChange(state, group, next, now, "expired"));
  }

  if (actor.kind !== "facilitator" || actor.facilitatorId !== state.facilitatorId) {
    return refuse("forbidden", "Only this workshop's facilitator can do that.");
  }

  switch (command.type) {
    case "setPlan": {
      const { plan } = command;
      if (state.groups.some(isActive)) return refuse("invalid", "Change the plan between rounds, not while groups are in a phase.");
      if (!ctx.library.hasRubric(plan.rubricId)) return refuse("invalid", `There is no rubric called "${plan.rubricId}". Pick one from the list.`);
      if (plan.scenarioIds.length !== plan.rounds) return refuse("invalid", `Pick one scenario for each of the ${plan.rounds} rounds.`);
      const unknown = plan.scenarioIds.find((id) => !ctx.library.hasScenario(id));
      if (unknown) return refuse("invalid", `There is no scenario called "${unknown}". Pick one from the library.`);
      if (plan.rounds < state.round) return refuse("invalid", `${state.round} rounds have already started; plan at least that many.`);
      return accept({ type: "planSet", at: now, plan });
    }

    case "formGroups": {
      if (!state.plan) return refuse("invalid", "Choose a plan first: scenario, rounds and timings.");
      if (state.round > 0) return refuse("invalid", "Groups are formed before the first round. Move people between groups instead.");
      const present = Object.values(state.participants).filter((p) => !p.departure).map((p) => p.id);
      const formed = formGroups(present, { targetSize: state.plan.groupSize }, ctx.random);
      if (!formed.ok) return refuse("invalid", formed.message);
      return accept({
        type: "groupsFormed",
        at: now,
        groups: formed.groups.map((g) => ({
          id: g.id,
          name: groupLabel(g.id),
          memberIds: g.memberIds,
          roles: rolesFor(g.id, g.memberIds, state.roleHistory, 1),
        })),
      });
    }

    case "moveMember": {
      const from = groupOf(state, command.participantId);
      const to = state.groups.find((g) => g.id === command.toGroupId);
      if (!from) return refuse("not-found", "That person is not in a group. Place them from the lobby instead.");
      if (!to) return refuse("not-found", `There is no ${groupLabel(command.toGroupId)}.`);
      if (from.id === to.id) return accept();
      if (!isBetweenRounds(from) || !isBetweenRounds(to)) {
        return refuse("invalid", "Move people between rounds. During a round, place late joiners or reassign a role instead.");
      }
      if (from.memberIds.length <= 2) return refuse("invalid", `${from.name} needs at least two people to play. Move someone else in first.`);
      const fromMembers = from.memberIds.filter((id) => id !== command.participantId);
      const fromRoles = { ...from.roles };
      delete fromRoles[command.participantId];
      const toMembers = [...to.memberIds, command.participantId];
      return accept({
        type: "lineupChanged",
        at: now,
        reason: "moved",
        lineups: [
          lineupOf(from, fromMembers, refillRoles(fromMembers, fromRoles, state.roleHistory)),
          lineupOf(to, toMembers, { ...to.roles, [command.participantId]: "observer" }),
        ],
      });
    }

    case "swapRoles": {
      const group = state.groups.find((g) => g.id === command.groupId);
      const [a, b] = command.participantIds;
      if (!group) return refuse("not-found", `There is no ${groupLabel(command.groupId)}.`);
      if (!group.memberIds.includes(a) || !group.memberIds.includes(b)) return refuse("invalid", "Both people must be in the same group.");
      if (group.phase === "roleplay" || group.phase === "reset" || group.phase === "debrief") {
        return refuse("invalid", "Swap roles before the role-play starts. To replace someone mid-round, reassign their role.");
      }
      const roles = { ...group.roles, [a]: roleIn(group.roles, b), [b]: roleIn(group.roles, a) };
      return accept({ type: "lineupChanged", at: now, reason: "swapped", lineups: [lineupOf(group, group.memberIds, roles)] });
    }

    case "setRole": {
      const group = state.groups.find((g) => g.id === command.groupId);
      if (!group) return refuse("not-found", `There is no ${groupLabel(command.groupId)}.`);
      if (!group.memberIds.includes(command.participantId)) return refuse("invalid", `${memberNames(state, [command.participantId])} is not in ${group.name}.`);
      const roles = { ...group.roles };
      // A performer role has one holder: whoever had it becomes an observer.
      if (command.role !== "observer") {
        for (const [id, role] of Object.entries(roles)) if (role === command.role) roles[id] = "observer";
      }
      roles[command.participantId] = command.role;
      return accept({ type: "lineupChanged", at: now, reason: "reassigned", lineups: [lineupOf(group, group.memberIds, roles)] });
    }

    case "placeParticipant": {
      if (!isActiveParticipant(state, command.participantId)) return refuse("not-found", "That person is no longer in the workshop.");
      if (groupOf(state, command.participantId)) return refuse("invalid", "That person is already in a group. Move them instead.");
      const group = state.groups.find((g) => g.id === command.groupId);
      if (!group) return refuse("not-found", `There is no ${groupLabel(command.groupId)}.`);
      const memberIds = [...group.memberIds, command.participantId];
      // Late joiners observe; between rounds, a group short of a performer fills the gap.
      const roles = isBetweenRounds(group)
        ? refillRoles(memberIds, group.roles, state.roleHistory)
        : { ...group.roles, [command.participantId]: "observer" as Role };
      return accept({ type: "lineupChanged", at: now, reason: "placed", lineups: [lineupOf(group, memberIds, roles)] });
    }

    case "setGroupScenario": {
      const group = state.groups.find((g) => g.id === command.groupId);
      if (!group) return refuse("not-found", `There is no ${groupLabel(command.groupId)}.`);
      if (!ctx.library.hasScenario(command.scenarioId)) return refuse("invalid", `There is no scenario called "${command.scenarioId}".`);
      if (group.phase === "briefing") {
        return accept({ type: "groupScenarioSet", at: now, groupId: group.id, scenarioId: command.scenarioId, appliesTo: "current" });
      }
      if (isBetweenRounds(group)) {
        return accept({ type: "groupScenarioSet", at: now, groupId: group.id, scenarioId: command.scenarioId, appliesTo: "next" });
      }
      return refuse("invalid", `${group.name} is already playing; change its scenario during the briefing or between rounds.`);
    }

    case "startRound": {
      const plan = state.plan;
      if (!plan) return refuse("invalid", "Choose a plan first: scenario, rounds and timings.");
      if (state.groups.length === 0) return refuse("invalid", "Form groups before starting a round.");
      if (state.stage === "plenary") return refuse("invalid", "The workshop is in the plenary debrief; rounds are over.");
      const busy = state.groups.filter((g) => !isBetweenRounds(g));
      if (busy.length > 0) return refuse("invalid", `${busy.map((g) => g.name).join(", ")} ${busy.length === 1 ? "is" : "are"} still in round ${state.round}. Finish it first.`);
      if (state.round >= plan.rounds) return refuse("invalid", `All ${plan.rounds} rounds have been played. Start the plenary debrief.`);
      const short = state.groups.map((g) => [g, performersMissing(g)] as const).find(([, problem]) => problem);
      if (short) return refuse("invalid", `${short[0].name} ${short[1]}. Assign the role before starting.`);
      const round = state.round + 1;
      const duration = phaseDurationMs(plan, "briefing")!;
      return accept({
        type: "roundStarted",
        at: now,
        round,
        roleHistory: historyAfter(state.roleHistory, state.groups, round),
        groups: state.groups.map((g) => ({
          groupId: g.id,
          // A group-specific choice for this round wins over the plan.
          scenarioId: g.nextScenarioId ?? planScenario(plan, round),
          timer: startTimer(now, duration),
        })),
      });
    }

    case "startRoleplay": {
      const groups = findGroups(state, command.groupIds);
      if (typeof groups === "string") return refuse("not-found", groups);
      const briefing = groups.filter((g) => g.phase === "briefing");
      if (briefing.length === 0) return refuse("invalid", "No group is in the briefing, so there is no role-play to start.");
      return accept(...briefing.map((g) => phaseChange(state, g, "roleplay", now, "facilitator")));
    }

    case "pauseGroup":
    case "resumeGroup":
    case "extendGroup": {
      const group = state.groups.find((g) => g.id === command.groupId);
      if (!group) return refuse("not-found", `There is no ${groupLabel(command.groupId)}.`);
      if (!group.timer || !isActive(group)) return refuse("invalid", `${group.name} has no phase running to ${command.type === "extendGroup" ? "extend" : command.type === "pauseGroup" ? "pause" : "resume"}.`);
      const result =
        command.type === "pauseGroup"
          ? pauseTimer(group.timer, now)
          : command.type === "resumeGroup"
            ? resumeTimer(group.timer, now)
            : extendTimer(group.timer, now, command.seconds * 1000);
      if (!result.ok) return refuse("invalid", `${group.name}: ${result.message}`);
      const change = command.type === "pauseGroup" ? "paused" : command.type === "resumeGroup" ? "resumed" : "extended";
      return accept({ type: "groupTimerChanged", at: now, groupId: group.id, timer: result.timer, change });
    }

    case "advanceGroups":
    case "stepBackGroups": {
      const groups = findGroups(state, command.groupIds);
      if (typeof groups === "string") return refuse("not-found", groups);
      const events: WorkshopEvent[] = [];
      for (const group of groups) {
        const index = PHASE_ORDER.indexOf(group.phase);
        if (index < 0) continue;
        const target = command.type === "advanceGroups" ? PHASE_ORDER[index + 1] : PHASE_ORDER[index - 1];
        // Stepping back from "done" reopens the debrief; before briefing there is nothing.
        if (!target) continue;
        events.push(phaseChange(state, group, target, now, "facilitator"));
      }
      if (events.length === 0) {
        return refuse("invalid", command.type === "advanceGroups" ? "Those groups have finished this round. Start the next round instead." : "Those groups are at the start of the round already.");
      }
      return accept(...events);
    }

    case "sendCurveball": {
      const groups = findGroups(state, command.groupIds);
      if (typeof groups === "string") return refuse("not-found", groups);
      if (command.groupIds.length === 0) return refuse("invalid", "Choose at least one group for the curveball.");
      const notPlaying = groups.filter((g) => g.phase !== "roleplay");
      if (notPlaying.length > 0) return refuse("invalid", `Curveballs go to rooms in role-play; ${notPlaying.map((g) => g.name).join(", ")} ${notPlaying.length === 1 ? "is" : "are"} not.`);
      const missing = groups.filter((g) => !g.scenarioId || !ctx.library.curveballIds(g.scenarioId).includes(command.curveballId));
      if (missing.length > 0) return refuse("invalid", `That curveball is not part of ${missing.map((g) => g.name).join(", ")}'s scenario.`);
      return accept({ type: "curveballSent", at: now, groupIds: groups.map((g) => g.id), curveballId: command.curveballId });
    }

    case "broadcastMessage":
      return accept({ type: "messageBroadcast", at: now, text: command.text });

    case "clearHelp": {
      const group = state.groups.find((g) => g.id === command.groupId);
      if (!group) return refuse("not-found", `There is no ${groupLabel(command.groupId)}.`);
      if (!group.help) return accept();
      return accept({ type: "helpCleared", at: now, groupId: group.id });
    }

    case "startPlenary": {
      if (state.stage === "plenary") return refuse("conflict", "The plenary debrief has already started.");
      if (state.round === 0) return refuse("invalid", "Play at least one round before the plenary debrief.");
      return accept({ type: "plenaryStarted", at: now });
    }

    default:
      return refuse("invalid", "That command is not known.");
  }
}

function planScenario(plan: WorkshopPlan, round: number): string {
  return plan.scenarioIds[Math.min(Math.max(round, 1), plan.scenarioIds.length) - 1]!;
}
