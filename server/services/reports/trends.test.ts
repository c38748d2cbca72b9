import { describe, expect, it } from "vitest";
import type { JoinedParticipant, TrendWorkshop } from "../../db/report-repository";
import { LIBRARY, score } from "./test-support";
import { buildTrends, trendQuerySchema } from "./trends";

const JAN = Date.UTC(2025, 0, 15);
const FEB = Date.UTC(2025, 1, 12);
const WORKSHOPS: TrendWorkshop[] = [
  { id: "wa", title: "January", facilitatorId: "f1", createdAt: JAN },
  { id: "wb", title: "February", facilitatorId: "f2", createdAt: FEB },
];
const PEOPLE: JoinedParticipant[] = [
  { workshopId: "wa", participantId: "a1", team: "Front desk", shift: "Early" },
  { workshopId: "wa", participantId: "a2", team: "Call centre", shift: "Late" },
  { workshopId: "wb", participantId: "b1", team: "Front desk", shift: "Late" },
];
const SCORES = [
  // January: the front desk at 2 on empathy (two observers), the call centre at 4.
  score({ workshopId: "wa", rateeParticipantId: "a1", raterParticipantId: "x", criterionId: "empathy", score: 2 }),
  score({ workshopId: "wa", rateeParticipantId: "a1", raterParticipantId: "y", criterionId: "empathy", score: 2 }),
  score({ workshopId: "wa", rateeParticipantId: "a1", raterParticipantId: "x", criterionId: "plain", score: 1 }),
  score({ workshopId: "wa", groupId: "g2", rateeParticipantId: "a2", raterParticipantId: "z", criterionId: "empathy", score: 4 }),
  // February: the front desk at 3.
  score({ workshopId: "wb", rateeParticipantId: "b1", raterParticipantId: "x", criterionId: "empathy", score: 3 }),
  score({ workshopId: "wb", rateeParticipantId: "b1", raterParticipantId: "x", criterionId: "plain", score: 4 }),
  // Self-assessments are not trends of what observers saw.
  score({ workshopId: "wb", rateeParticipantId: "b1", kind: "self", raterParticipantId: "b1", criterionId: "empathy", score: 1 }),
];

const trends = (query: Record<string, string>) =>
  buildTrends({
    query: trendQuerySchema.parse(query),
    workshops: WORKSHOPS,
    scores: SCORES,
    participants: PEOPLE,
    library: LIBRARY,
    facilitatorNames: new Map([
      ["f1", "Dana"],
      ["f2", "Lee"],
    ]),
  });

describe("trends across workshops", () => {
  it("follows a criterion per team on its own scale, with the change since the previous cycle", () => {
    const t = trends({ measure: "core-skills/empathy", segment: "team", bucket: "month" });
    expect(t.selected).toMatchObject({ rubric: "core-skills", criterion: "empathy", criterionTitle: "Empathy" });
    expect(t.scale).toEqual({ min: 1, max: 4 });
    expect(t.buckets.map((b) => b.label)).toEqual(["2025-01", "2025-02"]);
    expect(t.series.map((s) => [s.label, s.points.map((p) => [p.label, p.value, p.n])])).toEqual([
      ["Call centre", [["2025-01", 4, 1]]],
      ["Front desk", [["2025-01", 2, 1], ["2025-02", 3, 1]]],
    ]);
    const desk = t.series.find((s) => s.label === "Front desk")!;
    expect(desk.change.value).toBeCloseTo(1);
    expect(desk.change).toMatchObject({ from: "2025-01", to: "2025-02", current: true });
    expect(t.series.find((s) => s.label === "Call centre")!.change).toMatchObject({ value: null, current: false });
    expect(t).toMatchObject({ workshops: 2, performances: 3, notice: null });
  });

  it("shows the weighted overall as a percentage, per workshop and by facilitator's name", () => {
    const t = trends({ measure: "core-skills/overall", segment: "facilitator", bucket: "workshop" });
    expect(t.scale).toBeNull();
    expect(t.selected.criterionTitle).toBe("Overall (weighted)");
    expect(t.buckets.map((b) => b.label)).toEqual(["January (2025-01-15)", "February (2025-02-12)"]);
    expect(t.series.map((s) => s.label)).toEqual(["Dana", "Lee"]);
    // February's one turn: empathy 3 and plain 4 on 1–4 → (2/3 + 1) / 2.
    expect(t.series[1]!.points[0]!.value).toBeCloseTo(((2 / 3 + 1) / 2) * 100);
  });

  it("says so when asked for a rubric or criterion that does not exist, and shows something sensible instead", () => {
    expect(trends({ measure: "nope/empathy" }).notice).toBe('There is no rubric "nope"; showing Core skills instead.');
    const t = trends({ measure: "core-skills/nope" });
    expect(t.notice).toBe('Core skills has no criterion "nope"; showing the overall score instead.');
    expect(t.selected.criterion).toBe("overall");
  });

  it("refuses malformed choices in words", () => {
    const bad = trendQuerySchema.safeParse({ segment: "desk" });
    expect(bad.success ? null : bad.error.issues[0]!.message).toBe("Segment by team, shift, scenario or facilitator.");
    const measure = trendQuerySchema.safeParse({ measure: "../../etc" });
    expect(measure.success ? null : measure.error.issues[0]!.message).toBe("That measure is not one Rolecall knows. Pick one from the list.");
    expect(trendQuerySchema.parse({})).toEqual({ scope: "mine", segment: "team", bucket: "workshop" });
  });
});
