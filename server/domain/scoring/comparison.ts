import type { Rubric } from "../scenario-schema";
import { DISAGREEMENT_SPREAD, type RoundSheet, type ScoreMap, type ScoreSubmission } from "./types";

export interface CriterionComparison {
  criterionId: string;
  title: string;
  /** One rating per submitted observer, in the group's observer order. */
  ratings: { raterId: string; value: number }[];
  self: number | null;
  mean: number | null;
  /** Highest minus lowest observer rating; null with fewer than two ratings. */
  spread: number | null;
  /** Observers are two or more levels apart: worth talking about first. */
  disagreement: boolean;
  /** The staff member's own view is two or more levels from the observers' mean. */
  selfGap: boolean;
  /** Each behaviour with the observers who ticked it. */
  behaviours: { id: string; text: string; tickedBy: string[] }[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Side by side, criterion by criterion, with disagreements marked. Only
 * submitted scores take part: a sheet still being filled in is nobody's business.
 */
export function compareScores(rubric: Pick<Rubric, "criteria">, submissions: readonly ScoreSubmission[], self: ScoreMap | null): CriterionComparison[] {
  return rubric.criteria.map((criterion) => {
    const ratings = submissions
      .filter((s) => typeof s.scores[criterion.id] === "number")
      .map((s) => ({ raterId: s.participantId, value: s.scores[criterion.id]! }));
    const values = ratings.map((r) => r.value);
    const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
    const spread = values.length >= 2 ? Math.max(...values) - Math.min(...values) : null;
    const selfValue = self?.[criterion.id] ?? null;
    return {
      criterionId: criterion.id,
      title: criterion.title,
      ratings,
      self: selfValue,
      mean: mean === null ? null : round1(mean),
      spread,
      disagreement: spread !== null && spread >= DISAGREEMENT_SPREAD,
      selfGap: selfValue !== null && mean !== null && Math.abs(selfValue - mean) >= DISAGREEMENT_SPREAD,
      behaviours: criterion.behaviours.map((b) => ({
        id: b.id,
        text: b.text,
        tickedBy: submissions.filter((s) => s.behaviours[criterion.id]?.includes(b.id)).map((s) => s.participantId),
      })),
    };
  });
}

/** Submissions in the sheet's observer order (a departed submitter stays at the end). */
export function orderedSubmissions(sheet: RoundSheet): ScoreSubmission[] {
  const order = [...sheet.observerIds, ...Object.keys(sheet.submissions).filter((id) => !sheet.observerIds.includes(id))];
  return order.map((id) => sheet.submissions[id]).filter((s): s is ScoreSubmission => s !== undefined);
}

export interface ScoringProgress {
  observers: number;
  submitted: number;
  submittedIds: string[];
  selfAssessmentLocked: boolean;
  patientAnswered: boolean;
  revealed: boolean;
}

/** How far a group has got with scoring: "submitted n of m" and the reveal steps. */
export function scoringProgress(sheet: RoundSheet): ScoringProgress {
  const submittedIds = orderedSubmissions(sheet).map((s) => s.participantId);
  const observers = new Set([...sheet.observerIds, ...submittedIds]).size;
  return {
    observers,
    submitted: submittedIds.length,
    submittedIds,
    selfAssessmentLocked: sheet.selfAssessment !== null,
    patientAnswered: sheet.patientPerspective !== null,
    revealed: sheet.revealed !== null,
  };
}
