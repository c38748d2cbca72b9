import { groupById } from "../workshop/state-index";
import type { Rubric } from "../scenario-schema";
import type { GroupPhase, GroupState, Role, WorkshopState } from "../workshop/types";
import type { ViewContent } from "../workshop/views";
import { participantSheetAccess, type SheetAccess } from "./access";
import { placeShowsRubric } from "./place-rules";
import { compareScores, orderedSubmissions, scoringProgress, type CriterionComparison, type ScoringProgress } from "./comparison";
import { observerSheetDocName, sharedSheetDocName } from "./sheet-docs";
import { currentSheet, currentSheetFor, isSheetLive, sheetOf, sheetRoleOf } from "./sheets";
import type { FeltHeard, RoundSheet, ScoreMap } from "./types";

/**
 * Scoring as each viewer may see it. Observers see the side-by-side
 * comparison only once they have submitted (so nobody anchors on another),
 * performers only after the reveal; the facilitator always.
 */

/** Everything a participant's scoring view depends on, so equal places can share one view. */
export interface ScoringPlace {
  groupId: string;
  round: number;
  role: Role;
  submitted: boolean;
}

export interface PersonRef {
  id: string;
  displayName: string;
}

interface ScoringViewBase {
  groupId: string;
  round: number;
  phase: GroupPhase;
  /** Observers may score now (role-play, reset, room debrief). */
  live: boolean;
  sheetDoc: string;
  roleplayStartedAt: number | null;
  observers: (PersonRef & { submitted: boolean })[];
  staff: PersonRef | null;
  patient: PersonRef | null;
  progress: ScoringProgress;
  comparison: CriterionComparison[] | null;
  selfAssessment: { scores: ScoreMap; at: number } | null;
  patientPerspective: { feltHeard: FeltHeard; whatLanded: string | null; at: number } | null;
}

export interface ParticipantScoringView extends ScoringViewBase {
  /** The viewer's role in this round (once a round is done, the group's roles have moved on). */
  role: Role;
  /** Access to the shared sheet; null: not to be opened. */
  sheetAccess: SheetAccess;
  /** Access to the viewer's own observer sheet, named by observerSheetDocName with their id. */
  ownSheetAccess: SheetAccess;
  submitted: boolean;
  rubric: Rubric | null;
}

export interface FacilitatorScoringView extends ScoringViewBase {
  observerSheets: (PersonRef & { doc: string; submitted: boolean })[];
  canReveal: boolean;
  rubric: { id: string; title: string; criteria: { id: string; title: string; levels: { value: number; label: string }[] }[] } | null;
}

function person(state: WorkshopState, id: string | null): PersonRef | null {
  return id ? { id, displayName: state.participants[id]?.displayName ?? "Someone" } : null;
}

/*
 * Everyone in a group's place sees the same base, and the places of a group
 * differ only in what they may see; a fan-out builds each variant once per
 * state (states are never changed once built). Who is on the sheet and how far
 * it has got is the same for every variant, so it is built once and shared:
 * the places' views then hold the very same values, which lets a group share
 * one message (see mergeGroupViews in workshop/wire-view.ts).
 */
type SheetPeople = Pick<ScoringViewBase, "groupId" | "round" | "phase" | "live" | "sheetDoc" | "roleplayStartedAt" | "observers" | "staff" | "patient" | "progress">;

const peopleCache = new WeakMap<WorkshopState, Map<string, SheetPeople>>();
const baseCache = new WeakMap<WorkshopState, Map<string, ScoringViewBase>>();

function cachedIn<T>(cache: WeakMap<WorkshopState, Map<string, T>>, state: WorkshopState, key: string, build: () => T): T {
  let byKey = cache.get(state);
  if (!byKey) cache.set(state, (byKey = new Map()));
  let value = byKey.get(key);
  if (!value) byKey.set(key, (value = build()));
  return value;
}

function base(state: WorkshopState, group: GroupState, sheet: RoundSheet, rubric: Rubric | undefined, seesScores: boolean, seesPerformers: { self: boolean; patient: boolean }): ScoringViewBase {
  const key = `${group.id}|${sheet.round}|${rubric?.id ?? ""}|${seesScores}|${seesPerformers.self}|${seesPerformers.patient}`;
  return cachedIn(baseCache, state, key, () => {
    const people = cachedIn(peopleCache, state, `${group.id}|${sheet.round}`, () => sheetPeople(state, group, sheet));
    return {
      groupId: people.groupId,
      round: people.round,
      phase: people.phase,
      live: people.live,
      sheetDoc: people.sheetDoc,
      roleplayStartedAt: people.roleplayStartedAt,
      observers: people.observers,
      staff: people.staff,
      patient: people.patient,
      progress: people.progress,
      comparison: seesScores && rubric ? compareScores(rubric, orderedSubmissions(sheet), seesPerformers.self ? (sheet.selfAssessment?.scores ?? null) : null) : null,
      selfAssessment: seesPerformers.self && sheet.selfAssessment ? { scores: sheet.selfAssessment.scores, at: sheet.selfAssessment.at } : null,
      patientPerspective:
        seesPerformers.patient && sheet.patientPerspective
          ? { feltHeard: sheet.patientPerspective.feltHeard, whatLanded: sheet.patientPerspective.whatLanded, at: sheet.patientPerspective.at }
          : null,
    };
  });
}

