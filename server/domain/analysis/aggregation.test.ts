import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rubricSchema, type RubricInput } from "../scenario-schema";
import {
  criterionStats,
  groupSummaries,
  normaliseScore,
  participantSummaries,
  performanceScores,
  resolveScoreRows,
  rubricResolver,
  selfGapByCriterion,
  selfObserverGaps,
  weightedScore,
  type ScoreRow,
} from "./aggregation";
import { ACRO, HEART, SCENARIO_RUBRIC, nonFinitePaths, ratings, row } from "./test-support";

const rubricFor = rubricResolver([ACRO, HEART], SCENARIO_RUBRIC);

// One performance scored by two observers, plus the staff member's self-assessment and
// the group's agreed score. Re-enter was left blank by everyone.
const performance: ScoreRow[] = [
  ...ratings({}, { acknowledge: [4, 3], calibrate: [2, 2], own: [1, 2] }),
  row({ raterRole: "self", raterId: "staff-1", criterionId: "acknowledge", score: 4 }),
  row({ raterRole: "self", raterId: "staff-1", criterionId: "own", score: 4 }),
  row({ raterRole: "agreed", raterId: null, criterionId: "acknowledge", score: 3 }),
];

describe("normaliseScore", () => {
  it("maps a scale onto 0–1", () => {
    expect(normaliseScore(1, { min: 1, max: 4 })).toBe(0);
    expect(normaliseScore(4, { min: 1, max: 4 })).toBe(1);
    expect(normaliseScore(3, { min: 1, max: 4 })).toBeCloseTo(2 / 3, 12);
    expect(normaliseScore(4, { min: 0, max: 5 })).toBeCloseTo(0.8, 12);
  });

  it("refuses values off the scale and broken scales instead of extrapolating", () => {
    expect(normaliseScore(0, { min: 1, max: 4 })).toBeNull();
    expect(normaliseScore(5, { min: 1, max: 4 })).toBeNull();
    expect(normaliseScore(Number.NaN, { min: 1, max: 4 })).toBeNull();
    expect(normaliseScore(2, { min: 2, max: 2 })).toBeNull();
  });
});

describe("rubricResolver and resolveScoreRows", () => {
  it("uses the row's rubric id first, then the scenario's rubric", () => {
    expect(rubricFor({ rubricId: "heart", scenarioId: "surprise-bill" })?.id).toBe("heart");
    expect(rubricFor({ scenarioId: "surprise-bill" })?.id).toBe("acro");
    expect(rubricFor({ scenarioId: null })).toBeUndefined();
    expect(rubricFor({ scenarioId: "unknown" })).toBeUndefined();
  });

  it("accepts a rubric parsed by the real schema", () => {
    const level = (value: number) => ({ value, label: `L${value}`, description: "What this level looks like." });
    const input: RubricInput = {
      id: "plain",
      title: "Plain language",
      description: "Checks understanding.",
      source: "Test",
      scale: { min: 1, max: 3 },
      criteria: [{ id: "plain-words", title: "Plain words", description: "No jargon.", levels: [level(1), level(2), level(3)] }],
    };
    const parsed = rubricSchema.parse(input);
    const rows = [row({ rubricId: "plain", criterionId: "plain-words", score: 2 })];
    expect(criterionStats(rows, rubricResolver([parsed]))[0]).toMatchObject({ mean: 2, normalisedMean: 0.5, weight: 1 });
  });

  it("sets aside rows it cannot read fairly, saying why", () => {
    const { resolved, skipped } = resolveScoreRows(
      [
        row({ criterionId: "acknowledge", score: 3 }),
        row({ scenarioId: "unknown", criterionId: "acknowledge", score: 3 }),
        row({ criterionId: "hear", score: 3 }),
        row({ criterionId: "own", score: 7 }),
      ],
      rubricFor,
    );
    expect(resolved).toHaveLength(1);
    expect(resolved[0]).toMatchObject({ rubricId: "acro", weight: 2, normalised: 2 / 3, criterionIndex: 0 });
    expect(skipped.map((s) => s.reason)).toEqual([
      'No rubric found for scenario "unknown".',
      'Rubric "acro" has no criterion "hear".',
      'Score 7 is outside the 1–4 scale of "own".',
    ]);
  });
});

describe("criterionStats", () => {
  it("summarises observers only, per criterion, in rubric order", () => {
    const stats = criterionStats([...performance].reverse(), rubricFor);
    expect(stats.map((s) => s.criterionId)).toEqual(["acknowledge", "calibrate", "own"]);
    expect(stats[0]).toMatchObject({ n: 2, mean: 3.5, median: 3.5, normalisedMean: 2.5 / 3 });
    expect(stats[2]).toMatchObject({ n: 2, mean: 1.5, median: 1.5 });
  });

  it("keeps criteria of different rubrics apart even with the same id", () => {
    const other = { id: "acro-v2", criteria: [{ id: "acknowledge", weight: 1, scale: { min: 0, max: 10 } }] };
    const stats = criterionStats(
      [row({ criterionId: "acknowledge", score: 4 }), row({ rubricId: "acro-v2", criterionId: "acknowledge", score: 10 })],
      rubricResolver([ACRO, other], SCENARIO_RUBRIC),
    );
    expect(stats.map((s) => [s.rubricId, s.mean, s.normalisedMean])).toEqual([
      ["acro", 4, 1],
      ["acro-v2", 10, 1],
    ]);
  });

  it("takes the median of an odd count as the middle value", () => {
    const stats = criterionStats(ratings({}, { calibrate: [1, 4, 2] }), rubricFor);
    expect(stats[0]).toMatchObject({ n: 3, median: 2, mean: 7 / 3 });
  });
});

