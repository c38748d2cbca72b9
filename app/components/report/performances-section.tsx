import { FELT_HEARD_LABELS } from "../../../server/domain/scoring/types";
import type { PerformanceLine, WorkshopReport } from "../../../server/services/reports/report-types";
import { DifficultyBadge } from "../difficulty";
import { DifficultyChart } from "./charts";
import { formatLevel, formatPercent, plural } from "./format";
import { TableScroll } from "./table-scroll";

/** Each group's turns with the scenario and its starting difficulty right beside the scores. */
export function PerformancesSection({ report }: { report: WorkshopReport }) {
  return (
    <section className="card report-section" aria-labelledby="groups-heading">
      <h2 id="groups-heading">Per group</h2>
      {report.groups.length === 0 ? (
        <p className="muted">No group has finished a round yet.</p>
      ) : (
        <>
          <GroupTable report={report} />
          <h3>Each turn</h3>
          <div className="turn-list">
            {report.performances.map((p) => (
              <Turn key={p.key} turn={p} />
            ))}
          </div>
          <h3>Scores beside starting difficulty</h3>
          <p className="muted">
            A hard scenario starts from a harder place, so read each score next to its difficulty. No score is adjusted: the chart shows the pattern, and each turn
            above says how it compares with others of similar difficulty in this workshop.
          </p>
          <DifficultyChart performances={report.performances} />
          <table className="table report-table compact-table">
            <caption>Overall score by the scenario&apos;s starting difficulty</caption>
            <thead>
              <tr>
                <th scope="col">Difficulty</th>
                <th scope="col">Turns</th>
                <th scope="col">Overall (mean)</th>
              </tr>
            </thead>
            <tbody>
              {report.difficulty.levels.map((l) => (
                <tr key={l.level}>
                  <th scope="row">{l.level}</th>
                  <td className="num">{l.performances}</td>
                  <td className="num">{formatPercent(l.mean)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function GroupTable({ report }: { report: WorkshopReport }) {
  const columns = report.criteria;
  return (
    <TableScroll label="Table of groups">
      <table className="table report-table" data-testid="groups-table">
        <caption>Each group: its turns, the scenarios it played and the observers&apos; mean per criterion</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Scenarios</th>
            <th scope="col">Turns</th>
            <th scope="col">Overall</th>
            {columns.map((c) => (
              <th scope="col" key={`${c.rubricId}/${c.id}`}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.groups.map((g) => (
            <tr key={g.groupId}>
              <th scope="row">{g.name}</th>
              <td>
                <ul className="plain-list">
                  {g.scenarios.map((s) => (
                    <li key={s.id}>
                      {s.title} {s.difficulty ? <DifficultyBadge index={s.difficulty} /> : <span className="badge muted">difficulty unknown</span>}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="num">{g.performances}</td>
              <td className="num">{formatPercent(g.overall)}</td>
              {columns.map((c) => (
                <td className="num" key={`${c.rubricId}/${c.id}`}>
                  {formatLevel(g.criteria.find((gc) => gc.criterionId === c.id)?.mean)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function Turn({ turn }: { turn: PerformanceLine }) {
  const headingId = `turn-${turn.key.replace(/[^a-zA-Z0-9-]/g, "-")}`;
  return (
    <article className="turn" aria-labelledby={headingId} data-testid="turn">
      <header className="turn-header">
        <h4 id={headingId}>
          {turn.groupName} · Round {turn.round} — {turn.staff ? `${turn.staff.name} as staff` : "staff member left"}
        </h4>
        <p className="turn-meta">
          <span>{turn.scenario?.title ?? "Scenario not recorded"}</span>{" "}
          {turn.scenario?.difficulty ? <DifficultyBadge index={turn.scenario.difficulty} /> : <span className="badge muted">difficulty unknown</span>}
          <span className="muted"> · {plural(turn.observerCount, "observer")}</span>
          {turn.patientFeltHeard ? <span className="muted"> · patient felt heard: {FELT_HEARD_LABELS[turn.patientFeltHeard].toLowerCase()}</span> : null}
        </p>
      </header>
      <CriteriaTable criteria={turn.criteria} caption={`Scores for ${turn.staff?.name ?? "the staff member"} in ${turn.groupName}, round ${turn.round}`} />
      <p className="turn-footer">
        <strong>Overall {formatPercent(turn.overall)}</strong>
        <span className="muted"> · self {formatPercent(turn.self)} · agreed {formatPercent(turn.agreed)}</span>
        {turn.comparedWithLike.words ? <span className="muted"> · {turn.comparedWithLike.words}</span> : null}
      </p>
    </article>
  );
}

/** One turn's criteria: every observer's level (unnamed), their mean, self and agreed, disagreements flagged. */
export function CriteriaTable({ criteria, caption }: { criteria: PerformanceLine["criteria"]; caption: string }) {
  return (
    <table className="table report-table compact-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Criterion</th>
          <th scope="col">Observers</th>
          <th scope="col">Mean</th>
          <th scope="col">Self</th>
          <th scope="col">Agreed</th>
        </tr>
      </thead>
      <tbody>
        {criteria.map((c) => (
          <tr key={c.criterionId} className={c.disagreement ? "disagreement" : undefined}>
            <th scope="row">
              {c.title}
              <span className="muted small-print"> ({c.scale.min}–{c.scale.max})</span>
            </th>
            <td>
              {c.observerScores.length ? c.observerScores.join(", ") : "—"}
              {c.disagreement ? <strong className="flag"> ⚑ {c.spread} levels apart</strong> : null}
            </td>
            <td className="num">{formatLevel(c.mean)}</td>
            <td className="num">{formatLevel(c.self, 0)}</td>
            <td className="num">{formatLevel(c.agreed, 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

