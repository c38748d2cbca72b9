import type { WorkshopReport } from "../../../server/services/reports/report-types";
import { CriterionChart } from "./charts";
import { formatAlpha, formatLevel, VERDICT_BADGE, VERDICT_LABELS } from "./format";
import { TableScroll } from "./table-scroll";

/** Per criterion: the chart for a glance, the table for the numbers (and for screen readers). */
export function CriteriaSection({ report }: { report: WorkshopReport }) {
  const { criteria } = report;
  return (
    <section className="card report-section" aria-labelledby="criteria-heading">
      <h2 id="criteria-heading">Scores per criterion</h2>
      {criteria.length === 0 ? (
        <p className="muted">No scores yet. They appear here as each group finishes a round.</p>
      ) : (
        <>
          <CriterionChart criteria={criteria} />
          <TableScroll label="Table of scores per criterion">
            <table className="table report-table" data-testid="criteria-table">
              <caption>Observers&apos; scores per criterion, with the staff members&apos; self-assessment and the agreed score beside them</caption>
              <thead>
                <tr>
                  <th scope="col">Criterion</th>
                  <th scope="col">Observers (mean)</th>
                  <th scope="col">Median</th>
                  <th scope="col">Ratings</th>
                  <th scope="col">Self (mean)</th>
                  <th scope="col">Agreed (mean)</th>
                  <th scope="col">Agreement α</th>
                  <th scope="col">Observers 2+ levels apart</th>
                </tr>
              </thead>
              <tbody>
                {criteria.map((c) => (
                  <tr key={`${c.rubricId}/${c.id}`}>
                    <th scope="row">
                      {c.title}
                      <span className="muted small-print"> · scale {c.scale.min}–{c.scale.max}</span>
                    </th>
                    <td className="num">{formatLevel(c.mean)}</td>
                    <td className="num">{formatLevel(c.median)}</td>
                    <td className="num">{c.n}</td>
                    <td className="num">{formatLevel(c.selfMean)}</td>
                    <td className="num">{formatLevel(c.agreedMean)}</td>
                    <td>
                      {formatAlpha(c.agreement.alpha)} <span className={`badge ${VERDICT_BADGE[c.agreement.verdict]}`}>{VERDICT_LABELS[c.agreement.verdict]}</span>
                    </td>
                    <td>{c.disagreements > 0 ? <strong className="flag">⚑ {c.disagreements} turn{c.disagreements === 1 ? "" : "s"}</strong> : "none"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}
