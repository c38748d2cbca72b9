/**
 * From score rows to the numbers a trainer reads: per criterion, per performance, per
 * group, per staff member, and how a staff member's own view compares with the
 * observers'.
 *
 * Two choices run through everything here:
 * - Only observers' scores make the averages. A self-assessment is a different question
 *   ("how did it feel?") and the agreed score is derived from the observers; mixing either
 *   in would count the same judgement twice or blur two views that the debrief compares.
 * - Rubrics can use different scales (1–4, 0–5), so anything combined across criteria
 *   is first normalised to 0–1 with (score − min) / (max − min). A 3 of 4 and a 4 of 5
 *   are then comparable, and criterion weights mean what the rubric author meant.
 *
 * Every function is total: empty input gives empty lists and null means, never NaN.
 */
import type { Scale } from "../scenario-schema";
import { DISAGREEMENT_LEVELS } from "./agreement";
import { groupBy, keyOf, mean, summarise, type Summary } from "./stats";

export const RATER_ROLES = ["observer", "self", "agreed"] as const;
export type RaterRole = (typeof RATER_ROLES)[number];

/** One rating of one criterion, as materialised when a round ends. */
export interface ScoreRow {
  workshopId: string;
  groupId: string;
  round: number;
  /** Null if the scenario was removed from the catalog since. */
  scenarioId: string | null;
  /** The rubric the sheet used; when absent, the scenario's rubric is looked up. */
  rubricId?: string;
  /** The staff member scored; null if they left mid-round. */
  rateeId: string | null;
  /** Null for the group's agreed score. */
  raterId: string | null;
  raterRole: RaterRole;
  criterionId: string;
  score: number;
}

/** Just what aggregation needs from a rubric; a parsed `Rubric` fits as it is. */
export interface RubricCriterionLike {
  id: string;
  title?: string;
  weight: number;
  scale: Scale;
}
export interface RubricLike {
  id: string;
  criteria: readonly RubricCriterionLike[];
}

export type RubricResolver = (row: Pick<ScoreRow, "rubricId" | "scenarioId">) => RubricLike | undefined;

/**
 * The usual resolver: a row's own rubric id first, else the rubric its scenario names.
 * `scenarioRubric` maps scenario id → rubric id (a `Scenario`'s `rubric` field).
 */
export function rubricResolver(rubrics: readonly RubricLike[], scenarioRubric: Readonly<Record<string, string>> = {}): RubricResolver {
  const byId = new Map(rubrics.map((r) => [r.id, r]));
  return (row) => {
    if (row.rubricId !== undefined) return byId.get(row.rubricId);
    const viaScenario = row.scenarioId === null ? undefined : scenarioRubric[row.scenarioId];
    return viaScenario === undefined ? undefined : byId.get(viaScenario);
  };
}

/** (score − min) / (max − min): 0 is the bottom of the scale, 1 the top. Null off the scale. */
export function normaliseScore(score: number, scale: Scale): number | null {
  if (!Number.isFinite(score) || !(scale.max > scale.min) || score < scale.min || score > scale.max) return null;
  return (score - scale.min) / (scale.max - scale.min);
}

// ───────────────────────────── resolving rows ─────────────────────────────

export interface ResolvedScoreRow extends ScoreRow {
  rubricId: string;
  /** Position of the criterion in its rubric, so reports follow the rubric's order. */
  criterionIndex: number;
  title: string | null;
  weight: number;
  scale: Scale;
  normalised: number;
}

export interface SkippedScoreRow {
  row: ScoreRow;
  reason: string;
}

/**
 * Attaches each row's criterion (scale, weight) and normalised score. Rows that cannot be
 * read fairly — unknown rubric or criterion, a score off the scale — are set aside with
 * the reason, so a report can say "3 ratings left out" instead of quietly skewing.
 */
export function resolveScoreRows(
  rows: readonly ScoreRow[],
  rubricFor: RubricResolver,
): { resolved: ResolvedScoreRow[]; skipped: SkippedScoreRow[]; rubrics: Map<string, RubricLike> } {
  const resolved: ResolvedScoreRow[] = [];
  const skipped: SkippedScoreRow[] = [];
  const rubrics = new Map<string, RubricLike>();
  for (const row of rows) {
    const rubric = rubricFor(row);
    if (!rubric) {
      skipped.push({ row, reason: `No rubric found for ${row.rubricId ? `rubric "${row.rubricId}"` : `scenario "${row.scenarioId ?? "(none)"}"`}.` });
      continue;
    }
    const criterionIndex = rubric.criteria.findIndex((c) => c.id === row.criterionId);
    const criterion = rubric.criteria[criterionIndex];
    if (!criterion) {
      skipped.push({ row, reason: `Rubric "${rubric.id}" has no criterion "${row.criterionId}".` });
      continue;
    }
    const normalised = normaliseScore(row.score, criterion.scale);
    if (normalised === null) {
      skipped.push({ row, reason: `Score ${row.score} is outside the ${criterion.scale.min}–${criterion.scale.max} scale of "${criterion.id}".` });
      continue;
    }
    resolved.push({
      ...row,
      rubricId: rubric.id,
      criterionIndex,
      title: criterion.title ?? null,
      weight: criterion.weight,
      scale: criterion.scale,
      normalised,
    });
    rubrics.set(rubric.id, rubric);
  }
  return { resolved, skipped, rubrics };
}

