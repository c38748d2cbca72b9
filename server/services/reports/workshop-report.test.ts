import { describe, expect, it } from "vitest";
import { alphaLine, alphaVerdict } from "./agreement-words";
import { finishedWorkshop, LIBRARY, noteRow, ROUND_ONE, score } from "./test-support";
import { buildWorkshopReport } from "./workshop-report";

const report = (scores = ROUND_ONE, notes = [noteRow({ noteId: "n1", text: "Named the worry" })]) =>
  buildWorkshopReport({ state: finishedWorkshop(), scores, notes, library: LIBRARY, facilitatorName: "Dana" });

describe("the workshop report", () => {
  it("puts each turn's scenario and starting difficulty beside its scores", () => {
    const [turn] = report().performances;
    expect(turn).toMatchObject({
      groupName: "Group 1",
      round: 1,
      scenario: { id: "copay", title: "A copay nobody mentioned", difficulty: { score: 6, level: "hard" } },
      staff: { id: "p1", name: "Person 1" },
      observerCount: 3,
      patientFeltHeard: "partly",
    });
    expect(turn!.criteria.map((c) => [c.title, c.observerScores, c.self, c.agreed])).toEqual([
      ["Empathy", [1, 2, 3], 4, 2],
      ["Plain language", [3, 3], 4, null],
    ]);
    // One hard turn has no peers at its level to compare with, and says so.
    expect(turn!.comparedWithLike).toEqual({ z: null, words: "Only 1 performance at the hard level in this workshop; a fair comparison needs at least 3." });
  });

  it("flags criteria where observers were two or more levels apart, and self-assessments far from the observers", () => {
    const r = report();
    expect(r.agreement.flags).toEqual([{ groupName: "Group 1", round: 1, staffName: "Person 1", criterionTitle: "Empathy", min: 1, max: 3, raters: 3 }]);
    expect(r.criteria.find((c) => c.id === "empathy")).toMatchObject({ disagreements: 1, mean: 2, selfMean: 4, agreedMean: 2 });
    expect(r.selfVsObservers.notable).toEqual([
      expect.objectContaining({ staffName: "Person 1", criterionTitle: "Empathy", self: 4, observerMean: 2, gap: 2 }),
    ]);
    expect(r.selfVsObservers.byCriterion.map((c) => [c.title, c.meanGap])).toEqual([
      ["Empathy", 2],
      ["Plain language", 1],
    ]);
  });

  it("counts drafts, separates phrase swaps from notes, and names who wrote what about whom", () => {
    const r = report(ROUND_ONE, [
      noteRow({ noteId: "n1", text: "Named the worry", criterionId: "empathy" }),
      noteRow({ noteId: "n2", kind: "swap", text: "Your visit is $40", insteadOf: "That's just your copay", authorName: "Person 4", authorId: "p4" }),
    ]);
    expect(r.totals).toMatchObject({ observerRatings: 5, drafts: 1, selfRatings: 2, performances: 1, notes: 1, swaps: 1, skipped: [] });
    expect(r.notes).toEqual([expect.objectContaining({ text: "Named the worry", criterionTitle: "Empathy", authorName: "Person 3", staffName: "Person 1", groupName: "Group 1" })]);
    expect(r.swaps).toEqual([expect.objectContaining({ text: "Your visit is $40", insteadOf: "That's just your copay", authorName: "Person 4" })]);
    expect(r.workshop).toMatchObject({ title: "Test", facilitatorName: "Dana", stage: "plenary", roundsPlayed: 1, rubrics: [{ id: "core-skills", title: "Core skills" }] });
  });

  it("leaves out ratings it cannot read fairly, and says why", () => {
    const r = report([...ROUND_ONE, score({ criterionId: "made-up", score: 3 }), score({ criterionId: "plain", score: 9, raterParticipantId: "p5" })]);
    expect(r.totals.skipped).toEqual(['Rubric "core-skills" has no criterion "made-up".', 'Score 9 is outside the 1–4 scale of "plain".']);
    expect(r.criteria.find((c) => c.id === "plain")?.n).toBe(2);
  });

  it("is empty, not broken, before any round has finished", () => {
    const r = report([], []);
    expect(r.criteria).toEqual([]);
    expect(r.performances).toEqual([]);
    expect(r.overall).toBeNull();
    expect(r.agreement).toMatchObject({ alpha: null, verdict: "unknown" });
  });
});

describe("agreement in words", () => {
  it("reads Krippendorff's thresholds: 0.8 good, 0.667 tentative, below that calibrate", () => {
    expect([0.95, 0.8, 0.7999, 0.667, 0.6669, 0, -0.4, null].map(alphaVerdict)).toEqual([
      "good",
      "good",
      "tentative",
      "tentative",
      "calibrate",
      "calibrate",
      "calibrate",
      "unknown",
    ]);
    expect(alphaLine({ alpha: 0.5, units: 4, pairableValues: 9 }).words).toMatch(/observers read the rubric differently\. Calibrate/);
    expect(alphaLine({ alpha: null, reason: "No unit was rated by two or more raters.", units: 0, pairableValues: 0 }).words).toBe(
      "Not enough to say yet. No unit was rated by two or more raters.",
    );
  });
});
