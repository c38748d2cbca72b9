import type { Rubric } from "../../server/domain/scenario-schema";

/** The whole rubric as a reference: criteria, what each level looks like, behaviours to tick. */
export function RubricView({ rubric, headingLevel = 2 }: { rubric: Rubric; headingLevel?: 2 | 3 }) {
  const H = `h${headingLevel}` as "h2" | "h3";
  const Sub = `h${headingLevel + 1}` as "h3" | "h4";
  return (
    <section className="rubric" aria-label={`Rubric: ${rubric.title}`} data-testid="rubric">
      <H>Rubric: {rubric.title}</H>
      <p>{rubric.description}</p>
      <p className="muted">Source: {rubric.source}</p>
      {rubric.criteria.map((c) => (
        <div key={c.id} className="criterion">
          <Sub>
            {c.title}
            {c.weight !== 1 ? <span className="badge muted"> weight ×{c.weight}</span> : null}
          </Sub>
          <p>{c.description}</p>
          <table className="table levels">
            <caption className="visually-hidden">Levels for {c.title}</caption>
            <thead>
              <tr>
                <th scope="col">Level</th>
                <th scope="col">What it looks like</th>
              </tr>
            </thead>
            <tbody>
              {c.levels.map((l) => (
                <tr key={l.value}>
                  <th scope="row">
                    {l.value} · {l.label}
                  </th>
                  <td>{l.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {c.behaviours.length > 0 ? (
            <>
              <p className="label">Behaviours to tick</p>
              <ul className="brief-list">
                {c.behaviours.map((b) => (
                  <li key={b.id}>{b.text}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ))}
    </section>
  );
}
