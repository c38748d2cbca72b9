import type { WorkshopReport } from "../../../server/services/reports/report-types";
import { formatAlpha, plural, VERDICT_BADGE, VERDICT_LABELS } from "./format";

/** Do the observers read the rubric the same way? The number, what it means, and where they did not. */
export function AgreementSection({ report }: { report: WorkshopReport }) {
  const { agreement, criteria } = report;
  return (
    <section className="card report-section" aria-labelledby="agreement-heading">
      <h2 id="agreement-heading">Do the observers agree?</h2>
      <p className="agreement-headline" data-testid="agreement-headline">
        <span className="alpha-value">α = {formatAlpha(agreement.alpha)}</span>{" "}
        <span className={`badge ${VERDICT_BADGE[agreement.verdict]}`}>{VERDICT_LABELS[agreement.verdict]}</span>
      </p>
      <p>{agreement.words}</p>
      <p className="muted">
        Krippendorff&apos;s alpha (ordinal) over {plural(agreement.units, "scored criterion", "scored criteria")} with two or more observers. 1 is perfect agreement, 0 is
        no better than chance. 0.8 or more is good; 0.667 to 0.8 is tentative; below that, observers read the rubric differently — calibrate.
      </p>
      {criteria.length > 0 ? (
        <table className="table report-table" data-testid="agreement-table">
          <caption>Agreement per criterion</caption>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">α</th>
              <th scope="col">Reading</th>
              <th scope="col">Turns with observers 2+ levels apart</th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((c) => (
              <tr key={`${c.rubricId}/${c.id}`}>
                <th scope="row">{c.title}</th>
                <td className="num">{formatAlpha(c.agreement.alpha)}</td>
                <td>
                  <span className={`badge ${VERDICT_BADGE[c.agreement.verdict]}`}>{VERDICT_LABELS[c.agreement.verdict]}</span>
                  {c.agreement.verdict === "unknown" ? <span className="muted small-print"> {c.agreement.words.replace(/^Not enough to say yet\. ?/, "")}</span> : null}
                </td>
                <td>{c.disagreements > 0 ? <strong className="flag">⚑ {c.disagreements}</strong> : "none"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h3>Where observers were two or more levels apart</h3>
      {agreement.flags.length === 0 ? (
        <p className="muted">Nowhere: on every scored criterion, observers were within one level of each other.</p>
      ) : (
        <ul className="flag-list" data-testid="disagreement-flags">
          {agreement.flags.map((f, i) => (
            <li key={i}>
              <span className="flag">⚑</span> <strong>{f.criterionTitle}</strong> — {f.groupName}, round {f.round}
              {f.staffName ? ` (${f.staffName} as staff)` : ""}: {f.raters} observers gave {f.min} to {f.max}. Worth discussing what each level looks like.
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
