import { z } from "zod";
import { performanceScores, rubricResolver } from "../../domain/analysis/aggregation";
import { bucketOf, criterionTrends, isoDate, TREND_BUCKETS, TREND_SEGMENTS, type TrendRow } from "../../domain/analysis/trends";
import type { JoinedParticipant, StoredScore, TrendWorkshop } from "../../db/report-repository";
import { toScoreRow, type ReportLibrary } from "./report-context";

/** The weighted overall of a performance, offered beside the rubric's own criteria. */
export const OVERALL = "overall";

const id = z.string().trim().max(64).regex(/^[a-z0-9-]*$/, { error: "That choice is not one Rolecall knows. Pick one from the list." });

/** The trends page's query string; anything else is refused with a sentence. */
export const trendQuerySchema = z
  .object({
    scope: z.enum(["mine", "all"], { error: "Choose your workshops or everyone's." }).default("mine"),
    /** `rubric/criterion`, or `rubric/overall`: one select on the page. */
    measure: z
      .string()
      .max(130)
      .regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, { error: "That measure is not one Rolecall knows. Pick one from the list." })
      .optional(),
    rubric: id.optional(),
    criterion: id.optional(),
    segment: z.enum(TREND_SEGMENTS, { error: "Segment by team, shift, scenario or facilitator." }).default("team"),
    bucket: z.enum(TREND_BUCKETS, { error: "Group by workshop, week or month." }).default("workshop"),
  })
  .transform(({ measure, ...query }) => {
    if (!measure) return query;
    const [rubric, criterion] = measure.split("/") as [string, string];
    return { ...query, rubric, criterion };
  });
export type TrendQuery = z.output<typeof trendQuerySchema>;

export interface TrendPointLine {
  bucket: string;
  label: string;
  /** On the criterion's scale, or a percentage for the overall score. */
  value: number;
  n: number;
  workshops: number;
}

export interface TrendSeriesLine {
  key: string;
  label: string;
  points: TrendPointLine[];
  /** Last point minus the one before, in the same units as the points. */
  change: { value: number | null; from: string | null; to: string | null; current: boolean };
}

export interface TrendsReport {
  rubrics: { id: string; title: string; ratings: number; criteria: { id: string; title: string }[] }[];
  selected: Omit<TrendQuery, "rubric" | "criterion"> & { rubric: string | null; criterion: string; criterionTitle: string };
  /** Null for the overall score, which is shown as a percentage. */
  scale: { min: number; max: number } | null;
  buckets: { key: string; label: string; start: number }[];
  series: TrendSeriesLine[];
  workshops: number;
  performances: number;
  /** Said when the request named something that does not exist, and what was shown instead. */
  notice: string | null;
}

/**
 * Each criterion over time per segment. One row per performance and
 * criterion (the observers' mean), as trends.ts asks, so a round with five
 * observers does not outweigh a round with two.
 */
