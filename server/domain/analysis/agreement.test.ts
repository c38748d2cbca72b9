import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DISAGREEMENT_SPREAD } from "../scoring/types";
import {
  DISAGREEMENT_LEVELS,
  criterionSpread,
  krippendorffAlpha,
  workshopAgreement,
  type AgreementRow,
  type MeasurementLevel,
} from "./agreement";

const _ = null;

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
// observers, twelve units, values 1–5, "." = missing. Published results: nominal .743,
// ordinal .815, interval .849, ratio .797.
const PAPER_C = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

// Same paper, section A: two observers, ten units, binary; published α = .095.
const PAPER_A = [
  [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
  [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
];

// Same paper, section B: two observers, twelve units, nominal categories a–e (here 1–5);
// published α = .692.
const PAPER_B = [
  [1, 1, 2, 2, 4, 3, 3, 3, 5, 4, 4, 1],
  [2, 1, 2, 2, 2, 3, 3, 3, 5, 4, 4, 4],
];

const LEVELS: MeasurementLevel[] = ["nominal", "ordinal", "interval", "ratio"];

describe("krippendorffAlpha against the published worked examples", () => {
  it.each([
    ["nominal", 0.743],
    ["ordinal", 0.815],
    ["interval", 0.849],
    ["ratio", 0.797],
  ] as const)("four observers with missing values, %s: %s", (level, published) => {
    const result = krippendorffAlpha(PAPER_C, level);
    expect(result.alpha).not.toBeNull();
    expect(result.alpha!).toBeCloseTo(published, 3);
    // Unit 12 has one value only, so it cannot be paired: 11 units, 40 values.
    expect(result.units).toBe(11);
    expect(result.pairableValues).toBe(40);
  });

  it("two observers, binary data: .095", () => {
    const result = krippendorffAlpha(PAPER_A, "nominal");
    expect(result.alpha!).toBeCloseTo(0.095, 3);
    expect(result.pairableValues).toBe(20);
  });

  it("two observers, nominal categories: .692", () => {
    expect(krippendorffAlpha(PAPER_B, "nominal").alpha!).toBeCloseTo(0.692, 3);
  });

  it("accepts the example when the scale is given, and refuses a value off the scale", () => {
    expect(krippendorffAlpha(PAPER_C, "ordinal", { scaleValues: [1, 2, 3, 4, 5] }).alpha!).toBeCloseTo(0.815, 3);
    // Levels nobody used change nothing.
    expect(krippendorffAlpha(PAPER_C, "ordinal", { scaleValues: [0, 1, 2, 3, 4, 5, 6] }).alpha!).toBeCloseTo(0.815, 3);
    const off = krippendorffAlpha(PAPER_C, "ordinal", { scaleValues: [1, 2, 3, 4] });
    expect(off.alpha).toBeNull();
    expect(off.reason).toMatch(/value 5.*not on the scale/);
  });
});

describe("krippendorffAlpha when alpha is undefined", () => {
  it("returns null with a reason, never NaN, when there is no variation", () => {
    const result = krippendorffAlpha(
      [
        [3, 3, 3],
        [3, 3, _],
      ],
      "ordinal",
    );
    expect(result).toMatchObject({ alpha: null, units: 2, pairableValues: 4 });
    expect(result.reason).toMatch(/no variation/);
  });

  it("returns null when no unit has two values", () => {
    for (const data of [[], [[]], [[1, 2, 3]], [[1, _], [_, 2]]]) {
      const result = krippendorffAlpha(data, "interval");
      expect(result.alpha).toBeNull();
      expect(result.pairableValues).toBe(0);
      expect(result.reason).toMatch(/Fewer than two values/);
    }
  });

  it("refuses NaN and negative ratio values instead of computing with them", () => {
    expect(krippendorffAlpha([[1, Number.NaN], [1, 2]], "interval").reason).toMatch(/not a number/);
    expect(krippendorffAlpha([[1, -2], [1, 2]], "ratio").reason).toMatch(/cannot be negative/);
  });

  it("treats rows of different lengths as missing at the end", () => {
    expect(krippendorffAlpha([[1, 2, 3, 3, 2, 1, 4, 1, 2], ...PAPER_C.slice(1)], "nominal").alpha!).toBeCloseTo(0.743, 3);
  });

  it("gives 0 for ratio when both values are 0 (no division by zero)", () => {
    const result = krippendorffAlpha(
      [
        [0, 0, 1],
        [0, 0, 2],
      ],
      "ratio",
    );
    expect(Number.isFinite(result.alpha)).toBe(true);
  });
});

// Values 1–4 with some missing, as rubric scores would be: up to 6 raters, up to 12 units.
const ratings = fc
  .tuple(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 12 }))
  .chain(([raters, units]) =>
    fc.array(fc.array(fc.option(fc.integer({ min: 1, max: 4 }), { nil: null, freq: 4 }), { minLength: units, maxLength: units }), {
      minLength: raters,
      maxLength: raters,
    }),
  );
