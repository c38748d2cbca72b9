import { describe, expect, it } from "vitest";
import { buildWorkshopReport } from "../reports/workshop-report";
import { finishedWorkshop, LIBRARY, score } from "../reports/test-support";
import { resultsWall } from "./results-wall";

describe("the results wall", () => {
  const state = finishedWorkshop();
  const scores = [
    score({ criterionId: "empathy", score: 2, raterParticipantId: "p3" }),
    score({ criterionId: "empathy", score: 4, raterParticipantId: "p4" }),
    score({ criterionId: "plain", score: 3, raterParticipantId: "p3" }),
    score({ criterionId: "empathy", score: 3, kind: "self", raterParticipantId: "p1" }),
  ];
  const wall = resultsWall(buildWorkshopReport({ state, scores, notes: [], library: LIBRARY, facilitatorName: null }));

  it("has a column per group's turn with its scenario, starting difficulty and the patient's answer", () => {
    expect(wall.columns).toHaveLength(1);
    expect(wall.columns[0]).toMatchObject({
      groupId: "g1",
      groupName: "Group 1",
      round: 1,
      scenarioTitle: "A copay nobody mentioned",
      difficulty: { score: 6, level: "hard" },
      observerCount: 2,
      patientFeltHeard: "partly",
    });
  });

  it("puts the observers' mean, spread and the self-assessment in each cell, and flags two levels apart", () => {
    expect(wall.columns[0]!.cells.empathy).toEqual({ mean: 3, n: 2, spread: 2, disagreement: true, self: 3 });
    expect(wall.columns[0]!.cells.plain).toMatchObject({ mean: 3, n: 1, disagreement: false, self: null });
    expect(wall.disagreements).toBe(1);
    expect(wall.rows.map((r) => r.criterionId)).toEqual(expect.arrayContaining(["empathy", "plain"]));
  });

  it("names nobody", () => {
    const text = JSON.stringify(wall);
    for (const name of Object.values(state.participants).map((p) => p.displayName)) expect(text).not.toContain(name);
  });

  it("highlights a hard case only when the observers' overall reached three quarters", () => {
    expect(wall.columns[0]!.hardCaseWentWell).toBe(false);
    const high = resultsWall(
      buildWorkshopReport({
        state,
        scores: ["empathy", "plain"].flatMap((criterionId) => [score({ criterionId, score: 4, raterParticipantId: "p3" }), score({ criterionId, score: 4, raterParticipantId: "p4" })]),
        notes: [],
        library: LIBRARY,
        facilitatorName: null,
      }),
    );
    expect(high.columns[0]!.hardCaseWentWell).toBe(true);
    expect(high.hardCaseRule).toMatch(/hard or very hard.*75%/);
  });
});
