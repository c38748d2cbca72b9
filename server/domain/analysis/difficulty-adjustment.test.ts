import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MIN_BAND_SIZE, difficultyAwareView, scoresByDifficultyLevel, type DifficultyScored } from "./difficulty-adjustment";
import { nonFinitePaths } from "./test-support";

interface Perf extends DifficultyScored {
  id: string;
}
const perf = (id: string, normalisedScore: number | null, difficulty: number | null, workshopId = "w1"): Perf => ({ id, workshopId, normalisedScore, difficulty });

describe("scoresByDifficultyLevel", () => {
  it("reports every level, with n, and counts what could not be placed", () => {
    const result = scoresByDifficultyLevel([perf("a", 0.8, 2), perf("b", 0.6, 3), perf("c", 0.3, 6), perf("d", 0.9, null), perf("e", null, 9)]);
    expect(result.levels).toEqual([
      { level: "gentle", n: 2, mean: 0.7, median: 0.7 },
      { level: "moderate", n: 0, mean: null, median: null },
      { level: "hard", n: 1, mean: 0.3, median: 0.3 },
      { level: "very hard", n: 0, mean: null, median: null },
    ]);
    expect(result.unplaced).toBe(2);
  });

  it("follows the difficulty index's own bands (5 is moderate, 6 is hard)", () => {
    const result = scoresByDifficultyLevel([perf("a", 0.5, 5), perf("b", 0.1, 6)]);
    expect(result.levels.map((l) => l.n)).toEqual([0, 1, 1, 0]);
  });

  it("is total on empty input", () => {
    expect(scoresByDifficultyLevel([]).levels.every((l) => l.n === 0 && l.mean === null)).toBe(true);
  });
});

describe("difficultyAwareView", () => {
  it("compares a performance with its peers at the same level in the same workshop", () => {
    const view = difficultyAwareView([
      perf("hard-low", 0.2, 7),
      perf("hard-mid", 0.5, 6),
      perf("hard-high", 0.8, 7),
      perf("gentle-1", 0.9, 2),
      perf("gentle-2", 0.95, 1),
      perf("gentle-3", 1, 3),
    ]);
    // Hard band: mean 0.5, sample sd 0.3.
    expect(view.slice(0, 3).map((p) => p.z)).toEqual([expect.closeTo(-1, 12), 0, expect.closeTo(1, 12)]);
    expect(view[0]!.band).toEqual({ level: "hard", n: 3, mean: 0.5, standardDeviation: expect.closeTo(0.3, 12) });
    // 0.5 on a hard scenario is typical for its band; 0.9 on a gentle one is below its band.
    expect(view[3]!.z!).toBeLessThan(0);
    expect(view[3]!.difficultyLevel).toBe("gentle");
  });

  it("keeps every input field and the input order", () => {
    const view = difficultyAwareView([perf("b", 0.1, 2), perf("a", 0.2, 9)]);
    expect(view.map((p) => p.id)).toEqual(["b", "a"]);
    expect(view[1]).toMatchObject({ id: "a", workshopId: "w1", normalisedScore: 0.2, difficulty: 9, difficultyLevel: "very hard" });
  });

  it("withholds the z-score, with the reason, when too few share the level", () => {
    const view = difficultyAwareView([perf("a", 0.2, 7), perf("b", 0.8, 7), perf("c", 0.5, 7, "w2")]);
    expect(view[0]).toMatchObject({ z: null, band: { n: 2 } });
    expect(view[0]!.zReason).toBe(`Only 2 performances at the hard level in this workshop; a fair comparison needs at least ${MIN_BAND_SIZE}.`);
    expect(view[2]!.zReason).toMatch(/^Only 1 performance at/);
  });

  it("lets the caller lower the threshold, but never below two", () => {
    expect(difficultyAwareView([perf("a", 0.2, 7), perf("b", 0.8, 7)], { minBandSize: 2 })[0]!.z).toBeCloseTo(-Math.SQRT1_2, 12);
    expect(difficultyAwareView([perf("a", 0.2, 7)], { minBandSize: 0 })[0]!.z).toBeNull();
  });

  it("says why when there is no score, no difficulty, or no spread", () => {
    const view = difficultyAwareView([
      perf("no-score", null, 4),
      perf("no-difficulty", 0.5, null),
      perf("same-1", 0.5, 4),
      perf("same-2", 0.5, 5),
      perf("same-3", 0.5, 4),
    ]);
    expect(view.map((p) => p.zReason)).toEqual([
      "This performance has no score.",
      "The scenario's starting difficulty is unknown.",
      "Every performance at the moderate level in this workshop has the same score.",
      "Every performance at the moderate level in this workshop has the same score.",
      "Every performance at the moderate level in this workshop has the same score.",
    ]);
    expect(view[0]).toMatchObject({ difficultyLevel: "moderate", band: null, z: null });
    expect(view[1]).toMatchObject({ difficultyLevel: null, band: null });
  });

  const performances = fc.array(
    fc.record({
      id: fc.string(),
      workshopId: fc.constantFrom("w1", "w2"),
      normalisedScore: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
      difficulty: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
    }),
    { maxLength: 30 },
  );

  it("never yields NaN, and a z-score always comes without a reason and vice versa", () => {
    fc.assert(
      fc.property(performances, (ps) => {
        const view = difficultyAwareView(ps);
        expect(nonFinitePaths(view)).toEqual([]);
        for (const p of view) expect(p.z === null).toBe(p.zReason !== null);
      }),
    );
  });

  it("z-scores within a band average to zero and ignore how scores are scaled", () => {
    fc.assert(
      fc.property(performances, fc.double({ min: 0.1, max: 10, noNaN: true }), (ps, factor) => {
        const view = difficultyAwareView(ps);
        const scaled = difficultyAwareView(ps.map((p) => ({ ...p, normalisedScore: p.normalisedScore === null ? null : p.normalisedScore * factor })));
        const bands = new Map<string, number[]>();
        view.forEach((p, i) => {
          if (p.z === null) return;
          const key = `${p.workshopId}/${p.difficultyLevel}`;
          bands.set(key, [...(bands.get(key) ?? []), p.z]);
          // Scaling every score is a change of units, not of standing.
          if (scaled[i]!.z !== null) expect(scaled[i]!.z!).toBeCloseTo(p.z, 6);
        });
        for (const zs of bands.values()) expect(zs.reduce((a, b) => a + b, 0) / zs.length).toBeCloseTo(0, 9);
      }),
    );
  });
});
