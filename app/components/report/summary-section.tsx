import type { WorkshopReport } from "../../../server/services/reports/report-types";
import { formatAlpha, formatDate, formatPercent, plural, VERDICT_BADGE, VERDICT_LABELS } from "./format";

const STAGE_WORDS: Record<string, string> = { lobby: "Not started", rounds: "Rounds running", plenary: "Plenary debrief" };

/** The headline numbers, and what stands behind them. */
export function SummarySection({ report }: { report: WorkshopReport }) {
  const { workshop, totals, agreement } = report;
  const status = workshop.status === "ended" ? `Ended ${workshop.endedAt ? formatDate(workshop.endedAt) : ""}`.trim() : STAGE_WORDS[workshop.stage];
  return (
    <section className="card report-section" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Summary</h2>
      <dl className="key-figures">
        <div>
          <dt>Participants</dt>
          <dd>{workshop.participants}</dd>
        </div>
        <div>
          <dt>Turns scored</dt>
          <dd>{totals.performances}</dd>
        </div>
        <div>
          <dt>Observer ratings</dt>
          <dd>{totals.observerRatings}</dd>
        </div>
        <div>
          <dt>Overall (observers)</dt>
          <dd>{formatPercent(report.overall)}</dd>
        </div>
        <div>
          <dt>Observer agreement (α)</dt>
          <dd>
            {formatAlpha(agreement.alpha)} <span className={`badge ${VERDICT_BADGE[agreement.verdict]}`}>{VERDICT_LABELS[agreement.verdict]}</span>
          </dd>
        </div>
      </dl>
      <p className="muted">
        {status} · {plural(workshop.roundsPlayed, "round")} played{workshop.roundsPlanned ? ` of ${workshop.roundsPlanned} planned` : ""} ·{" "}
        {plural(workshop.groups, "group")} · rubric {workshop.rubrics.map((r) => r.title).join(", ") || "not chosen yet"}
      </p>
      <ul className="report-caveats">
        <li>
          Averages use observers&apos; scores only. The staff member&apos;s self-assessment and the group&apos;s agreed score are shown beside them, never mixed in.
        </li>
        <li>Overall scores are weighted by the rubric and shown as a share of the scale (0% the lowest level, 100% the highest).</li>
        {workshop.status !== "ended" ? <li>Rounds still running are added when their group finishes them.</li> : null}
        {totals.drafts > 0 ? (
          <li>
            {plural(totals.drafts, "rating")} came from observers who never pressed submit; they are counted, as the sheet held them when the round ended.
          </li>
        ) : null}
        {totals.skipped.length > 0 ? (
          <li>
            {plural(totals.skipped.length, "rating")} left out: {[...new Set(totals.skipped)].join(" ")}
          </li>
        ) : null}
      </ul>
    </section>
  );
}
