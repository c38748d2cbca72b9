/**
 * The report's charts (recharts). Only the report and trends routes import
 * this file, so the chart library stays out of the participant and console
 * bundles. Every chart is static SVG — no animation, no hover-only values —
 * so it reads the same on screen, in print and in a PDF; each comes with a
 * text alternative (an aria-label summary here, a data table beside it).
 */
import { Bar, BarChart, CartesianGrid, LabelList, Line, LineChart, Scatter, ScatterChart, XAxis, YAxis, ZAxis } from "recharts";
import type { CriterionLine, PerformanceLine } from "../../../server/services/reports/report-types";
import { formatLevel, formatPercent } from "./format";

export const SERIES_COLOURS = ["#1d4e89", "#a4262c", "#1e6b3a", "#6b2fbf", "#8a4b00", "#005f73", "#4a5561", "#9b2c6f"];
export const SERIES_DASHES = ["", "8 4", "2 4", "10 4 2 4", "4 4", "12 3", "1 3", "6 2 2 2"];
const INK = "#1b1f24";
const SELF_COLOUR = "#b8860b";
const GRID = "#d3d9e0";
const AXIS_TICK = { fill: INK, fontSize: 13 };

interface LegendItem {
  label: string;
  colour: string;
  /** A line's dash pattern; bars get a filled square. */
  dash?: string;
}

/**
 * Our own legend, in HTML above the drawing: recharts' legend is measured after
 * layout and can squeeze the plot when the page is reflowed for print. Text is
 * in ink, not in the series colour, so every label is readable.
 */
