import { groupById } from "../workshop/state-index";
import type { GroupPhase, GroupState, WorkshopEvent, WorkshopState } from "../workshop/types";
import type { RoundSheet } from "./types";
import { roleIn } from "../workshop/roles";

/**
 * Folding scoring into the workshop state. Sheets are created when a round
 * starts and keep that round's roles; the rest of the state moves on.
 */

export const sheetKey = (groupId: string, round: number) => `${groupId}/${round}`;

/** Phases in which observers score and take notes. */
export const SCORING_PHASES: readonly GroupPhase[] = ["roleplay", "reset", "debrief"];

export function sheetOf(state: WorkshopState, groupId: string, round: number): RoundSheet | undefined {
  return state.sheets[sheetKey(groupId, round)];
}

/** The sheet of the round a group is in (or has just finished). */
export function currentSheet(state: WorkshopState, group: GroupState): RoundSheet | undefined {
  if (state.round === 0 || group.phase === "waiting") return undefined;
  return sheetOf(state, group.id, state.round);
}

/** The group a participant scores in this round, with its sheet. */
export function currentSheetFor(state: WorkshopState, participantId: string): { group: GroupState; sheet: RoundSheet } | undefined {
  // Indexed once per state (states are never changed once built): a fan-out asks this for every participant.
  let index = currentSheetIndex.get(state);
  if (!index) {
    index = new Map();
    for (const group of state.groups) {
      const sheet = currentSheet(state, group);
      if (!sheet) continue;
      for (const id of [...sheet.observerIds, sheet.staffId, sheet.patientId]) if (id && !index.has(id)) index.set(id, { group, sheet });
    }
    currentSheetIndex.set(state, index);
  }
  return index.get(participantId);
}

const currentSheetIndex = new WeakMap<WorkshopState, Map<string, { group: GroupState; sheet: RoundSheet }>>();

/** Live: this round, open for scoring, workshop still running. */
export function isSheetLive(state: WorkshopState, sheet: RoundSheet): boolean {
  if (state.status !== "open" || state.round !== sheet.round) return false;
  const group = groupById(state, sheet.groupId);
  return Boolean(group && SCORING_PHASES.includes(group.phase));
}

export function sheetRoleOf(sheet: RoundSheet, participantId: string): "staff" | "patient" | "observer" | null {
  if (sheet.staffId === participantId) return "staff";
  if (sheet.patientId === participantId) return "patient";
  return sheet.observerIds.includes(participantId) ? "observer" : null;
}

function rolesOf(group: GroupState): Pick<RoundSheet, "staffId" | "patientId" | "observerIds"> {
  return {
    staffId: group.memberIds.find((id) => group.roles[id] === "staff") ?? null,
    patientId: group.memberIds.find((id) => group.roles[id] === "patient") ?? null,
    observerIds: group.memberIds.filter((id) => roleIn(group.roles, id) === "observer"),
  };
}

function withSheet(state: WorkshopState, groupId: string, round: number, change: (sheet: RoundSheet) => RoundSheet): WorkshopState {
  const key = sheetKey(groupId, round);
  const sheet = state.sheets[key];
  if (!sheet) return state;
  return { ...state, sheets: { ...state.sheets, [key]: change(sheet) } };
}

const OPEN_PHASES: readonly GroupPhase[] = ["briefing", ...SCORING_PHASES];

/**
 * `after` is the workshop once the event is applied; the sheets follow it.
 * Pure and total, like evolve: unknown groups or sheets are ignored.
 */
export function evolveSheets(after: WorkshopState | null, event: WorkshopEvent): WorkshopState | null {
  if (!after) return after;
  switch (event.type) {
    case "roundStarted": {
      const sheets = { ...after.sheets };
      for (const start of event.groups) {
        const group = after.groups.find((g) => g.id === start.groupId);
        if (!group) continue;
        sheets[sheetKey(group.id, event.round)] = {
          groupId: group.id,
          round: event.round,
          scenarioId: start.scenarioId,
          rubricId: after.plan?.rubricId ?? null,
          ...rolesOf(group),
          roleplayStartedAt: null,
          submissions: {},
          selfAssessment: null,
          patientPerspective: null,
          revealed: null,
        };
      }
      return { ...after, sheets };
    }
    case "lineupChanged": {
      // Mid-round changes (a late joiner placed, a role reassigned) change who scores.
      let next = after;
      for (const lineup of event.lineups) {
        const group = next.groups.find((g) => g.id === lineup.groupId);
        if (!group || !OPEN_PHASES.includes(group.phase)) continue;
        next = withSheet(next, group.id, next.round, (sheet) => ({ ...sheet, ...rolesOf(group) }));
      }
      return next;
    }
    case "participantLeft":
    case "participantRemoved": {
      // Someone who leaves mid-round no longer holds up the count; a submission already made still counts.
      const id = event.participantId;
      let next = after;
      for (const group of after.groups) {
        if (!OPEN_PHASES.includes(group.phase)) continue;
        const sheet = sheetOf(after, group.id, after.round);
        if (!sheet || sheetRoleOf(sheet, id) === null) continue;
        next = withSheet(next, group.id, after.round, (s) => ({
          ...s,
          staffId: s.staffId === id ? null : s.staffId,
          patientId: s.patientId === id ? null : s.patientId,
          observerIds: s.submissions[id] ? s.observerIds : s.observerIds.filter((o) => o !== id),
        }));
      }
      return next;
    }
    case "groupPhaseChanged":
      return sheetsAfterPhaseChanges(after, [event]);
    case "scoresSubmitted":
      return withSheet(after, event.groupId, event.round, (sheet) => ({
        ...sheet,
        submissions: {
          ...sheet.submissions,
          [event.participantId]: { participantId: event.participantId, at: event.at, scores: event.scores, behaviours: event.behaviours },
        },
      }));
    case "selfAssessmentLocked":
      return withSheet(after, event.groupId, event.round, (sheet) => ({
        ...sheet,
        selfAssessment: { participantId: event.participantId, at: event.at, scores: event.scores },
      }));
    case "patientPerspectiveGiven":
      return withSheet(after, event.groupId, event.round, (sheet) => ({
        ...sheet,
        patientPerspective: { participantId: event.participantId, at: event.at, feltHeard: event.feltHeard, whatLanded: event.whatLanded },
      }));
    case "scoresRevealed":
      return withSheet(after, event.groupId, event.round, (sheet) => ({ ...sheet, revealed: { at: event.at, cause: event.cause } }));
    default:
      return after;
  }
}

type PhaseChange = Extract<WorkshopEvent, { type: "groupPhaseChanged" }>;

/**
 * A sheet records when its role-play started. `after` is the workshop with
 * these phase changes applied (one per group); the sheets are copied once for
 * the lot, so moving 200 groups at once costs one copy of 200 sheets, not 200.
 */
export function sheetsAfterPhaseChanges(after: WorkshopState, changes: readonly PhaseChange[]): WorkshopState {
  let sheets: WorkshopState["sheets"] | null = null;
  for (const change of changes) {
    if (change.phase !== "roleplay") continue;
    const key = sheetKey(change.groupId, after.round);
    const sheet = (sheets ?? after.sheets)[key];
    if (!sheet) continue;
    sheets ??= { ...after.sheets };
    sheets[key] = { ...sheet, roleplayStartedAt: change.at };
  }
  return sheets ? { ...after, sheets } : after;
}