describe("performanceScores", () => {
  it("weights the normalised observer means and says how much of the rubric was scored", () => {
    const [p] = performanceScores(performance, rubricFor);
    // acknowledge 3.5 → 5/6 (×2), calibrate 2 → 1/3 (×1), own 1.5 → 1/6 (×2); re-enter blank.
    expect(p!.overall.score).toBeCloseTo((2 * (5 / 6) + 1 / 3 + 2 * (1 / 6)) / 5, 12);
    expect(p!.overall.weightCovered).toBeCloseTo(5 / 6, 12);
    expect(p!.observerCount).toBe(2);
    expect(p!.criteria.map((c) => c.criterionId)).toEqual(["acknowledge", "calibrate", "re-enter", "own"]);
    expect(p!.criteria[2]).toMatchObject({ observers: { n: 0, mean: null, median: null }, normalisedMean: null });
    // The self view: acknowledge 4 → 1 (×2), own 4 → 1 (×2).
    expect(p!.self).toEqual({ score: 1, weightCovered: 4 / 6 });
    expect(p!.agreed.score).toBeCloseTo(2 / 3, 12);
    expect(p!.criteria[0]).toMatchObject({ self: 4, agreed: 3 });
  });

  it("puts rubrics with different scales on the same 0–1 footing", () => {
    const top = [
      ...ratings({ groupId: "a" }, { acknowledge: [4], calibrate: [4], "re-enter": [4], own: [4] }),
      ...ratings({ groupId: "b", scenarioId: "anxious-relative" }, { hear: [5], empathise: [5] }),
    ];
    expect(performanceScores(top, rubricFor).map((p) => p.overall.score)).toEqual([1, 1]);
    const middle = [
      ...ratings({ groupId: "a" }, { acknowledge: [2], own: [3] }),
      ...ratings({ groupId: "b", scenarioId: "anxious-relative" }, { hear: [2], empathise: [3] }),
    ];
    const [acro, heart] = performanceScores(middle, rubricFor);
    expect(acro!.overall.score).toBeCloseTo(0.5, 12);
    expect(heart!.overall.score).toBeCloseTo(0.5, 12);
  });

  it("keeps separate rounds and groups as separate performances", () => {
    const rows = [...ratings({ round: 1 }, { own: [4] }), ...ratings({ round: 2, rateeId: "staff-2" }, { own: [1] }), ...ratings({ groupId: "g2" }, { own: [2] })];
    expect(performanceScores(rows, rubricFor).map((p) => [p.groupId, p.round, p.rateeId, p.overall.score])).toEqual([
      ["g1", 1, "staff-1", 1],
      ["g1", 2, "staff-2", 0],
      ["g2", 1, "staff-1", 1 / 3],
    ]);
  });

  it("has a null overall, not NaN, when nothing was scored by observers", () => {
    const [p] = performanceScores([row({ raterRole: "self", criterionId: "own", score: 2 })], rubricFor);
    expect(p!.overall).toEqual({ score: null, weightCovered: 0 });
    expect(p!.observerCount).toBe(0);
  });
});

describe("weightedScore", () => {
  it("is empty-safe", () => {
    expect(weightedScore([])).toEqual({ score: null, weightCovered: 0 });
  });

  it("does not change when every weight is scaled by the same factor", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ weight: fc.double({ min: 0.1, max: 100, noNaN: true }), normalised: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }) }), { maxLength: 12 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (criteria, factor) => {
          const a = weightedScore(criteria);
          const b = weightedScore(criteria.map((c) => ({ ...c, weight: c.weight * factor })));
          if (a.score === null) expect(b.score).toBeNull();
          else expect(b.score!).toBeCloseTo(a.score, 9);
          expect(b.weightCovered).toBeCloseTo(a.weightCovered, 9);
        },
      ),
    );
  });
});