const level = fc.constantFrom(...LEVELS);

/** The textbook definition by brute force over pairs, with no coincidence matrix. */
function naiveAlpha(data: (number | null)[][], delta: (a: number, b: number) => number): number | null {
  const units: number[][] = [];
  for (let u = 0; u < (data[0]?.length ?? 0); u++) {
    const values = data.map((row) => row[u]).filter((v): v is number => v !== null && v !== undefined);
    if (values.length >= 2) units.push(values);
  }
  const all = units.flat();
  const n = all.length;
  let within = 0;
  for (const values of units)
    for (let i = 0; i < values.length; i++)
      for (let j = 0; j < values.length; j++) if (i !== j) within += delta(values[i]!, values[j]!) / (values.length - 1);
  let between = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) between += delta(all[i]!, all[j]!);
  if (n < 2 || between === 0) return null;
  return 1 - (within / n) / (between / (n * (n - 1)));
}

describe("krippendorffAlpha properties", () => {
  it("matches the pairwise definition for nominal and interval data", () => {
    fc.assert(
      fc.property(ratings, (data) => {
        const nominal = naiveAlpha(data, (a, b) => (a === b ? 0 : 1));
        const interval = naiveAlpha(data, (a, b) => (a - b) ** 2);
        const gotNominal = krippendorffAlpha(data, "nominal").alpha;
        const gotInterval = krippendorffAlpha(data, "interval").alpha;
        if (nominal === null) expect(gotNominal).toBeNull();
        else expect(gotNominal!).toBeCloseTo(nominal, 9);
        if (interval === null) expect(gotInterval).toBeNull();
        else expect(gotInterval!).toBeCloseTo(interval, 9);
      }),
    );
  });

  it("is 1 whenever every unit's raters agree and there is some variation", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 10 }),
        fc.integer({ min: 2, max: 5 }),
        level,
        (truth, raters, lvl) => {
          fc.pre(new Set(truth).size > 1);
          const data = Array.from({ length: raters }, () => [...truth]);
          expect(krippendorffAlpha(data, lvl).alpha).toBe(1);
        },
      ),
    );
  });

  it("does not depend on the order of raters or of units", () => {
    fc.assert(
      fc.property(ratings, level, fc.integer(), (data, lvl, seed) => {
        const original = krippendorffAlpha(data, lvl);
        const reversedRaters = krippendorffAlpha([...data].reverse(), lvl);
        const shift = Math.abs(seed) % (data[0]!.length || 1);
        const rotatedUnits = krippendorffAlpha(
          data.map((row) => [...row.slice(shift), ...row.slice(0, shift)]),
          lvl,
        );
        for (const other of [reversedRaters, rotatedUnits]) {
          expect(other.units).toBe(original.units);
          expect(other.pairableValues).toBe(original.pairableValues);
          if (original.alpha === null) expect(other.alpha).toBeNull();
          else expect(other.alpha!).toBeCloseTo(original.alpha, 9);
        }
      }),
    );
  });

  it("is never above 1, never NaN, and null exactly when it carries a reason", () => {
    fc.assert(
      fc.property(ratings, level, (data, lvl) => {
        const result = krippendorffAlpha(data, lvl);
        if (result.alpha === null) expect(result.reason).toBeTruthy();
        else {
          expect(Number.isNaN(result.alpha)).toBe(false);
          expect(result.alpha).toBeLessThanOrEqual(1 + 1e-12);
          expect(result.reason).toBeUndefined();
        }
      }),
    );
  });

  it("ordinal alpha does not change when levels are relabelled in the same order", () => {
    fc.assert(
      fc.property(ratings, (data) => {
        const stretched = data.map((row) => row.map((v) => (v === null ? null : v * v + 10)));
        const a = krippendorffAlpha(data, "ordinal").alpha;
        const b = krippendorffAlpha(stretched, "ordinal").alpha;
        if (a === null) expect(b).toBeNull();
        else expect(b!).toBeCloseTo(a, 9);
      }),
    );
  });
});

