/**
 * Do the observers agree? Two answers at two scales:
 *
 * - `criterionSpread`: on one performance, how far apart the observers' levels are. A
 *   gap of two or more levels is a different reading of what happened, worth discussing
 *   in the debrief before any average is trusted.
 * - `krippendorffAlpha`: across a whole workshop, how much better than chance the
 *   observers agree. Alpha rather than kappa because observers come and go between
 *   rounds (missing values), there are often more than two of them, and rubric levels
 *   are ordered; alpha handles all three with one formula.
 *
 * The alpha follows Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011):
 * build the coincidence matrix from pairable values, then α = 1 − D_o / D_e.
 */

/** Two or more levels apart. Kept equal to DISAGREEMENT_SPREAD in ../scoring/types (a test checks it). */
export const DISAGREEMENT_LEVELS = 2;

export interface CriterionSpread {
  /** How many scores were given. */
  n: number;
  /** Null when there are no scores. */
  min: number | null;
  max: number | null;
  /** Highest minus lowest; null with fewer than two scores, since one observer cannot disagree. */
  spread: number | null;
  /** Observers differ by DISAGREEMENT_LEVELS or more. */
  disagreement: boolean;
}

/** The range of the observers' levels on one criterion of one performance. */
export function criterionSpread(scores: readonly number[]): CriterionSpread {
  const values = scores.filter((s) => Number.isFinite(s));
  if (values.length === 0) return { n: 0, min: null, max: null, spread: null, disagreement: false };
  const min = Math.min(...values);
  const max = Math.max(...values);
  const spread = values.length >= 2 ? max - min : null;
  return { n: values.length, min, max, spread, disagreement: spread !== null && spread >= DISAGREEMENT_LEVELS };
}

// ───────────────────────────── Krippendorff's alpha ─────────────────────────────

export type MeasurementLevel = "nominal" | "ordinal" | "interval" | "ratio";

export interface AlphaOptions {
  /**
   * The values the scale allows (for a rubric criterion: its level values). A value
   * outside it is a data error, reported instead of silently counted. Levels nobody used
   * do not change the result: in the ordinal metric an unused level adds n_g = 0.
   */
  scaleValues?: readonly number[];
}

interface AlphaCounts {
  /** How many values sit in units with at least two values (n in the paper). */
  pairableValues: number;
  /** How many units have at least two values. */
  units: number;
}

export type AlphaResult =
  | (AlphaCounts & { alpha: number; reason?: undefined })
  | (AlphaCounts & { alpha: null; reason: string });

/**
 * Krippendorff's alpha for `data[rater][unit]`, `null` (or a missing entry) meaning
 * "this rater did not rate this unit". Returns `alpha: null` with a reason when alpha is
 * undefined, never NaN: a report can show "not enough data" rather than a broken number.
 */
export function krippendorffAlpha(
  data: readonly (readonly (number | null | undefined)[])[],
  level: MeasurementLevel,
  options: AlphaOptions = {},
): AlphaResult {
  const unitCount = data.reduce((most, row) => Math.max(most, row.length), 0);
  const allowed = options.scaleValues ? new Set(options.scaleValues) : null;

  // Per unit, how often each value was given; units with one value cannot be paired.
  const units: Map<number, number>[] = [];
  let pairableValues = 0;
  for (let u = 0; u < unitCount; u++) {
    const counts = new Map<number, number>();
    let m = 0;
    for (const row of data) {
      const value = row[u];
      if (value === null || value === undefined) continue;
      if (!Number.isFinite(value)) return undefinedAlpha(0, 0, `Unit ${u + 1} has a value that is not a number (${String(value)}).`);
      if (allowed && !allowed.has(value))
        return undefinedAlpha(0, 0, `Unit ${u + 1} has the value ${value}, which is not on the scale (${[...allowed].join(", ")}).`);
      if (level === "ratio" && value < 0) return undefinedAlpha(0, 0, `Ratio data cannot be negative, but unit ${u + 1} has ${value}.`);
      counts.set(value, (counts.get(value) ?? 0) + 1);
      m++;
    }
    if (m >= 2) {
      units.push(counts);
      pairableValues += m;
    }
  }
  const counts = { pairableValues, units: units.length };
  if (pairableValues < 2) return { ...counts, alpha: null, reason: "Fewer than two values can be paired: no unit was rated by two or more raters." };

  // Coincidence matrix: each unit with m values contributes m(m−1) ordered pairs, each
  // weighted 1/(m−1), so every pairable value counts exactly once in the margins.
  const values = [...new Set(units.flatMap((u) => [...u.keys()]))].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const size = values.length;
  const coincidence = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const unit of units) {
    const m = [...unit.values()].reduce((a, b) => a + b, 0);
    for (const [c, nc] of unit) {
      for (const [k, nk] of unit) {
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        coincidence[index.get(c)!]![index.get(k)!]! += pairs / (m - 1);
      }
    }
  }
  const marginals = coincidence.map((row) => row.reduce((a, b) => a + b, 0));
  if (size < 2) return { ...counts, alpha: null, reason: `Every pairable value is ${values[0]}: with no variation there is nothing to agree or disagree about.` };

  const delta = distanceFunction(level, values, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      if (c === k) continue;
      const d = delta(c, k);
      observed += coincidence[c]![k]! * d;
      expected += marginals[c]! * marginals[k]! * d;
    }
  }
  if (!(expected > 0)) return { ...counts, alpha: null, reason: "The values differ, but not under this metric: expected disagreement is zero." };
  // α = 1 − D_o/D_e with D_o = Σ o·δ²/n and D_e = Σ n_c·n_k·δ²/(n(n−1)).
  const alpha = 1 - ((pairableValues - 1) * observed) / expected;
  return { ...counts, alpha };
}