describe("groupSummaries and participantSummaries", () => {
  const rows: ScoreRow[] = [
    ...ratings({ groupId: "g1", round: 1, rateeId: "ana" }, { acknowledge: [4, 4], own: [4, 4] }),
    ...ratings({ groupId: "g1", round: 2, rateeId: "ben" }, { acknowledge: [1, 1], own: [1, 1] }),
    ...ratings({ groupId: "g2", round: 1, rateeId: "ana", workshopId: "w2" }, { acknowledge: [2], own: [2] }),
    ...ratings({ groupId: "g2", round: 1, rateeId: null, workshopId: "w3" }, { acknowledge: [3] }),
  ];

  it("summarises each group's performances, each counted once", () => {
    const groups = groupSummaries(rows, rubricFor);
    expect(groups.map((g) => [g.workshopId, g.groupId, g.performances, g.overall.mean])).toEqual([
      ["w1", "g1", 2, 0.5],
      ["w2", "g2", 1, 1 / 3],
      ["w3", "g2", 1, 2 / 3],
    ]);
    expect(groups[0]!.criteria.map((c) => [c.criterionId, c.n, c.mean])).toEqual([
      ["acknowledge", 4, 2.5],
      ["own", 4, 2.5],
    ]);
  });

  it("follows a staff member across workshops and leaves out rounds whose staff member left", () => {
    const people = participantSummaries(rows, rubricFor);
    expect(people.map((p) => p.rateeId)).toEqual(["ana", "ben"]);
    expect(people[0]).toMatchObject({ workshopIds: ["w1", "w2"], performances: 2, overall: { n: 2, mean: (1 + 1 / 3) / 2, median: (1 + 1 / 3) / 2 } });
  });
});

describe("self-assessment gaps", () => {
  it("compares the staff member's own score with the observers' mean per criterion", () => {
    const gaps = selfObserverGaps(performance, rubricFor);
    expect(gaps.map((g) => [g.criterionId, g.self, g.observerMean, g.gap, g.notable])).toEqual([
      ["acknowledge", 4, 3.5, 0.5, false],
      ["own", 4, 1.5, 2.5, true],
    ]);
    expect(gaps[1]!.normalisedGap).toBeCloseTo(2.5 / 3, 12);
  });

  it("averages the gaps per criterion across performances", () => {
    const rows = [
      ...performance,
      ...ratings({ groupId: "g2", rateeId: "staff-2" }, { own: [3] }),
      row({ groupId: "g2", rateeId: "staff-2", raterRole: "self", raterId: "staff-2", criterionId: "own", score: 2 }),
    ];
    const byCriterion = selfGapByCriterion(selfObserverGaps(rows, rubricFor));
    expect(byCriterion.find((c) => c.criterionId === "own")).toMatchObject({ n: 2, meanGap: (2.5 - 1) / 2, notable: 1 });
  });

  it("needs both views: no observers or no self-assessment means no gap", () => {
    expect(selfObserverGaps([row({ raterRole: "self", criterionId: "own", score: 2 })], rubricFor)).toEqual([]);
    expect(selfObserverGaps(ratings({}, { own: [2] }), rubricFor)).toEqual([]);
  });
});

describe("totality", () => {
  it("gives empty results for empty input", () => {
    expect(criterionStats([], rubricFor)).toEqual([]);
    expect(performanceScores([], rubricFor)).toEqual([]);
    expect(groupSummaries([], rubricFor)).toEqual([]);
    expect(participantSummaries([], rubricFor)).toEqual([]);
    expect(selfObserverGaps([], rubricFor)).toEqual([]);
    expect(selfGapByCriterion([])).toEqual([]);
  });

  const anyRow = fc.record({
    workshopId: fc.constantFrom("w1", "w2"),
    groupId: fc.constantFrom("g1", "g2"),
    round: fc.integer({ min: 1, max: 3 }),
    scenarioId: fc.constantFrom("surprise-bill", "anxious-relative", "unknown", null),
    rateeId: fc.constantFrom("ana", "ben", null),
    raterId: fc.constantFrom("o1", "o2", "o3", null),
    raterRole: fc.constantFrom("observer", "self", "agreed" as const),
    criterionId: fc.constantFrom("acknowledge", "own", "hear", "empathise", "nope"),
    score: fc.oneof(fc.integer({ min: -1, max: 6 }), fc.constant(Number.NaN)),
  }) as fc.Arbitrary<ScoreRow>;

  it("never produces NaN or Infinity, and overall scores stay within 0–1", () => {
    fc.assert(
      fc.property(fc.array(anyRow, { maxLength: 40 }), (rows) => {
        const results = {
          stats: criterionStats(rows, rubricFor),
          performances: performanceScores(rows, rubricFor),
          groups: groupSummaries(rows, rubricFor),
          people: participantSummaries(rows, rubricFor),
          gaps: selfGapByCriterion(selfObserverGaps(rows, rubricFor)),
        };
        expect(nonFinitePaths(results)).toEqual([]);
        for (const p of results.performances) {
          for (const s of [p.overall, p.self, p.agreed]) {
            if (s.score !== null) {
              expect(s.score).toBeGreaterThanOrEqual(0);
              expect(s.score).toBeLessThanOrEqual(1);
            }
            expect(s.weightCovered).toBeGreaterThanOrEqual(0);
            expect(s.weightCovered).toBeLessThanOrEqual(1 + 1e-12);
          }
        }
      }),
    );
  });
});
