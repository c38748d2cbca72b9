/** A small workshop for the report builders' tests: state from real commands, rows written by hand. */
import type { StoredNote, StoredScore, StoredTick } from "../../db/report-repository";
import { RUBRIC, ScoringHarness, participant } from "../../domain/scoring/test-support";
import type { CatalogScenario } from "../scenario-catalog";
import type { ReportLibrary } from "./report-context";

export { RUBRIC };

/** One scenario the plan uses ("copay", difficulty 6 · hard) and the test rubric. */
export const LIBRARY: ReportLibrary = {
  getScenario: (id) => (id === "copay" ? ({ id, title: "A copay nobody mentioned", difficultyIndex: { score: 6, level: "hard", reasons: [] } } as unknown as CatalogScenario) : undefined),
  getRubric: (id) => (id === RUBRIC.id ? RUBRIC : undefined),
  rubrics: [RUBRIC],
};

/** Round 1 of group g1 finished: p1 staff, p2 patient (answered "partly"), p3–p5 observers; then the plenary. */
export function finishedWorkshop() {
  const h = ScoringHarness.inPhase("debrief", 5);
  h.must({ type: "submitPatientPerspective", feltHeard: "partly", whatLanded: "Hearing the amount first" }, participant("p2"));
  h.goTo("done");
  h.must({ type: "startPlenary" });
  return h.s;
}

let at = 0;
export function score(partial: Partial<StoredScore> & Pick<StoredScore, "criterionId" | "score">): StoredScore {
  return {
    workshopId: "w1",
    groupId: "g1",
    round: 1,
    scenarioId: "copay",
    rubricId: RUBRIC.id,
    kind: "observer",
    raterParticipantId: "p3",
    rateeParticipantId: "p1",
    submittedAt: 1_000,
    materialisedAt: ++at,
    ...partial,
  };
}

export function noteRow(partial: Partial<StoredNote> & Pick<StoredNote, "noteId" | "text">): StoredNote {
  return {
    workshopId: "w1",
    groupId: "g1",
    round: 1,
    scenarioId: "copay",
    authorId: "p3",
    authorName: "Person 3",
    rateeParticipantId: "p1",
    kind: "strength",
    criterionId: null,
    offsetMs: 10_000,
    insteadOf: null,
    materialisedAt: 1,
    ...partial,
  };
}

export function tick(partial: Partial<StoredTick> & Pick<StoredTick, "criterionId" | "behaviourId">): StoredTick {
  return {
    workshopId: "w1",
    groupId: "g1",
    round: 1,
    scenarioId: "copay",
    rubricId: RUBRIC.id,
    raterParticipantId: "p3",
    rateeParticipantId: "p1",
    submittedAt: 1_000,
    materialisedAt: 1,
    ...partial,
  };
}

/** p3 and p4 submitted, p5 left a one-criterion draft; p1's self-assessment; the agreed empathy score. */
export const ROUND_ONE: StoredScore[] = [
  score({ raterParticipantId: "p3", criterionId: "empathy", score: 1 }),
  score({ raterParticipantId: "p3", criterionId: "plain", score: 3 }),
  score({ raterParticipantId: "p4", criterionId: "empathy", score: 3 }),
  score({ raterParticipantId: "p4", criterionId: "plain", score: 3 }),
  score({ raterParticipantId: "p5", criterionId: "empathy", score: 2, submittedAt: null }),
  score({ kind: "self", raterParticipantId: "p1", criterionId: "empathy", score: 4 }),
  score({ kind: "self", raterParticipantId: "p1", criterionId: "plain", score: 4 }),
  score({ kind: "agreed", raterParticipantId: null, criterionId: "empathy", score: 2, submittedAt: null }),
];
