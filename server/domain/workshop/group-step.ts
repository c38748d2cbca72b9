import { placeSheetAccess, placeShowsRubric } from "../scoring/place-rules";
import type { GroupPhase, PhaseTimer, Role } from "./types";
import type { SharedViewContent, WireParticipantView } from "./wire-view";
import { roleIn } from "./roles";

/**
 * A group's phase step on the wire. Most changes during a round only move
 * groups on — role-play, reset, room debrief, a paused or extended timer —
 * and leave everything else in a participant's view as it was: the people,
 * the scenario, the briefs, the sheet's people and scores. For those the
 * server sends each group's members what moved, and the client applies it to
 * the view it holds, by the same rules the server's views use
 * (scoring/place-rules.ts). Building a thousand personal views for that cost
 * the server two to three times what the bare relay spends writing them
 * (see docs/ARCHITECTURE.md, "Fan-out").
 *
 * The server sends a step only when it has checked that the views it last
 * sent, applied with this step, give exactly the views it would build now
 * (server/realtime/group-steps.ts decides; group-step.test.ts checks the
 * equivalence through whole rounds). A client whose view is not the step's
 * base — it missed something — gets null and asks for a resync.
 */

/** What a group's members apply: its phase and timer, and the facts its sheet's views read. */
export interface GroupStepPart {
  id: string;
  phase: GroupPhase;
  timer: PhaseTimer | null;
  /**
   * At the end of a round: everyone's role for the next round (already rotated), and the
   * content a finished round shows — no scenario, no briefs (public, so it may ride here).
   */
  next?: { roles: Record<string, Role>; content: SharedViewContent };
  /** The group's sheet this round; null when it has none. */
  sheet: {
    round: number;
    live: boolean;
    revealed: boolean;
    roleplayStartedAt: number | null;
    rubricId: string | null;
  } | null;
}

export interface WireGroupStep {
  kind: "step";
  workshopId: string;
  /** The version of the view this step applies to. */
  baseVersion: number;
  version: number;
  serverNow: number;
  /** The receiver's group; null for people whose group did not move (their view only takes the new version). */
  group: GroupStepPart | null;
}

/** Phases whose views differ only in what a step carries (the briefs are on screen in all of them). */
export const STEP_PHASES: readonly GroupPhase[] = ["briefing", "roleplay", "reset", "debrief"];
/** A step may also end the round: out of these phases into "done", with the next round's roles. */
export const ROUND_END_PHASE: GroupPhase = "done";

/**
 * The view after the step; `wire` itself when it is already as new as the
 * step (a resync overtook it); null when `wire` is not the step's base, or
 * does not match the group it names: the caller asks for the whole view.
 */
export function applyGroupStep(wire: WireParticipantView, step: WireGroupStep, participantId: string): WireParticipantView | null {
  if (wire.version >= step.version) return wire;
  if (wire.version !== step.baseVersion || wire.workshopId !== step.workshopId) return null;
  const moved = step.group;
  if (moved === null) return { ...wire, version: step.version, serverNow: step.serverNow };
  if (wire.group?.id !== moved.id) return null;
  let scoring = wire.scoring;
  if (scoring !== null) {
    const sheet = moved.sheet;
    if (sheet === null || scoring.groupId !== moved.id || scoring.round !== sheet.round) return null;
    const place = { role: scoring.role, submitted: scoring.submitted, live: sheet.live, revealed: sheet.revealed };
    const access = placeSheetAccess(place);
    scoring = {
      ...scoring,
      phase: moved.phase,
      live: sheet.live,
      roleplayStartedAt: sheet.roleplayStartedAt,
      sheetAccess: access.sheet,
      ownSheetAccess: access.own,
      rubricId: placeShowsRubric(place, moved.phase) ? sheet.rubricId : null,
    };
  }
  // At the end of a round roles rotate (the sheet keeps the round's own), and the scenario and briefs go.
  const next = moved.next;
  const roleOf = (id: string) => roleIn(next?.roles ?? {}, id);
  return {
    ...wire,
    version: step.version,
    serverNow: step.serverNow,
    group: { ...wire.group, phase: moved.phase, timer: moved.timer, ...(next ? { members: wire.group.members.map((m) => ({ ...m, role: roleOf(m.id) })) } : {}) },
    scoring,
    ...(next ? { role: roleOf(participantId), contentKey: next.content.key } : {}),
  };
}