describe("criterionSpread", () => {
  it("flags observers two or more levels apart", () => {
    expect(criterionSpread([2, 4, 3])).toEqual({ n: 3, min: 2, max: 4, spread: 2, disagreement: true });
    expect(criterionSpread([2, 3, 3])).toEqual({ n: 3, min: 2, max: 3, spread: 1, disagreement: false });
  });

  it("has no spread with one score and nothing at all with none", () => {
    expect(criterionSpread([3])).toEqual({ n: 1, min: 3, max: 3, spread: null, disagreement: false });
    expect(criterionSpread([])).toEqual({ n: 0, min: null, max: null, spread: null, disagreement: false });
  });

  it("uses the same threshold as the live comparison", () => {
    expect(DISAGREEMENT_LEVELS).toBe(DISAGREEMENT_SPREAD);
  });
});

describe("workshopAgreement", () => {
  // The paper's example dressed as a workshop: units 1–12 are six groups × two criteria.
  const paperRows: AgreementRow[] = PAPER_C.flatMap((row, rater) =>
    row.flatMap((score, unit) =>
      score === null
        ? []
        : [{ groupId: `g${Math.floor(unit / 2)}`, round: 1, criterionId: unit % 2 ? "own" : "acknowledge", raterId: `obs-${rater}`, score }],
    ),
  );

  it("builds the reliability matrix with one unit per performance and criterion", () => {
    const result = workshopAgreement(paperRows);
    expect(result.alpha.alpha!).toBeCloseTo(0.815, 3);
    expect(result.alpha.units).toBe(11);
    expect(result.criteria.map((c) => c.criterionId)).toEqual(["acknowledge", "own"]);
    expect(result.criteria.map((c) => c.units.length)).toEqual([6, 6]);
  });

  it("lists each criterion's spreads and counts disagreements", () => {
    const own = workshopAgreement(paperRows).criteria.find((c) => c.criterionId === "own")!;
    // Unit 6 (g2, "own") was rated 1, 2, 3, 4.
    expect(own.units.find((u) => u.groupId === "g2")).toMatchObject({ min: 1, max: 4, spread: 3, disagreement: true });
    // Unit 12 (g5, "own") has one rating only.
    expect(own.units.find((u) => u.groupId === "g5")).toMatchObject({ n: 1, spread: null, disagreement: false });
    expect(own.disagreements).toBe(1);
  });

  it("counts only observers, and keeps the later of two scores from the same observer", () => {
    const rows: AgreementRow[] = [
      { groupId: "g", round: 1, criterionId: "c", raterId: "a", score: 1 },
      { groupId: "g", round: 1, criterionId: "c", raterId: "a", score: 3 },
      { groupId: "g", round: 1, criterionId: "c", raterId: "b", score: 3 },
      { groupId: "g", round: 1, criterionId: "c", raterId: "staff", raterRole: "self", score: 1 },
      { groupId: "g", round: 1, criterionId: "c", raterId: null, raterRole: "agreed", score: 1 },
    ];
    const result = workshopAgreement(rows);
    expect(result.duplicatesReplaced).toBe(1);
    expect(result.criteria[0]!.units[0]).toMatchObject({ n: 2, spread: 0, disagreement: false });
  });

  it("keeps the same group and round in different workshops apart", () => {
    const rows: AgreementRow[] = [
      { workshopId: "w1", groupId: "g", round: 1, criterionId: "c", raterId: "a", score: 1 },
      { workshopId: "w2", groupId: "g", round: 1, criterionId: "c", raterId: "a", score: 4 },
    ];
    const result = workshopAgreement(rows);
    expect(result.criteria[0]!.units).toHaveLength(2);
    expect(result.duplicatesReplaced).toBe(0);
  });

  it("is total on empty input", () => {
    const result = workshopAgreement([]);
    expect(result.criteria).toEqual([]);
    expect(result.alpha.alpha).toBeNull();
  });
});
