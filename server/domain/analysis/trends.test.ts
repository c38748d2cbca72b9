import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TREND_BUCKETS, TREND_SEGMENTS, bucketOf, criterionTrends, isoDate, isoWeek, type TrendRow } from "./trends";
import { nonFinitePaths } from "./test-support";

const at = (iso: string) => Date.parse(iso);

function trendRow(partial: Partial<TrendRow>): TrendRow {
  return {
    workshopId: "w1",
    workshopDate: at("2025-03-04T09:00:00Z"),
    facilitatorId: "fac-1",
    team: "front-desk",
    shift: "early",
    scenarioId: "surprise-bill",
    criterionId: "acknowledge",
    normalisedScore: 0.5,
    ...partial,
  };
}

describe("isoWeek", () => {
  it.each([
    ["2021-01-03", 2020, 53], // a Sunday still in the previous ISO year
    ["2021-01-04", 2021, 1],
    ["2024-12-30", 2025, 1], // a Monday already in the next ISO year
    ["2026-01-01", 2026, 1], // a Thursday: week 1 by definition
    ["2027-01-01", 2026, 53], // a Friday after a year with 53 weeks
    ["2008-12-29", 2009, 1],
    ["2025-06-15", 2025, 24],
  ])("%s is %i-W%i", (date, year, week) => {
    expect(isoWeek(at(`${date}T12:00:00Z`))).toMatchObject({ year, week });
  });

  it("agrees with the 'week of its Thursday' definition for any date", () => {
    fc.assert(
      fc.property(fc.integer({ min: at("1990-01-01T00:00:00Z"), max: at("2100-12-31T23:59:59Z") }), (ms) => {
        const d = new Date(ms);
        const weekday = (d.getUTCDay() + 6) % 7;
        const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - weekday + 3));
        const dayOfYear = Math.round((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / 86_400_000);
        const got = isoWeek(ms);
        expect(got.year).toBe(thursday.getUTCFullYear());
        expect(got.week).toBe(Math.floor(dayOfYear / 7) + 1);
        expect(new Date(got.monday).getUTCDay()).toBe(1);
        expect(ms - got.monday).toBeGreaterThanOrEqual(0);
        expect(ms - got.monday).toBeLessThan(7 * 86_400_000);
      }),
    );
  });
});

describe("bucketOf", () => {
  it("buckets months in UTC, whatever the machine's time zone", () => {
    expect(bucketOf("month", { workshopId: "w", workshopDate: at("2025-01-31T23:59:59.999Z") }).key).toBe("2025-01");
    expect(bucketOf("month", { workshopId: "w", workshopDate: at("2025-02-01T00:00:00Z") })).toEqual({ key: "2025-02", label: "2025-02", start: at("2025-02-01T00:00:00Z") });
  });

  it("labels weeks like 2025-W03 and starts them on Monday", () => {
    expect(bucketOf("isoWeek", { workshopId: "w", workshopDate: at("2025-01-15T10:00:00Z") })).toEqual({ key: "2025-W03", label: "2025-W03", start: at("2025-01-13T00:00:00Z") });
  });

  it("names a workshop bucket by its id, labelled with its date unless a label is given", () => {
    expect(bucketOf("workshop", { workshopId: "w9", workshopDate: at("2025-03-04T09:00:00Z") })).toEqual({ key: "w9", label: "2025-03-04", start: at("2025-03-04T09:00:00Z") });
    expect(bucketOf("workshop", { workshopId: "w9", workshopDate: 0 }, "Spring refresher").label).toBe("Spring refresher");
    expect(isoDate(at("2025-03-04T23:30:00Z"))).toBe("2025-03-04");
  });
});