function ChartLegend({ items }: { items: readonly LegendItem[] }) {
  return (
    <ul className="chart-legend">
      {items.map((item) => (
        <li key={item.label}>
          <svg width="28" height="14" viewBox="0 0 28 14" aria-hidden="true" focusable="false">
            {item.dash === undefined ? (
              <rect x="7" y="0" width="14" height="14" fill={item.colour} />
            ) : (
              <>
                <line x1="0" y1="7" x2="28" y2="7" stroke={item.colour} strokeWidth="3" strokeDasharray={item.dash} />
                <circle cx="14" cy="7" r="3.5" fill="#fff" stroke={item.colour} strokeWidth="2" />
              </>
            )}
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/** A chart as one image for assistive technology: the summary is its accessible name. */
function ChartFrame({ label, children, testId }: { label: string; children: React.ReactNode; testId: string }) {
  return (
    <div className="chart-frame" role="img" aria-label={label} data-testid={testId}>
      {children}
    </div>
  );
}

/** Observers' mean per criterion, with the staff members' own and the agreed score beside it. */
export function CriterionChart({ criteria }: { criteria: readonly CriterionLine[] }) {
  const scale = sharedScale(criteria);
  const value = (v: number | null, c: CriterionLine) => (v === null ? null : scale ? v : (v - c.scale.min) / (c.scale.max - c.scale.min));
  const data = criteria.map((c) => ({ name: c.title, observers: value(c.mean, c), self: value(c.selfMean, c), agreed: value(c.agreedMean, c) }));
  const show = (v: unknown) => (typeof v === "number" ? (scale ? formatLevel(v) : formatPercent(v)) : "");
  const summary =
    `Bar chart of scores per criterion${scale ? ` on a ${scale.min} to ${scale.max} scale` : " as a share of each scale"}. ` +
    criteria.map((c) => `${c.title}: observers ${show(value(c.mean, c))}, self ${show(value(c.selfMean, c)) || "none"}, agreed ${show(value(c.agreedMean, c)) || "none"}`).join("; ") +
    ".";
  const hasSelf = criteria.some((c) => c.selfMean !== null);
  const hasAgreed = criteria.some((c) => c.agreedMean !== null);
  return (
    <ChartFrame label={summary} testId="criterion-chart">
      <ChartLegend
        items={[
          { label: "Observers (mean)", colour: SERIES_COLOURS[0]! },
          ...(hasSelf ? [{ label: "Self-assessment (mean)", colour: SELF_COLOUR }] : []),
          ...(hasAgreed ? [{ label: "Agreed by the group", colour: SERIES_COLOURS[2]! }] : []),
        ]}
      />
      <BarChart width={760} height={320} data={data} margin={{ top: 24, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false} barCategoryGap="22%">
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey="name" tick={AXIS_TICK} interval={0} />
        <YAxis
          domain={scale ? [scale.min, scale.max] : [0, 1]}
          allowDecimals={false}
          tickCount={scale ? scale.max - scale.min + 1 : 5}
          tickFormatter={(v: number) => (scale ? String(v) : formatPercent(v))}
          tick={AXIS_TICK}
          width={48}
        />
        <Bar dataKey="observers" name="Observers (mean)" fill={SERIES_COLOURS[0]} isAnimationActive={false}>
          <LabelList dataKey="observers" position="top" formatter={show} fill={INK} fontSize={13} />
        </Bar>
        {hasSelf ? (
          <Bar dataKey="self" name="Self-assessment (mean)" fill={SELF_COLOUR} stroke="#6b4e00" isAnimationActive={false}>
            <LabelList dataKey="self" position="top" formatter={show} fill={INK} fontSize={13} />
          </Bar>
        ) : null}
        {hasAgreed ? (
          <Bar dataKey="agreed" name="Agreed by the group" fill={SERIES_COLOURS[2]} isAnimationActive={false}>
            <LabelList dataKey="agreed" position="top" formatter={show} fill={INK} fontSize={13} />
          </Bar>
        ) : null}
      </BarChart>
    </ChartFrame>
  );
}

function sharedScale(criteria: readonly CriterionLine[]): { min: number; max: number } | null {
  const first = criteria[0]?.scale;
  return first && criteria.every((c) => c.scale.min === first.min && c.scale.max === first.max) ? first : null;
}

/** Each turn's overall score against its starting difficulty: hard scenarios are expected to score lower. */
export function DifficultyChart({ performances }: { performances: readonly PerformanceLine[] }) {
  const placed = performances.filter((p) => p.overall !== null && p.scenario?.difficulty);
  const data = placed.map((p) => ({
    difficulty: p.scenario!.difficulty!.score,
    overall: Math.round(p.overall! * 100),
    label: `${p.staff?.name ?? "?"} (R${p.round})`,
  }));
  const summary =
    `Scatter chart of each turn's overall score against the scenario's starting difficulty (1 gentle to 10 very hard). ` +
    (data.length ? data.map((d) => `${d.label}: difficulty ${d.difficulty}, ${d.overall}%`).join("; ") : "No turn has both a score and a known difficulty yet") +
    ".";
  return (
    <ChartFrame label={summary} testId="difficulty-chart">
      <ScatterChart width={760} height={300} margin={{ top: 24, right: 32, bottom: 24, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke={GRID} />
        <XAxis
          type="number"
          dataKey="difficulty"
          name="Starting difficulty"
          domain={[1, 10]}
          ticks={[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}
          tick={AXIS_TICK}
          label={{ value: "Starting difficulty (1–10)", position: "insideBottom", offset: -14, fill: INK }}
        />
        <YAxis type="number" dataKey="overall" name="Overall" domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} tick={AXIS_TICK} width={52} />
        <ZAxis range={[90, 90]} />
        <Scatter data={data} fill={SERIES_COLOURS[0]} isAnimationActive={false}>
          <LabelList dataKey="label" position="right" fill={INK} fontSize={12} />
        </Scatter>
      </ScatterChart>
    </ChartFrame>
  );
}

export interface TrendChartSeries {
  label: string;
  /** One value per bucket, null where the segment has no scores. */
  values: (number | null)[];
}

/** One line per segment across the buckets (workshops, weeks or months). */
export function TrendChart({
  buckets,
  series,
  scale,
  title,
}: {
  buckets: readonly string[];
  series: readonly TrendChartSeries[];
  /** Null: values are percentages. */
  scale: { min: number; max: number } | null;
  title: string;
}) {
  const data = buckets.map((label, i) => Object.fromEntries([["bucket", label], ...series.map((s, k) => [`s${k}`, s.values[i]])]));
  const show = (v: number | null) => (v === null ? "no data" : scale ? v.toFixed(1) : `${Math.round(v)}%`);
  const summary =
    `Line chart of ${title} over time, one line per segment. ` +
    series.map((s) => `${s.label}: ${s.values.map((v, i) => `${buckets[i]} ${show(v)}`).join(", ")}`).join("; ") +
    ".";
  return (
    <ChartFrame label={summary} testId="trend-chart">
      <ChartLegend
        items={series.map((s, k) => ({ label: s.label, colour: SERIES_COLOURS[k % SERIES_COLOURS.length]!, dash: SERIES_DASHES[k % SERIES_DASHES.length]! }))}
      />
      <LineChart width={860} height={340} data={data} margin={{ top: 16, right: 24, bottom: 8, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke={GRID} />
        <XAxis dataKey="bucket" tick={AXIS_TICK} interval="preserveStartEnd" padding={{ left: 60, right: 60 }} />
        <YAxis
          domain={scale ? [scale.min, scale.max] : [0, 100]}
          allowDecimals={false}
          tickCount={scale ? scale.max - scale.min + 1 : 6}
          tickFormatter={(v: number) => (scale ? String(v) : `${v}%`)}
          tick={AXIS_TICK}
          width={52}
        />
        {series.map((s, k) => (
          <Line
            key={`s${k}`}
            dataKey={`s${k}`}
            name={s.label}
            stroke={SERIES_COLOURS[k % SERIES_COLOURS.length]}
            strokeDasharray={SERIES_DASHES[k % SERIES_DASHES.length]}
            strokeWidth={2.5}
            dot={{ r: 4, strokeWidth: 2, fill: "#fff", strokeDasharray: "0" }}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ChartFrame>
  );
}
