import type { Rubric } from "../scenario-schema";
import { groupLabel } from "../grouping/form-groups";
import { isActiveParticipant } from "../workshop/participants";
import type { Actor, Decision, DecideContext, DecisionError, WorkshopEvent, WorkshopState } from "../workshop/types";
import { hasBehaviour, isLevelOf, missingCriteria, NOTE_MAX_CHARS } from "./sheet-layout";
import { currentSheet, currentSheetFor, SCORING_PHASES } from "./sheets";
import { FELT_HEARD, type BehaviourTicks, type RoundSheet, type ScoreMap, type ScoringCommand } from "./types";

const refuse = (code: DecisionError["code"], message: string): Decision => ({ ok: false, error: { code, message } });
const accept = (...events: WorkshopEvent[]): Decision => ({ ok: true, events });

/** A score map must cover every criterion with one of its levels, and nothing else. */
function scoreProblem(rubric: Rubric, scores: ScoreMap, what: string): string | null {
  const unknown = Object.keys(scores).find((id) => !rubric.criteria.some((c) => c.id === id));
  if (unknown) return `"${unknown}" is not a criterion of this rubric. Reload the page and try again.`;
  const off = Object.entries(scores).find(([id, value]) => !isLevelOf(rubric, id, value));
  if (off) return `${off[1]} is not a level of "${rubric.criteria.find((c) => c.id === off[0])?.title}". Pick one of its levels.`;
  const missing = missingCriteria(rubric, scores);
  if (missing.length > 0) return `Score every criterion before ${what}. Still to score: ${missing.map((c) => c.title).join(", ")}.`;
  return null;
}

function behaviourProblem(rubric: Rubric, ticks: BehaviourTicks): string | null {
  for (const [criterionId, ids] of Object.entries(ticks)) {
    const bad = ids.find((id) => !hasBehaviour(rubric, criterionId, id));
    if (bad) return `"${bad}" is not a behaviour of this rubric. Reload the page and try again.`;
  }
  return null;
}

/** Both performers have had their say (a missing performer has nothing to say). */
function performersDone(sheet: RoundSheet, selfIn: boolean, patientIn: boolean): boolean {
  return (selfIn || sheet.staffId === null) && (patientIn || sheet.patientId === null);
}

/**
 * Scoring commands. Observers submit once (their sheet then turns read-only);
 * in the room debrief the staff member locks in a self-assessment and the
 * patient says whether they felt heard; when both are in, scores are revealed
 * to the group (or the facilitator reveals them anyway).
 */
export function decideScoring(state: WorkshopState, command: ScoringCommand, actor: Actor, ctx: DecideContext): Decision {
  const now = ctx.now;
  const rubricOf = (sheet: RoundSheet) => (sheet.rubricId ? ctx.library.rubric?.(sheet.rubricId) : undefined);
  const noRubric = refuse("invalid", "The rubric for this round could not be found. Ask the facilitator to check the plan.");

  if (command.type === "revealScores") {
    if (actor.kind !== "facilitator" || actor.facilitatorId !== state.facilitatorId) {
      return refuse("forbidden", "Only this workshop's facilitator can reveal scores early.");
    }
    const group = state.groups.find((g) => g.id === command.groupId);
    if (!group) return refuse("not-found", `There is no ${groupLabel(command.groupId)}.`);
    const sheet = currentSheet(state, group);
    if (!sheet) return refuse("invalid", `${group.name} has no scoring sheet this round yet.`);
    if (group.phase !== "debrief" && group.phase !== "done") return refuse("invalid", `Reveal ${group.name}'s scores in the room debrief.`);
    if (sheet.revealed) return refuse("conflict", `${group.name}'s scores are already revealed.`);
    return accept({ type: "scoresRevealed", at: now, groupId: group.id, round: sheet.round, cause: "facilitator" });
  }

  if (actor.kind !== "participant" || !isActiveParticipant(state, actor.participantId)) {
    return refuse("forbidden", "Only people taking part can do that.");
  }
  const me = actor.participantId;
  const place = currentSheetFor(state, me);
  if (!place) return refuse("invalid", "You are not in a group that is scoring this round.");
  const { group, sheet } = place;
  const rubric = rubricOf(sheet);

  switch (command.type) {
    case "submitScores": {
      // First: scores read from another sheet are refused whoever this person is now.
      if (command.readFrom && (command.readFrom.groupId !== group.id || command.readFrom.round !== sheet.round)) {
        return refuse("conflict", "Your group moved on while your scores were being sent, so they were not submitted. The earlier round keeps them as your unsubmitted draft; score this round on its own sheet.");
      }
      if (!sheet.observerIds.includes(me)) return refuse("forbidden", "Only observers submit scores. Performers give their own view in the room debrief.");
      if (!SCORING_PHASES.includes(group.phase)) return refuse("invalid", "Scores can be submitted during the role-play, the reset or the room debrief.");
      if (sheet.submissions[me]) return refuse("conflict", "You have already submitted your scores for this round.");
      if (!rubric) return noRubric;
      const problem = scoreProblem(rubric, command.scores, "submitting") ?? behaviourProblem(rubric, command.behaviours);
      if (problem) return refuse("invalid", problem);
      return accept({ type: "scoresSubmitted", at: now, groupId: group.id, round: sheet.round, participantId: me, scores: command.scores, behaviours: command.behaviours });
    }
    case "lockSelfAssessment": {
      if (sheet.staffId !== me) return refuse("forbidden", "Only the staff member locks in a self-assessment.");
      if (group.phase !== "debrief") return refuse("invalid", "The self-assessment is locked in during the room debrief.");
      if (sheet.selfAssessment) return refuse("conflict", "Your self-assessment is already locked in.");
      if (!rubric) return noRubric;
      const problem = scoreProblem(rubric, command.scores, "locking in");
      if (problem) return refuse("invalid", problem);
      const events: WorkshopEvent[] = [{ type: "selfAssessmentLocked", at: now, groupId: group.id, round: sheet.round, participantId: me, scores: command.scores }];
      if (!sheet.revealed && performersDone(sheet, true, sheet.patientPerspective !== null)) {
        events.push({ type: "scoresRevealed", at: now, groupId: group.id, round: sheet.round, cause: "performers" });
      }
      return accept(...events);
    }
    case "submitPatientPerspective": {
      if (sheet.patientId !== me) return refuse("forbidden", "Only the person who played the patient answers this.");
      if (group.phase !== "debrief") return refuse("invalid", "The patient's view is given during the room debrief.");
      if (sheet.patientPerspective) return refuse("conflict", "You have already answered.");
      if (!FELT_HEARD.includes(command.feltHeard)) return refuse("invalid", "Choose yes, partly or no.");
      const whatLanded = command.whatLanded?.trim() || null;
      if (whatLanded && whatLanded.length > NOTE_MAX_CHARS) return refuse("invalid", `Keep what landed to ${NOTE_MAX_CHARS} characters or fewer.`);
      const events: WorkshopEvent[] = [
        { type: "patientPerspectiveGiven", at: now, groupId: group.id, round: sheet.round, participantId: me, feltHeard: command.feltHeard, whatLanded },
      ];
      if (!sheet.revealed && performersDone(sheet, sheet.selfAssessment !== null, true)) {
        events.push({ type: "scoresRevealed", at: now, groupId: group.id, round: sheet.round, cause: "performers" });
      }
      return accept(...events);
    }
  }
}
