import { json, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import type { TrendBucketKind, TrendSegmentBy } from "../../server/domain/analysis/trends";
import { OVERALL, trendQuerySchema } from "../../server/services/reports/trends";
import { TrendChart } from "~/components/report/charts";
import { formatChange } from "~/components/report/format";
import { TableScroll } from "~/components/report/table-scroll";
import { SiteHeader } from "~/components/site-header";
import reportStylesHref from "~/styles/report.css";
import { requireFacilitator } from "~/utils/auth.server";

/** Personal data: kept out of shared caches and the back/forward cache. */
export const headers: HeadersFunction = ({ loaderHeaders }) => ({ "Cache-Control": loaderHeaders.get("Cache-Control") ?? "no-store" });

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStylesHref }];

export const meta: MetaFunction = () => [{ title: "Trends across workshops — Rolecall" }];

const SEGMENT_LABELS: Record<TrendSegmentBy, string> = { all: "Everyone together", team: "Team", shift: "Shift", scenario: "Scenario", facilitator: "Facilitator" };
const BUCKET_LABELS: Record<TrendBucketKind, string> = { workshop: "Each workshop", isoWeek: "Week", month: "Month" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireFacilitator(request, context);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = trendQuerySchema.safeParse(params);
  const query = parsed.success ? parsed.data : trendQuerySchema.parse({});
  const error = parsed.success ? null : `${parsed.error.issues[0]?.message ?? "Those choices could not be read."} Showing the defaults instead.`;
  return json({ me, error, trends: context.services.reports.trends(query, me.id) }, { headers: { "Cache-Control": "no-store" } });
}

