import type { WorkshopReport } from "../../../server/services/reports/report-types";
import { DifficultyBadge } from "../difficulty";
import { formatChange, formatLevel, formatPercent } from "./format";
import { TableScroll } from "./table-scroll";

/** Each participant in their turns as the staff member; the workshop's own data, for the trainer only. */
export function PeopleSection({ report }: { report: WorkshopReport }) {
  const columns = report.criteria;
  return (
    <section className="card report-section" aria-labelledby="people-heading">
      <h2 id="people-heading">Per participant, as the staff member</h2>
      {report.people.length === 0 ? (
        <p className="muted">Nobody has had a scored turn as the staff member yet.</p>
      ) : (
        <TableScroll label="Table of participants as the staff member">
          <table className="table report-table" data-testid="people-table">
            <caption>Observers&apos; mean per criterion for each participant&apos;s turns as the staff member, with the difficulty of the scenarios they drew</caption>
            <thead>
              <tr>
                <th scope="col">Participant</th>
                <th scope="col">Team · shift</th>
                <th scope="col">Turns</th>
                <th scope="col">Difficulty faced</th>
                <th scope="col">Overall</th>
                {columns.map((c) => (
                  <th scope="col" key={`${c.rubricId}/${c.id}`}>
                    {c.title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.people.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>{[p.team, p.shift].filter(Boolean).join(" · ") || <span className="muted">not given</span>}</td>
                  <td className="num">{p.performances}</td>
                  <td>
                    {p.difficulties.length ? (
                      <ul className="plain-list">
                        {p.difficulties.map((d, i) => (
                          <li key={i}>
                            <DifficultyBadge index={d} />
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="muted">unknown</span>
                    )}
                  </td>
                  <td className="num">{formatPercent(p.overall)}</td>
                  {columns.map((c) => (
                    <td className="num" key={`${c.rubricId}/${c.id}`}>
                      {formatLevel(p.criteria.find((pc) => pc.criterionId === c.id)?.mean)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

/** How staff members rated themselves against what observers saw: a criterion where everyone rates high is a teaching point. */
export function SelfVsObserversSection({ report }: { report: WorkshopReport }) {
  const { byCriterion, notable } = report.selfVsObservers;
  return (
    <section className="card report-section" aria-labelledby="self-heading">
      <h2 id="self-heading">Self-assessment against observers</h2>
      {byCriterion.length === 0 ? (
        <p className="muted">No staff member has locked in a self-assessment on a scored turn yet.</p>
      ) : (
        <>
          <table className="table report-table" data-testid="self-table">
            <caption>Mean self-assessment and mean of the observers, per criterion, over the turns that have both</caption>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col">Turns</th>
                <th scope="col">Self (mean)</th>
                <th scope="col">Observers (mean)</th>
                <th scope="col">Difference (self − observers)</th>
                <th scope="col">2+ levels apart</th>
              </tr>
            </thead>
            <tbody>
              {byCriterion.map((c) => (
                <tr key={c.criterionId}>
                  <th scope="row">{c.title}</th>
                  <td className="num">{c.n}</td>
                  <td className="num">{formatLevel(c.meanSelf)}</td>
                  <td className="num">{formatLevel(c.meanObservers)}</td>
                  <td className="num">{formatChange(c.meanGap)}</td>
                  <td className="num">{c.notable}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">A positive difference means people rated themselves higher than the observers did.</p>
          {notable.length > 0 ? (
            <>
              <h3>Turns where self and observers were two or more levels apart</h3>
              <ul className="flag-list">
                {notable.map((g, i) => (
                  <li key={i}>
                    <strong>{g.staffName ?? "Staff member who left"}</strong>, {g.groupName} round {g.round}, {g.criterionTitle}: self {g.self}, observers{" "}
                    {formatLevel(g.observerMean)} ({formatChange(g.gap)})
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
