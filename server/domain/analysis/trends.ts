/**
 * Each criterion over repeated workshops (training cycles), segmented by team, shift,
 * scenario or facilitator. DOMAIN.md: trainers segment "because a good average can hide
 * one struggling desk", and exports should sit easily beside survey results reported per
 * team, per shift and per period — hence calendar buckets (ISO week, month) as well as
 * per-workshop ones.
 *
 * Dates are taken from the rows and bucketed in UTC, so the same data always gives the
 * same buckets wherever the server runs. A workshop held just after midnight local time
 * east of UTC lands in the previous UTC day; for weeks and months that rarely matters,
 * and it is the price of not depending on the machine's time zone.
 */
import { groupBy, isValidTime, keyOf, mean } from "./stats";

export interface TrendRow {
  workshopId: string;
  /** When the workshop ran, in ms since the epoch. */
  workshopDate: number;
  facilitatorId: string | null;
  team: string | null;
  shift: string | null;
  scenarioId: string | null;
  criterionId: string;
  /**
   * 0–1 (see aggregation.normaliseScore). Each row counts once, so pass one row per
   * performance and criterion (the observers' mean), not one per observer: otherwise a
   * round with five observers outweighs a round with two.
   */
  normalisedScore: number | null;
}

export const TREND_BUCKETS = ["workshop", "isoWeek", "month"] as const;
export type TrendBucketKind = (typeof TREND_BUCKETS)[number];

export const TREND_SEGMENTS = ["all", "team", "shift", "scenario", "facilitator"] as const;
export type TrendSegmentBy = (typeof TREND_SEGMENTS)[number];

export interface Bucket {
  /** Sortable and stable: a workshop id, "2025-W03" or "2025-01". */
  key: string;
  label: string;
  /** Start of the bucket (the workshop's own date for workshop buckets), for ordering and plotting. */
  start: number;
}

const DAY = 86_400_000;

/** ISO 8601 week of a moment, in UTC: weeks start on Monday and week 1 holds the year's first Thursday. */
export function isoWeek(ms: number): { year: number; week: number; monday: number } {
  const date = new Date(ms);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = midnight - weekday * DAY;
  // The week belongs to the year its Thursday falls in.
  const year = new Date(monday + 3 * DAY).getUTCFullYear();
  const jan4 = Date.UTC(year, 0, 4);
  const firstMonday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
  return { year, week: Math.round((monday - firstMonday) / (7 * DAY)) + 1, monday };
}

/** "YYYY-MM-DD" in UTC. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function bucketOf(kind: TrendBucketKind, row: Pick<TrendRow, "workshopId" | "workshopDate">, workshopLabel?: string): Bucket {
  switch (kind) {
    case "workshop":
      return { key: row.workshopId, label: workshopLabel ?? isoDate(row.workshopDate), start: row.workshopDate };
    case "isoWeek": {
      const { year, week, monday } = isoWeek(row.workshopDate);
      const key = `${year}-W${String(week).padStart(2, "0")}`;
      return { key, label: key, start: monday };
    }
    case "month": {
      const date = new Date(row.workshopDate);
      const key = `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
      return { key, label: key, start: Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) };
    }
  }
}

export interface TrendPoint {
  bucket: string;
  label: string;
  start: number;
  mean: number;
  /** Scores behind the mean. */
  n: number;
  /** Workshops behind the mean: one workshop is one session, not a trend. */
  workshops: number;
}

export interface CycleChange {
  /** Last point's mean minus the previous point's; null with fewer than two points. */
  change: number | null;
  from: string | null;
  to: string | null;
  /**
   * Whether the last point is in the latest bucket of the whole data set. A team not seen
   * in the latest cycle still gets its own last change, marked as not current.
   */
  current: boolean;
}

export interface TrendSeries {
  criterionId: string;
  segmentKey: string;
  segmentLabel: string;
  /** Oldest first; only buckets where this segment has scores. */
  points: TrendPoint[];
  changeSincePreviousCycle: CycleChange;
}

export interface TrendOptions {
  bucket: TrendBucketKind;
  segmentBy: TrendSegmentBy;
  /** Display names by id; an id without one is shown as it is. */
  labels?: Partial<Record<"team" | "shift" | "scenario" | "facilitator" | "workshop", Readonly<Record<string, string>>>>;
}

const MISSING_LABEL: Record<Exclude<TrendSegmentBy, "all">, string> = {
  team: "(no team)",
  shift: "(no shift)",
  scenario: "(no scenario)",
  facilitator: "(no facilitator)",
};

/**
 * One series per criterion and segment, each with its points in time order and the
 * change since the previous cycle. Output order does not depend on input order:
 * criteria and segments are sorted by id, points by time.
 */
export function criterionTrends(rows: readonly TrendRow[], options: TrendOptions): TrendSeries[] {
  const usable = rows.filter((r) => r.normalisedScore !== null && Number.isFinite(r.normalisedScore) && isValidTime(r.workshopDate));
  const bucketFor = (r: TrendRow) => bucketOf(options.bucket, r, options.labels?.workshop?.[r.workshopId]);
  const latest = latestBucket(usable.map(bucketFor));

  const series = [...groupBy(usable, (r) => keyOf(r.criterionId, segmentValue(r, options.segmentBy))).values()].map((own): TrendSeries => {
    const first = own[0]!;
    const segment = segmentValue(first, options.segmentBy);
    const points = [...groupBy(own, (r) => bucketFor(r).key).values()]
      .map((inBucket): TrendPoint => {
        const bucket = bucketFor(inBucket[0]!);
        return {
          bucket: bucket.key,
          label: bucket.label,
          start: bucket.start,
          mean: mean(inBucket.map((r) => r.normalisedScore!))!,
          n: inBucket.length,
          workshops: new Set(inBucket.map((r) => r.workshopId)).size,
        };
      })
      .sort((a, b) => a.start - b.start || compare(a.bucket, b.bucket));
    return {
      criterionId: first.criterionId,
      segmentKey: segment ?? "",
      segmentLabel: segmentLabel(options, segment),
      points,
      changeSincePreviousCycle: changeOf(points, latest),
    };
  });

  return series.sort((a, b) => compare(a.criterionId, b.criterionId) || compare(a.segmentKey, b.segmentKey));
}

function segmentValue(row: TrendRow, by: TrendSegmentBy): string | null {
  const value = rawSegmentValue(row, by);
  // A blank team is no team: one "(no team)" series, not two.
  return value === "" ? null : value;
}

function rawSegmentValue(row: TrendRow, by: TrendSegmentBy): string | null {
  switch (by) {
    case "all":
      return "all";
    case "team":
      return row.team;
    case "shift":
      return row.shift;
    case "scenario":
      return row.scenarioId;
    case "facilitator":
      return row.facilitatorId;
  }
}

function segmentLabel(options: TrendOptions, value: string | null): string {
  if (options.segmentBy === "all") return "Everyone";
  if (value === null) return MISSING_LABEL[options.segmentBy];
  return options.labels?.[options.segmentBy]?.[value] ?? value;
}

function changeOf(points: readonly TrendPoint[], latest: string | null): CycleChange {
  const last = points.at(-1);
  const previous = points.at(-2);
  return {
    change: last && previous ? last.mean - previous.mean : null,
    from: previous?.bucket ?? null,
    to: last?.bucket ?? null,
    current: last !== undefined && last.bucket === latest,
  };
}

function latestBucket(buckets: readonly Bucket[]): string | null {
  return [...buckets].sort((a, b) => a.start - b.start || compare(a.key, b.key)).at(-1)?.key ?? null;
}

// Code-point order, not localeCompare: the same on every machine.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
