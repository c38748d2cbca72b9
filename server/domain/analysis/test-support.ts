/** Small rubrics and row builders shared by the analysis tests. */
import type { RubricLike, ScoreRow } from "./aggregation";

// Acknowledge · Calibrate · Re-enter · Own on 1–4, with the two outcome criteria weighted double.
export const ACRO: RubricLike = {
  id: "acro",
  criteria: [
    { id: "acknowledge", title: "Acknowledge", weight: 2, scale: { min: 1, max: 4 } },
    { id: "calibrate", title: "Calibrate", weight: 1, scale: { min: 1, max: 4 } },
    { id: "re-enter", title: "Re-enter", weight: 1, scale: { min: 1, max: 4 } },
    { id: "own", title: "Own", weight: 2, scale: { min: 1, max: 4 } },
  ],
};

// A differently scaled rubric (0–5) to show normalisation makes them comparable.
export const HEART: RubricLike = {
  id: "heart",
  criteria: [
    { id: "hear", title: "Hear", weight: 1, scale: { min: 0, max: 5 } },
    { id: "empathise", title: "Empathise", weight: 1, scale: { min: 0, max: 5 } },
  ],
};

export const SCENARIO_RUBRIC: Record<string, string> = { "surprise-bill": "acro", "long-wait": "acro", "anxious-relative": "heart" };

export function row(partial: Partial<ScoreRow> & Pick<ScoreRow, "criterionId" | "score">): ScoreRow {
  return {
    workshopId: "w1",
    groupId: "g1",
    round: 1,
    scenarioId: "surprise-bill",
    rateeId: "staff-1",
    raterId: "obs-1",
    raterRole: "observer",
    ...partial,
  };
}

/** Several ratings of one performance: `{ acknowledge: [4, 3] }` is two observers' scores. */
export function ratings(base: Partial<ScoreRow>, byCriterion: Record<string, number[]>): ScoreRow[] {
  return Object.entries(byCriterion).flatMap(([criterionId, scores]) =>
    scores.map((score, i) => row({ ...base, criterionId, score, raterId: `obs-${i + 1}` })),
  );
}

/** Walks a value and collects every path that holds NaN or ±Infinity. */
export function nonFinitePaths(value: unknown, path = "$"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinitePaths(v, `${path}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => nonFinitePaths(v, `${path}.${k}`));
  return [];
}
