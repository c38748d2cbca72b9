import { currentSheet, currentSheetFor, isSheetLive } from "../domain/scoring/sheets";
import type { RoundSheet } from "../domain/scoring/types";
import { ROUND_END_PHASE, STEP_PHASES, type GroupStepPart, type WireGroupStep } from "../domain/workshop/group-step";
import { groupById } from "../domain/workshop/state-index";
import type { GroupState, WorkshopState } from "../domain/workshop/types";
import { activeParticipants } from "../domain/workshop/views";
import { noScenarioContent } from "../domain/workshop/wire-view";

/**
 * The groups that moved on between the state whose views everyone was last
 * sent and the state now, when a step each (domain/workshop/group-step.ts)
 * brings every participant's view exactly to what the server would build
 * now; null when anything else changed, so the caller sends whole views.
 *
 * States are never changed once built, and evolve keeps every part it did
 * not touch, so "nothing else changed" is a comparison by reference: a
 * group's fields but its phase and timer, every field of the workshop but its
 * groups and sheets, and each sheet but the role-play's start time; at the
 * end of a round, the roles too. Anything else — people joining, a score
 * submitted, a role swapped, a round starting — fails it and goes out as
 * whole views.
 */
export function groupStepsBetween(sent: WorkshopState, now: WorkshopState, epoch: string): GroupStepPart[] | null {
  for (const key of Object.keys(now) as (keyof WorkshopState)[]) {
    if (key !== "groups" && key !== "sheets" && now[key] !== sent[key]) return null;
  }
  if (now.groups.length !== sent.groups.length) return null;
  const moved: GroupState[] = [];
  for (let i = 0; i < now.groups.length; i++) {
    const before = sent.groups[i]!;
    const after = now.groups[i]!;
    if (after === before) continue;
    // Out of the lobby's "waiting" or out of "done", the round, scenario and sheet change too.
    if (!STEP_PHASES.includes(before.phase)) return null;
    if (STEP_PHASES.includes(after.phase)) {
      if (!sameExcept(before, after, GROUP_STEP_FIELDS)) return null;
    } else if (after.phase !== ROUND_END_PHASE || !sameExcept(before, after, ROUND_END_FIELDS)) return null;
    moved.push(after);
  }
  const movedIds = new Set(moved.map((g) => g.id));
  if (!onlyRoleplayStartsChanged(sent.sheets, now.sheets, movedIds)) return null;
  const parts: GroupStepPart[] = [];
  for (const group of moved) {
    const part = stepOf(now, group, epoch);
    if (!part) return null;
    parts.push(part);
  }
  return parts;
}

const GROUP_STEP_FIELDS: ReadonlySet<string> = new Set(["phase", "timer"]);
const ROUND_END_FIELDS: ReadonlySet<string> = new Set(["phase", "timer", "roles"]);
const SHEET_STEP_FIELDS: ReadonlySet<string> = new Set(["roleplayStartedAt"]);

function sameExcept<T extends object>(before: T, after: T, except: ReadonlySet<string>): boolean {
  const keys = Object.keys(after) as (keyof T)[];
  if (keys.length !== Object.keys(before).length) return false;
  return keys.every((key) => except.has(key as string) || after[key] === before[key]);
}

function onlyRoleplayStartsChanged(sent: WorkshopState["sheets"], now: WorkshopState["sheets"], moved: ReadonlySet<string>): boolean {
  if (sent === now) return true;
  const keys = Object.keys(now);
  if (keys.length !== Object.keys(sent).length) return false;
  return keys.every((key) => {
    const before = sent[key];
    const after = now[key]!;
    return before === after || (before !== undefined && moved.has(after.groupId) && sameExcept<RoundSheet>(before, after, SHEET_STEP_FIELDS));
  });
}

/**
 * The step a group's members apply, or null when the people whose views it
 * changes are not exactly its members scoring on its own sheet (someone moved
 * between groups mid-round): a step goes to a group's members only.
 */
function stepOf(state: WorkshopState, group: GroupState, epoch: string): GroupStepPart | null {
  const sheet = currentSheet(state, group);
  if (sheet) {
    const onSheet = [sheet.staffId, sheet.patientId, ...sheet.observerIds].filter((id): id is string => id !== null);
    if (onSheet.some((id) => !group.memberIds.includes(id) || currentSheetFor(state, id)?.group.id !== group.id)) return null;
    // The staff member's scoring view gains the rubric in the room debrief; the plan's rubric is the one every connection was sent ahead.
    if (sheet.rubricId !== null && sheet.rubricId !== state.plan?.rubricId) return null;
  }
  if (group.memberIds.some((id) => (currentSheetFor(state, id)?.group.id ?? group.id) !== group.id)) return null;
  return {
    id: group.id,
    phase: group.phase,
    timer: group.timer,
    ...(group.phase === ROUND_END_PHASE ? { next: { roles: group.roles, content: noScenarioContent(epoch) } } : {}),
    sheet: sheet
      ? { round: sheet.round, live: isSheetLive(state, sheet), revealed: sheet.revealed !== null, roleplayStartedAt: sheet.roleplayStartedAt, rubricId: sheet.rubricId }
      : null,
  };
}

/**
 * The step messages of one fan-out: each moved group's to its members, and
 * one to everyone else still in the workshop, whose views only take the new
 * version (none when every group moved, as when the facilitator moves them all).
 */
export function groupStepMessages(
  state: WorkshopState,
  parts: readonly GroupStepPart[],
  versions: { baseVersion: number; version: number; serverNow: number },
): { people: string[]; message: WireGroupStep }[] {
  const at = { kind: "step" as const, workshopId: state.id, baseVersion: versions.baseVersion, version: versions.version, serverNow: versions.serverNow };
  const messages = parts.map((part) => ({ people: groupById(state, part.id)?.memberIds ?? [], message: { ...at, group: part } as WireGroupStep }));
  const stepped = new Set(messages.flatMap((m) => m.people));
  const others = activeParticipants(state).flatMap((p) => (stepped.has(p.id) ? [] : [p.id]));
  if (others.length > 0) messages.push({ people: others, message: { ...at, group: null } });
  return messages;
}