// ───────────────────────────── per criterion ─────────────────────────────

export interface CriterionStats extends Summary {
  rubricId: string;
  criterionId: string;
  title: string | null;
  scale: Scale;
  weight: number;
  /** The mean on 0–1, comparable across rubrics. */
  normalisedMean: number | null;
}

/** Observers' ratings per criterion (n counts ratings), in rubric order. */
export function criterionStats(rows: readonly ScoreRow[], rubricFor: RubricResolver): CriterionStats[] {
  return statsOf(resolveScoreRows(rows, rubricFor).resolved.filter(isObserver));
}

function statsOf(observerRows: readonly ResolvedScoreRow[]): CriterionStats[] {
  const rubricOrder = [...new Set(observerRows.map((r) => r.rubricId))];
  const groups = [...groupBy(observerRows, (r) => keyOf(r.rubricId, r.criterionId)).values()];
  const rank = (r: ResolvedScoreRow) => rubricOrder.indexOf(r.rubricId);
  groups.sort((a, b) => rank(a[0]!) - rank(b[0]!) || a[0]!.criterionIndex - b[0]!.criterionIndex);
  return groups.map((group) => {
    const first = group[0]!;
    const summary = summarise(group.map((r) => r.score));
    return {
      rubricId: first.rubricId,
      criterionId: first.criterionId,
      title: first.title,
      scale: first.scale,
      weight: first.weight,
      ...summary,
      normalisedMean: summary.mean === null ? null : normaliseScore(summary.mean, first.scale),
    };
  });
}

const isObserver = (r: ScoreRow) => r.raterRole === "observer";

// ───────────────────────────── per performance ─────────────────────────────

export interface PerformanceCriterion {
  criterionId: string;
  title: string | null;
  weight: number;
  scale: Scale;
  observers: Summary;
  /** The observers' mean on 0–1. */
  normalisedMean: number | null;
  self: number | null;
  agreed: number | null;
}

export interface WeightedScore {
  /** Weighted mean of the normalised criterion scores, 0–1; null when no criterion was scored. */
  score: number | null;
  /** Share of the rubric's total weight that was actually scored (0–1): 0.5 means half the rubric is missing. */
  weightCovered: number;
}

/** One staff member's turn: one group, one round, one rubric. */
export interface PerformanceScore {
  workshopId: string;
  groupId: string;
  round: number;
  scenarioId: string | null;
  rubricId: string;
  rateeId: string | null;
  /** Every criterion of the rubric, scored or not, in rubric order. */
  criteria: PerformanceCriterion[];
  /** From the observers' means: the number the reports compare. */
  overall: WeightedScore;
  self: WeightedScore;
  agreed: WeightedScore;
  /** Distinct observers who scored anything. */
  observerCount: number;
}

/**
 * The weighted overall on 0–1. Weights are renormalised over the criteria that were
 * scored, so one criterion left blank does not drag the score towards 0; weightCovered
 * says how much of the rubric stands behind the number.
 */
export function weightedScore(criteria: readonly { weight: number; normalised: number | null }[]): WeightedScore {
  let total = 0;
  let covered = 0;
  let sum = 0;
  for (const c of criteria) {
    if (!(c.weight > 0)) continue;
    total += c.weight;
    if (c.normalised === null || !Number.isFinite(c.normalised)) continue;
    covered += c.weight;
    sum += c.weight * c.normalised;
  }
  return { score: covered > 0 ? sum / covered : null, weightCovered: total > 0 ? covered / total : 0 };
}

export function performanceScores(rows: readonly ScoreRow[], rubricFor: RubricResolver): PerformanceScore[] {
  const { resolved, rubrics } = resolveScoreRows(rows, rubricFor);
  const performances = groupBy(resolved, (r) => keyOf(r.workshopId, r.groupId, r.round, r.rateeId, r.rubricId));
  return [...performances.values()].map((own) => {
    const first = own[0]!;
    const rubric = rubrics.get(first.rubricId)!;
    const criteria = rubric.criteria.map((criterion): PerformanceCriterion => {
      const mine = own.filter((r) => r.criterionId === criterion.id);
      const observers = summarise(mine.filter(isObserver).map((r) => r.score));
      return {
        criterionId: criterion.id,
        title: criterion.title ?? null,
        weight: criterion.weight,
        scale: criterion.scale,
        observers,
        normalisedMean: observers.mean === null ? null : normaliseScore(observers.mean, criterion.scale),
        // A second self or agreed row would be a materialisation bug; the later one wins, as in the sheet.
        self: mine.filter((r) => r.raterRole === "self").at(-1)?.score ?? null,
        agreed: mine.filter((r) => r.raterRole === "agreed").at(-1)?.score ?? null,
      };
    });
    const weighted = (pick: (c: PerformanceCriterion) => number | null) =>
      weightedScore(
        criteria.map((c) => {
          const value = pick(c);
          return { weight: c.weight, normalised: value === null ? null : normaliseScore(value, c.scale) };
        }),
      );
    return {
      workshopId: first.workshopId,
      groupId: first.groupId,
      round: first.round,
      scenarioId: own.find((r) => r.scenarioId !== null)?.scenarioId ?? null,
      rubricId: first.rubricId,
      rateeId: first.rateeId,
      criteria,
      overall: weighted((c) => c.observers.mean),
      self: weighted((c) => c.self),
      agreed: weighted((c) => c.agreed),
      observerCount: new Set(own.filter(isObserver).map((r) => r.raterId)).size,
    };
  });
}