describe("criterionTrends", () => {
  // Two teams over three monthly cycles; the night desk slips in the last one.
  const rows: TrendRow[] = [
    trendRow({ workshopId: "jan", workshopDate: at("2025-01-10T09:00:00Z"), team: "day-desk", normalisedScore: 0.5 }),
    trendRow({ workshopId: "jan", workshopDate: at("2025-01-10T09:00:00Z"), team: "night-desk", normalisedScore: 0.6 }),
    trendRow({ workshopId: "feb", workshopDate: at("2025-02-12T09:00:00Z"), team: "day-desk", normalisedScore: 0.6 }),
    trendRow({ workshopId: "feb-2", workshopDate: at("2025-02-20T09:00:00Z"), team: "day-desk", normalisedScore: 0.8 }),
    trendRow({ workshopId: "feb", workshopDate: at("2025-02-12T09:00:00Z"), team: "night-desk", normalisedScore: 0.7 }),
    trendRow({ workshopId: "mar", workshopDate: at("2025-03-05T09:00:00Z"), team: "day-desk", normalisedScore: 0.8 }),
    trendRow({ workshopId: "mar", workshopDate: at("2025-03-05T09:00:00Z"), team: "night-desk", normalisedScore: 0.4 }),
    trendRow({ workshopId: "mar", workshopDate: at("2025-03-05T09:00:00Z"), team: "night-desk", criterionId: "own", normalisedScore: 0.9 }),
  ];

  it("shows what a good average hides: one team up, one down", () => {
    const series = criterionTrends(rows, { bucket: "month", segmentBy: "team", labels: { team: { "night-desk": "Night desk" } } });
    expect(series.map((s) => [s.criterionId, s.segmentKey, s.segmentLabel])).toEqual([
      ["acknowledge", "day-desk", "day-desk"],
      ["acknowledge", "night-desk", "Night desk"],
      ["own", "night-desk", "Night desk"],
    ]);
    const [day, night, own] = series;
    expect(day!.points).toEqual([
      { bucket: "2025-01", label: "2025-01", start: at("2025-01-01T00:00:00Z"), mean: 0.5, n: 1, workshops: 1 },
      { bucket: "2025-02", label: "2025-02", start: at("2025-02-01T00:00:00Z"), mean: expect.closeTo(0.7, 12), n: 2, workshops: 2 },
      { bucket: "2025-03", label: "2025-03", start: at("2025-03-01T00:00:00Z"), mean: 0.8, n: 1, workshops: 1 },
    ]);
    expect(day!.changeSincePreviousCycle).toEqual({ change: expect.closeTo(0.1, 12), from: "2025-02", to: "2025-03", current: true });
    expect(night!.changeSincePreviousCycle.change).toBeCloseTo(-0.3, 12);
    expect(own!.changeSincePreviousCycle).toEqual({ change: null, from: null, to: "2025-03", current: true });
  });

  it("buckets by workshop in date order", () => {
    const series = criterionTrends(rows, { bucket: "workshop", segmentBy: "all" });
    const everyone = series.find((s) => s.criterionId === "acknowledge")!;
    expect(everyone.segmentLabel).toBe("Everyone");
    expect(everyone.points.map((p) => [p.bucket, p.label, p.n])).toEqual([
      ["jan", "2025-01-10", 2],
      ["feb", "2025-02-12", 2],
      ["feb-2", "2025-02-20", 1],
      ["mar", "2025-03-05", 2],
    ]);
    expect(everyone.changeSincePreviousCycle.change).toBeCloseTo(0.6 - 0.8, 12);
  });

  it("marks a segment whose last score is not in the latest cycle", () => {
    const series = criterionTrends(
      [
        trendRow({ workshopDate: at("2025-01-10T09:00:00Z"), shift: "late", normalisedScore: 0.2 }),
        trendRow({ workshopDate: at("2025-02-10T09:00:00Z"), shift: "late", normalisedScore: 0.4 }),
        trendRow({ workshopDate: at("2025-04-10T09:00:00Z"), shift: "early", normalisedScore: 0.4 }),
      ],
      { bucket: "month", segmentBy: "shift" },
    );
    expect(series.find((s) => s.segmentKey === "late")!.changeSincePreviousCycle).toEqual({ change: expect.closeTo(0.2, 12), from: "2025-01", to: "2025-02", current: false });
    expect(series.find((s) => s.segmentKey === "early")!.changeSincePreviousCycle.current).toBe(true);
  });

  it("segments by scenario and facilitator, naming the missing ones", () => {
    const base = [trendRow({ scenarioId: null, facilitatorId: null }), trendRow({ scenarioId: "long-wait", facilitatorId: "" })];
    expect(criterionTrends(base, { bucket: "month", segmentBy: "scenario" }).map((s) => s.segmentLabel)).toEqual(["(no scenario)", "long-wait"]);
    expect(criterionTrends(base, { bucket: "month", segmentBy: "facilitator" }).map((s) => [s.segmentKey, s.segmentLabel, s.points[0]!.n])).toEqual([["", "(no facilitator)", 2]]);
  });

  it("leaves out rows without a score and is total on empty input", () => {
    expect(criterionTrends([], { bucket: "isoWeek", segmentBy: "team" })).toEqual([]);
    expect(criterionTrends([trendRow({ normalisedScore: null }), trendRow({ normalisedScore: Number.NaN })], { bucket: "month", segmentBy: "all" })).toEqual([]);
  });

  const WORKSHOPS = ["a", "b", "c", "d"] as const;
  const anyRow = fc.record({
    workshop: fc.integer({ min: 0, max: WORKSHOPS.length - 1 }),
    facilitatorId: fc.constantFrom("f1", "f2", null),
    team: fc.constantFrom("t1", "t2", null, ""),
    shift: fc.constantFrom("early", "late", null),
    scenarioId: fc.constantFrom("s1", "s2", null),
    criterionId: fc.constantFrom("acknowledge", "own"),
    normalisedScore: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  });
  // Each workshop has one date, as in the real data.
  const anyRows: fc.Arbitrary<TrendRow[]> = fc
    .tuple(
      fc.array(fc.integer({ min: at("2024-01-01T00:00:00Z"), max: at("2025-12-31T00:00:00Z") }), { minLength: 4, maxLength: 4 }),
      fc.array(anyRow, { maxLength: 40 }),
    )
    .map(([dates, rows]) => rows.map(({ workshop, ...rest }) => ({ ...rest, workshopId: WORKSHOPS[workshop]!, workshopDate: dates[workshop]! })));

  it("does not depend on row order, counts every usable row once, and never yields NaN", () => {
    fc.assert(
      fc.property(anyRows, fc.constantFrom(...TREND_BUCKETS), fc.constantFrom(...TREND_SEGMENTS), (rs, bucket, segmentBy) => {
        const forward = criterionTrends(rs, { bucket, segmentBy });
        const backward = criterionTrends([...rs].reverse(), { bucket, segmentBy });
        expect(nonFinitePaths(forward)).toEqual([]);
        const shape = (series: typeof forward) => series.map((s) => [s.criterionId, s.segmentKey, s.points.map((p) => [p.bucket, p.n])]);
        expect(shape(backward)).toEqual(shape(forward));
        forward.forEach((s, i) => s.points.forEach((p) => expect(backward[i]!.points.find((q) => q.bucket === p.bucket)!.mean).toBeCloseTo(p.mean, 9)));
        const counted = forward.reduce((sum, s) => sum + s.points.reduce((a, p) => a + p.n, 0), 0);
        expect(counted).toBe(rs.filter((r) => r.normalisedScore !== null).length);
        for (const s of forward) for (let j = 1; j < s.points.length; j++) expect(s.points[j]!.start).toBeGreaterThanOrEqual(s.points[j - 1]!.start);
      }),
    );
  });
});