function sheetPeople(state: WorkshopState, group: GroupState, sheet: RoundSheet): SheetPeople {
  const progress = scoringProgress(sheet);
  const observerIds = [...new Set([...sheet.observerIds, ...progress.submittedIds])];
  return {
    groupId: group.id,
    round: sheet.round,
    phase: group.phase,
    live: isSheetLive(state, sheet),
    sheetDoc: sharedSheetDocName(state.id, group.id, sheet.round),
    roleplayStartedAt: sheet.roleplayStartedAt,
    observers: observerIds.map((id) => ({ id, displayName: state.participants[id]?.displayName ?? "Someone", submitted: Boolean(sheet.submissions[id]) })),
    staff: person(state, sheet.staffId),
    patient: person(state, sheet.patientId),
    progress,
  };
}

/** Where a participant scores this round, or null when they have no sheet. */
export function scoringPlace(state: WorkshopState, participantId: string): ScoringPlace | null {
  const found = currentSheetFor(state, participantId);
  if (!found) return null;
  const role = sheetRoleOf(found.sheet, participantId)!;
  return { groupId: found.group.id, round: found.sheet.round, role, submitted: Boolean(found.sheet.submissions[participantId]) };
}

export function participantScoringView(state: WorkshopState, place: ScoringPlace, content: ViewContent): ParticipantScoringView | null {
  const group = groupById(state, place.groupId);
  const sheet = sheetOf(state, place.groupId, place.round);
  if (!group || !sheet) return null;
  const rubric = sheet.rubricId ? content.rubric(sheet.rubricId) : undefined;
  const revealed = sheet.revealed !== null;
  const observer = place.role === "observer";
  const seesScores = revealed || (observer && place.submitted);
  const access = participantSheetAccess(state, sheet, place.role, place.submitted);
  const needsRubric = placeShowsRubric({ role: place.role, revealed }, group.phase);
  const shared = base(state, group, sheet, rubric, seesScores, {
    self: revealed || place.role === "staff",
    patient: revealed || place.role === "patient",
  });
  // Field by field, not by spreading `shared`: a fan-out builds hundreds of these.
  return {
    groupId: shared.groupId,
    round: shared.round,
    phase: shared.phase,
    live: shared.live,
    sheetDoc: shared.sheetDoc,
    roleplayStartedAt: shared.roleplayStartedAt,
    observers: shared.observers,
    staff: shared.staff,
    patient: shared.patient,
    progress: shared.progress,
    comparison: shared.comparison,
    selfAssessment: shared.selfAssessment,
    patientPerspective: shared.patientPerspective,
    role: place.role,
    sheetAccess: access.sheet,
    ownSheetAccess: access.own,
    submitted: place.submitted,
    rubric: needsRubric ? (rubric ?? null) : null,
  };
}

export function facilitatorScoringView(state: WorkshopState, group: GroupState, content: ViewContent): FacilitatorScoringView | null {
  const sheet = currentSheet(state, group);
  if (!sheet) return null;
  const rubric = sheet.rubricId ? content.rubric(sheet.rubricId) : undefined;
  // The console compares scores once someone has submitted; before that the comparison is
  // a row per criterion of nothing, sent for every group on every change.
  const view = base(state, group, sheet, rubric, Object.keys(sheet.submissions).length > 0, { self: true, patient: true });
  return {
    ...view,
    observerSheets: view.observers.map((o) => ({ ...o, doc: observerSheetDocName(state.id, group.id, sheet.round, o.id) })),
    canReveal: !sheet.revealed && (group.phase === "debrief" || group.phase === "done") && state.status === "open",
    rubric: rubric
      ? {
          id: rubric.id,
          title: rubric.title,
          criteria: rubric.criteria.map((c) => ({ id: c.id, title: c.title, levels: c.levels.map((l) => ({ value: l.value, label: l.label })) })),
        }
      : null,
  };
}