// ───────────────────────────── per group, per staff member ─────────────────────────────

export interface ScoreSummary {
  performances: number;
  /** Over the performances' weighted overall scores (0–1); each performance counts once. */
  overall: Summary;
  /** Observers' ratings pooled per criterion; n counts ratings. */
  criteria: CriterionStats[];
}

export interface GroupSummary extends ScoreSummary {
  workshopId: string;
  groupId: string;
}

export interface ParticipantSummary extends ScoreSummary {
  /** The participant as the staff member being scored. */
  rateeId: string;
  workshopIds: string[];
}

export function groupSummaries(rows: readonly ScoreRow[], rubricFor: RubricResolver): GroupSummary[] {
  return summariesBy(rows, rubricFor, (r) => keyOf(r.workshopId, r.groupId)).map(({ rows: own, summary }) => ({
    workshopId: own[0]!.workshopId,
    groupId: own[0]!.groupId,
    ...summary,
  }));
}

/** Rows whose staff member left mid-round (rateeId null) belong to nobody here. */
export function participantSummaries(rows: readonly ScoreRow[], rubricFor: RubricResolver): ParticipantSummary[] {
  const withRatee = rows.filter((r) => r.rateeId !== null);
  return summariesBy(withRatee, rubricFor, (r) => keyOf(r.rateeId)).map(({ rows: own, summary }) => ({
    rateeId: own[0]!.rateeId!,
    workshopIds: [...new Set(own.map((r) => r.workshopId))],
    ...summary,
  }));
}

function summariesBy(rows: readonly ScoreRow[], rubricFor: RubricResolver, key: (r: ScoreRow) => string): { rows: ScoreRow[]; summary: ScoreSummary }[] {
  return [...groupBy(rows, key).values()].map((own) => {
    const performances = performanceScores(own, rubricFor);
    const resolvedObservers = resolveScoreRows(own, rubricFor).resolved.filter(isObserver);
    const overalls = performances.map((p) => p.overall.score).filter((s): s is number => s !== null);
    return {
      rows: own,
      summary: { performances: performances.length, overall: summarise(overalls), criteria: statsOf(resolvedObservers) },
    };
  });
}

// ───────────────────────────── self vs observers ─────────────────────────────

export interface SelfGap {
  workshopId: string;
  groupId: string;
  round: number;
  rateeId: string | null;
  rubricId: string;
  criterionId: string;
  self: number;
  observerMean: number;
  observers: number;
  /** self − observers' mean, in levels: positive means the staff member rated themself higher. */
  gap: number;
  /** The same gap on 0–1, comparable across scales. */
  normalisedGap: number;
  /** Two or more levels apart: the same threshold as observer disagreement. */
  notable: boolean;
}

/** One entry per performance and criterion that has both a self-assessment and an observer score. */
export function selfObserverGaps(rows: readonly ScoreRow[], rubricFor: RubricResolver): SelfGap[] {
  return performanceScores(rows, rubricFor).flatMap((p) =>
    p.criteria.flatMap((c): SelfGap[] => {
      if (c.self === null || c.observers.mean === null) return [];
      const gap = c.self - c.observers.mean;
      return [
        {
          workshopId: p.workshopId,
          groupId: p.groupId,
          round: p.round,
          rateeId: p.rateeId,
          rubricId: p.rubricId,
          criterionId: c.criterionId,
          self: c.self,
          observerMean: c.observers.mean,
          observers: c.observers.n,
          gap,
          normalisedGap: gap / (c.scale.max - c.scale.min),
          notable: Math.abs(gap) >= DISAGREEMENT_LEVELS,
        },
      ];
    }),
  );
}

export interface CriterionSelfGap {
  rubricId: string;
  criterionId: string;
  /** Performances with both views. */
  n: number;
  meanGap: number | null;
  meanNormalisedGap: number | null;
  notable: number;
}

/** Per criterion, the average gap: a criterion where everyone rates themself high is a teaching point. */
export function selfGapByCriterion(gaps: readonly SelfGap[]): CriterionSelfGap[] {
  return [...groupBy(gaps, (g) => keyOf(g.rubricId, g.criterionId)).values()].map((own) => ({
    rubricId: own[0]!.rubricId,
    criterionId: own[0]!.criterionId,
    n: own.length,
    meanGap: mean(own.map((g) => g.gap)),
    meanNormalisedGap: mean(own.map((g) => g.normalisedGap)),
    notable: own.filter((g) => g.notable).length,
  }));
}
