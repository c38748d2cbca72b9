import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareScores, scoringProgress } from "./comparison";
import { sheetOf } from "./sheets";
import { RUBRIC, ScoringHarness } from "./test-support";
import type { ScoreSubmission } from "./types";

const submission = (participantId: string, empathy: number, plain: number, behaviours: Record<string, string[]> = {}): ScoreSubmission => ({
  participantId,
  at: 1,
  scores: { empathy, plain },
  behaviours,
});

describe("compareScores", () => {
  it("puts ratings side by side and marks a spread of two levels or more", () => {
    const [empathy, plain] = compareScores(RUBRIC, [submission("a", 1, 3), submission("b", 3, 3), submission("c", 2, 4)], { empathy: 4, plain: 3 });
    expect(empathy).toMatchObject({
      criterionId: "empathy",
      title: "Empathy",
      ratings: [
        { raterId: "a", value: 1 },
        { raterId: "b", value: 3 },
        { raterId: "c", value: 2 },
      ],
      mean: 2,
      spread: 2,
      disagreement: true,
      self: 4,
      selfGap: true,
    });
    expect(plain).toMatchObject({ spread: 1, disagreement: false, mean: 3.3, self: 3, selfGap: false });
  });

  it("has no spread, and no disagreement, with a single rating", () => {
    const [empathy] = compareScores(RUBRIC, [submission("a", 1, 4)], null);
    expect(empathy).toMatchObject({ spread: null, disagreement: false, self: null, selfGap: false, mean: 1 });
  });

  it("lists who ticked each behaviour", () => {
    const [empathy, plain] = compareScores(RUBRIC, [submission("a", 2, 2, { empathy: ["reflects"] }), submission("b", 2, 2, { empathy: ["reflects", "opens-door"] })], null);
    expect(empathy!.behaviours).toEqual([
      { id: "reflects", text: "Reflects back", tickedBy: ["a", "b"] },
      { id: "opens-door", text: "Opens the door", tickedBy: ["b"] },
    ]);
    expect(plain!.behaviours).toEqual([{ id: "teach-back", text: "Uses teach-back", tickedBy: [] }]);
  });

  it("marks a disagreement exactly when the observers are two or more levels apart", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 8 }), (values) => {
        const [empathy] = compareScores(RUBRIC, values.map((v, i) => submission(`o${i}`, v, 1)), null);
        expect(empathy!.disagreement).toBe(values.length > 1 && Math.max(...values) - Math.min(...values) >= 2);
      }),
    );
  });
});

describe("scoringProgress", () => {
  it("counts submissions against observers and follows the reveal steps", () => {
    const h = ScoringHarness.inPhase("debrief");
    expect(scoringProgress(sheetOf(h.s, "g1", 1)!)).toEqual({
      observers: 3,
      submitted: 0,
      submittedIds: [],
      selfAssessmentLocked: false,
      patientAnswered: false,
      revealed: false,
    });
    h.submit("p4");
    h.must({ type: "lockSelfAssessment", scores: { empathy: 2, plain: 2 } }, { kind: "participant", participantId: "p1" });
    expect(scoringProgress(sheetOf(h.s, "g1", 1)!)).toMatchObject({ observers: 3, submitted: 1, submittedIds: ["p4"], selfAssessmentLocked: true, revealed: false });
  });
});