export default function Trends() {
  const { me, error, trends } = useLoaderData<typeof loader>();
  const { selected, scale, buckets, series } = trends;
  const unit = scale ? `level (${scale.min}–${scale.max})` : "% of the scale";
  const show = (v: number | null | undefined) => (v === null || v === undefined ? "—" : scale ? v.toFixed(1) : `${Math.round(v)}%`);
  const title = `${selected.criterionTitle}${selected.segment === "all" ? "" : ` by ${SEGMENT_LABELS[selected.segment].toLowerCase()}`}`;
  return (
    <>
      <SiteHeader facilitatorName={me.name} />
      <main id="main" className="page wide report">
        <h1>Trends across workshops</h1>
        <p className="lead">
          Each criterion over repeated workshops, split by team, shift, scenario or facilitator — so a good average cannot hide one struggling desk, and you can see
          whether the last training cycle changed behaviour.
        </p>
        <section className="card no-print" aria-labelledby="trend-choices">
          <h2 id="trend-choices">What to show</h2>
          <Form method="get" className="trend-form">
            <div className="field">
              <label htmlFor="measure">Criterion</label>
              <select id="measure" name="measure" defaultValue={`${selected.rubric ?? ""}/${selected.criterion}`}>
                {trends.rubrics.map((r) => (
                  <optgroup key={r.id} label={`${r.title}${r.ratings ? "" : " (no scores yet)"}`}>
                    <option value={`${r.id}/${OVERALL}`}>{r.title}: overall (weighted)</option>
                    {r.criteria.map((c) => (
                      <option key={c.id} value={`${r.id}/${c.id}`}>
                        {r.title}: {c.title}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="segment">Split by</label>
              <select id="segment" name="segment" defaultValue={selected.segment}>
                {(["team", "shift", "scenario", "facilitator", "all"] as const).map((s) => (
                  <option key={s} value={s}>
                    {SEGMENT_LABELS[s]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="bucket">Over</label>
              <select id="bucket" name="bucket" defaultValue={selected.bucket}>
                {(["workshop", "isoWeek", "month"] as const).map((b) => (
                  <option key={b} value={b}>
                    {BUCKET_LABELS[b]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="scope">Workshops</label>
              <select id="scope" name="scope" defaultValue={selected.scope}>
                <option value="mine">Mine</option>
                <option value="all">Every facilitator&apos;s</option>
              </select>
            </div>
            <button type="submit" className="button">
              Show
            </button>
          </Form>
        </section>

        {error || trends.notice ? (
          <p className="alert warn" role="status">
            {error ?? trends.notice}
          </p>
        ) : null}

        <section className="card report-section" aria-labelledby="trend-heading">
          <h2 id="trend-heading">{title}</h2>
          <p className="muted" data-testid="trend-scope">
            {selected.scope === "all" ? "Every facilitator's workshops" : "Your workshops"} · {trends.workshops} workshop{trends.workshops === 1 ? "" : "s"} ·{" "}
            {trends.performances} scored turn{trends.performances === 1 ? "" : "s"} · observers&apos; mean per turn, as a {unit}
          </p>
          {series.length === 0 ? (
            <p data-testid="trend-empty">
              No scores for this yet. Trends appear once workshops using this rubric have finished rounds
              {selected.segment === "team" || selected.segment === "shift" ? "; ask participants for their team and shift when you create a workshop" : ""}.
            </p>
          ) : (
            <>
              <h3>Change since the previous cycle</h3>
              <table className="table report-table" data-testid="trend-changes">
                <caption className="visually-hidden">Change in {selected.criterionTitle} from the previous cycle to the latest, per segment</caption>
                <thead>
                  <tr>
                    <th scope="col">{SEGMENT_LABELS[selected.segment]}</th>
                    <th scope="col">Previous</th>
                    <th scope="col">Latest</th>
                    <th scope="col">Change</th>
                  </tr>
                </thead>
                <tbody>
                  {series.map((s) => {
                    const last = s.points.at(-1);
                    const previous = s.points.at(-2);
                    const change = s.change.value;
                    return (
                      <tr key={s.key}>
                        <th scope="row">{s.label}</th>
                        <td>{previous ? `${show(previous.value)} (${previous.label})` : "—"}</td>
                        <td>
                          {last ? `${show(last.value)} (${last.label})` : "—"}
                          {last && !s.change.current ? <span className="muted small-print"> · not in the latest cycle</span> : null}
                        </td>
                        <td>
                          {change === null ? (
                            <span className="muted">only one cycle so far</span>
                          ) : (
                            <span className={change > 0.005 ? "change-up" : change < -0.005 ? "change-down" : undefined}>
                              {change > 0.005 ? "▲ " : change < -0.005 ? "▼ " : ""}
                              {scale ? formatChange(change) : `${formatChange(change, 0)} points`}
                              <span className="visually-hidden">{change > 0.005 ? " (up)" : change < -0.005 ? " (down)" : " (no change)"}</span>
                            </span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>

              <h3>Over time</h3>
              <TrendChart
                title={title}
                scale={scale}
                buckets={buckets.map((b) => b.label)}
                series={series.map((s) => ({ label: s.label, values: buckets.map((b) => s.points.find((p) => p.bucket === b.key)?.value ?? null) }))}
              />
              <TableScroll label="Table of the values over time">
                <table className="table report-table" data-testid="trend-table">
                  <caption>
                    {selected.criterionTitle} per {BUCKET_LABELS[selected.bucket].toLowerCase().replace("each ", "")} (turns scored in brackets)
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{SEGMENT_LABELS[selected.segment]}</th>
                      {buckets.map((b) => (
                        <th scope="col" key={b.key}>
                          {b.label}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {series.map((s) => (
                      <tr key={s.key}>
                        <th scope="row">{s.label}</th>
                        {buckets.map((b) => {
                          const point = s.points.find((p) => p.bucket === b.key);
                          return (
                            <td key={b.key} className="num">
                              {point ? `${show(point.value)} (${point.n})` : "—"}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              <p className="muted small-print">
                One value per scored turn (the observers&apos; mean), so a round with five observers counts as much as a round with two. A point resting on one or
                two turns is an anecdote, not a trend: check the counts in brackets.
              </p>
            </>
          )}
        </section>
      </main>
    </>
  );
}