function undefinedAlpha(pairableValues: number, units: number, reason: string): AlphaResult {
  return { pairableValues, units, alpha: null, reason };
}

/** The squared difference δ² between the c-th and k-th distinct values (sorted ascending). */
function distanceFunction(level: MeasurementLevel, values: readonly number[], marginals: readonly number[]): (c: number, k: number) => number {
  switch (level) {
    case "nominal":
      return (c, k) => (c === k ? 0 : 1);
    case "ordinal": {
      // Ranks are spaced by how many values fall between them, not by the numbers
      // themselves: "2 to 3" is a large step when most ratings are 2s and 3s.
      const cumulative = [0];
      for (const n of marginals) cumulative.push(cumulative[cumulative.length - 1]! + n);
      return (c, k) => {
        const [lo, hi] = c < k ? [c, k] : [k, c];
        const between = cumulative[hi + 1]! - cumulative[lo]! - (marginals[lo]! + marginals[hi]!) / 2;
        return between * between;
      };
    }
    case "interval":
      return (c, k) => (values[c]! - values[k]!) ** 2;
    case "ratio":
      return (c, k) => {
        const sum = values[c]! + values[k]!;
        return sum === 0 ? 0 : ((values[c]! - values[k]!) / sum) ** 2;
      };
  }
}

// ───────────────────────────── a workshop's agreement ─────────────────────────────

export interface AgreementRow {
  /** Optional so one workshop's rows can be passed alone; set it when pooling workshops. */
  workshopId?: string;
  groupId: string;
  round: number;
  criterionId: string;
  /** Null for a group's agreed score, which has no single rater. */
  raterId: string | null;
  /** When present, only observers count: self-assessments and agreed scores are not independent ratings. */
  raterRole?: "observer" | "self" | "agreed";
  score: number;
}

export interface UnitSpread extends CriterionSpread {
  workshopId?: string;
  groupId: string;
  round: number;
}

export interface CriterionAgreement {
  criterionId: string;
  /** Ordinal alpha over this criterion's performances alone; often null in a small workshop. */
  alpha: AlphaResult;
  /** One entry per performance (group × round), in the order the rows first mention it. */
  units: UnitSpread[];
  /** How many of `units` have observers two or more levels apart. */
  disagreements: number;
}

export interface WorkshopAgreement {
  /** Ordinal alpha with every criterion's performances as units. */
  alpha: AlphaResult;
  /** In the order the rows first mention each criterion. */
  criteria: CriterionAgreement[];
  /** Rows dropped because the same observer scored the same unit again (the later one is kept). */
  duplicatesReplaced: number;
}

/**
 * Turns score rows into Krippendorff's reliability matrix and reports agreement.
 *
 * A unit is one performance on one criterion (group × round × criterion): the same
 * thing seen by several observers. A rater is an observer. Ordinal because rubric levels
 * are ordered but not evenly spaced in meaning: "adequate → good" is not obviously the
 * same step as "poor → adequate".
 *
 * Pooling criteria into one alpha is sound within a unit (every observer used the same
 * scale), but if rubrics with different scales are pooled the ordinal ranks mix scales;
 * the per-criterion alphas are the cleaner reading then.
 */
export function workshopAgreement(rows: readonly AgreementRow[]): WorkshopAgreement {
  interface Unit {
    key: string;
    workshopId?: string;
    groupId: string;
    round: number;
    criterionId: string;
    byRater: Map<string, number>;
  }
  const units = new Map<string, Unit>();
  let duplicatesReplaced = 0;

  for (const row of rows) {
    if (row.raterId === null || (row.raterRole !== undefined && row.raterRole !== "observer")) continue;
    if (!Number.isFinite(row.score)) continue;
    const key = JSON.stringify([row.workshopId ?? null, row.groupId, row.round, row.criterionId]);
    let unit = units.get(key);
    if (!unit) {
      unit = { key, groupId: row.groupId, round: row.round, criterionId: row.criterionId, byRater: new Map() };
      if (row.workshopId !== undefined) unit.workshopId = row.workshopId;
      units.set(key, unit);
    }
    if (unit.byRater.has(row.raterId)) duplicatesReplaced++;
    unit.byRater.set(row.raterId, row.score);
  }

  const all = [...units.values()];
  const criterionIds = [...new Set(all.map((u) => u.criterionId))];
  const criteria = criterionIds.map((criterionId): CriterionAgreement => {
    const own = all.filter((u) => u.criterionId === criterionId);
    const spreads = own.map((u): UnitSpread => {
      const spread: UnitSpread = { groupId: u.groupId, round: u.round, ...criterionSpread([...u.byRater.values()]) };
      if (u.workshopId !== undefined) spread.workshopId = u.workshopId;
      return spread;
    });
    return {
      criterionId,
      alpha: krippendorffAlpha(reliabilityMatrix(own), "ordinal"),
      units: spreads,
      disagreements: spreads.filter((s) => s.disagreement).length,
    };
  });

  return { alpha: krippendorffAlpha(reliabilityMatrix(all), "ordinal"), criteria, duplicatesReplaced };
}

/** data[rater][unit], raters in the order first seen, null where a rater did not score a unit. */
function reliabilityMatrix(units: readonly { byRater: ReadonlyMap<string, number> }[]): (number | null)[][] {
  const raters = [...new Set(units.flatMap((u) => [...u.byRater.keys()]))];
  return raters.map((rater) => units.map((u) => u.byRater.get(rater) ?? null));
}