export function buildTrends(input: {
  query: TrendQuery;
  workshops: readonly TrendWorkshop[];
  scores: readonly StoredScore[];
  participants: readonly JoinedParticipant[];
  library: ReportLibrary;
  facilitatorNames: ReadonlyMap<string, string>;
}): TrendsReport {
  const { query, library } = input;
  const ratingsByRubric = new Map<string, number>();
  for (const s of input.scores) if (s.kind === "observer") ratingsByRubric.set(s.rubricId, (ratingsByRubric.get(s.rubricId) ?? 0) + 1);
  const rubrics = library.rubrics
    .map((r) => ({ id: r.id, title: r.title, ratings: ratingsByRubric.get(r.id) ?? 0, criteria: r.criteria.map((c) => ({ id: c.id, title: c.title })) }))
    .sort((a, b) => b.ratings - a.ratings || a.title.localeCompare(b.title, "en"));

  let notice: string | null = null;
  let rubric = query.rubric ? library.getRubric(query.rubric) : undefined;
  if (query.rubric && !rubric) notice = `There is no rubric "${query.rubric}"; showing ${rubrics[0]?.title ?? "nothing"} instead.`;
  rubric ??= rubrics[0] ? library.getRubric(rubrics[0].id) : undefined;
  let criterion = query.criterion ?? OVERALL;
  if (rubric && criterion !== OVERALL && !rubric.criteria.some((c) => c.id === criterion)) {
    notice = `${rubric.title} has no criterion "${criterion}"; showing the overall score instead.`;
    criterion = OVERALL;
  }
  const criterionTitle = criterion === OVERALL ? "Overall (weighted)" : (rubric?.criteria.find((c) => c.id === criterion)?.title ?? criterion);
  const scale = criterion === OVERALL ? null : (rubric?.criteria.find((c) => c.id === criterion)?.scale ?? null);
  const selected = { ...query, rubric: rubric?.id ?? null, criterion, criterionTitle };
  if (!rubric) return { rubrics, selected, scale, buckets: [], series: [], workshops: 0, performances: 0, notice };

  const workshops = new Map(input.workshops.map((w) => [w.id, w]));
  const people = new Map(input.participants.map((p) => [`${p.workshopId}/${p.participantId}`, p]));
  const rows: TrendRow[] = [];
  let performances = 0;
  for (const p of performanceScores(input.scores.filter((s) => s.rubricId === rubric.id).map(toScoreRow), rubricResolver(library.rubrics))) {
    const workshop = workshops.get(p.workshopId);
    if (!workshop) continue;
    const staff = p.rateeId === null ? undefined : people.get(`${p.workshopId}/${p.rateeId}`);
    const value = criterion === OVERALL ? p.overall.score : (p.criteria.find((c) => c.criterionId === criterion)?.normalisedMean ?? null);
    if (value === null) continue;
    performances++;
    rows.push({
      workshopId: p.workshopId,
      workshopDate: workshop.createdAt,
      facilitatorId: workshop.facilitatorId,
      team: staff?.team ?? null,
      shift: staff?.shift ?? null,
      scenarioId: p.scenarioId,
      criterionId: criterion,
      normalisedScore: value,
    });
  }

  const labels = {
    facilitator: Object.fromEntries(input.facilitatorNames),
    scenario: Object.fromEntries(rows.flatMap((r) => (r.scenarioId ? [[r.scenarioId, library.getScenario(r.scenarioId)?.title ?? r.scenarioId]] : []))),
    workshop: Object.fromEntries(input.workshops.map((w) => [w.id, `${w.title} (${isoDate(w.createdAt)})`])),
  };
  const toDisplay = (normalised: number) => (scale ? scale.min + normalised * (scale.max - scale.min) : normalised * 100);
  const series = criterionTrends(rows, { bucket: query.bucket, segmentBy: query.segment, labels }).map(
    (s): TrendSeriesLine => ({
      key: s.segmentKey,
      label: s.segmentLabel,
      points: s.points.map((pt) => ({ bucket: pt.bucket, label: pt.label, value: toDisplay(pt.mean), n: pt.n, workshops: pt.workshops })),
      change: {
        value: s.changeSincePreviousCycle.change === null ? null : toDisplay(s.changeSincePreviousCycle.change) - toDisplay(0),
        from: labelOf(s.points, s.changeSincePreviousCycle.from),
        to: labelOf(s.points, s.changeSincePreviousCycle.to),
        current: s.changeSincePreviousCycle.current,
      },
    }),
  );
  const buckets = new Map<string, { key: string; label: string; start: number }>();
  for (const row of rows) {
    const bucket = bucketOf(query.bucket, row, labels.workshop[row.workshopId]);
    buckets.set(bucket.key, bucket);
  }
  return {
    rubrics,
    selected,
    scale,
    buckets: [...buckets.values()].sort((a, b) => a.start - b.start || (a.key < b.key ? -1 : 1)),
    series,
    workshops: new Set(rows.map((r) => r.workshopId)).size,
    performances,
    notice,
  };
}

function labelOf(points: readonly { bucket: string; label: string }[], bucket: string | null): string | null {
  return bucket === null ? null : (points.find((p) => p.bucket === bucket)?.label ?? bucket);
}
