import type { Curveball, ObserverBrief, PatientBrief, StaffBrief } from "../../server/domain/scenario-schema";

/**
 * One component per role's brief. The same pieces show in the catalog (all
 * side by side, for the trainer) and in a running workshop, where the server
 * sends each person only the brief their role may see.
 */

function List({ items }: { items: readonly string[] }) {
  return (
    <ul className="brief-list">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

export function PatientBriefView({ brief, headingLevel = 3 }: { brief: PatientBrief; headingLevel?: 2 | 3 }) {
  const H = `h${headingLevel}` as "h2" | "h3";
  const Sub = `h${headingLevel + 1}` as "h3" | "h4";
  return (
    <section className="brief brief-patient" aria-label={`Brief: ${brief.role}`} data-testid="brief-patient">
      <H>{brief.role}</H>
      <p>{brief.persona}</p>
      <Sub>What you say</Sub>
      <p className="quote">“{brief.says}”</p>
      <Sub>What you mean underneath</Sub>
      <p>{brief.means}</p>
      <Sub>How you feel</Sub>
      <p>{brief.emotionalState}</p>
      <Sub>You get more upset when</Sub>
      <List items={brief.escalatesWhen} />
      <Sub>You settle when</Sub>
      <List items={brief.settlesWhen} />
      <Sub>Lines to open with</Sub>
      <List items={brief.openingLines.map((l) => `“${l}”`)} />
    </section>
  );
}

export function StaffBriefView({ brief, headingLevel = 3 }: { brief: StaffBrief; headingLevel?: 2 | 3 }) {
  const H = `h${headingLevel}` as "h2" | "h3";
  const Sub = `h${headingLevel + 1}` as "h3" | "h4";
  return (
    <section className="brief brief-staff" aria-label={`Brief: ${brief.role}`} data-testid="brief-staff">
      <H>{brief.role}</H>
      <Sub>What you know at the desk</Sub>
      <List items={brief.facts} />
      <Sub>What you cannot do</Sub>
      <List items={brief.limits} />
      <Sub>Who else can help</Sub>
      <List items={brief.whoElseCanHelp} />
      <Sub>Your goal</Sub>
      <p>{brief.goal}</p>
    </section>
  );
}

export function ObserverBriefView({ brief, headingLevel = 3 }: { brief: ObserverBrief; headingLevel?: 2 | 3 }) {
  const H = `h${headingLevel}` as "h2" | "h3";
  const Sub = `h${headingLevel + 1}` as "h3" | "h4";
  return (
    <section className="brief brief-observers" aria-label="Brief: observers" data-testid="brief-observers">
      <H>Observers</H>
      <Sub>Watch for</Sub>
      <List items={brief.watchFor} />
      <Sub>Turning points</Sub>
      <List items={brief.turningPoints} />
    </section>
  );
}

export function CurveballList({ curveballs }: { curveballs: readonly Curveball[] }) {
  if (curveballs.length === 0) return <p className="muted">No curveballs for this scenario.</p>;
  return (
    <ul className="curveballs">
      {curveballs.map((c) => (
        <li key={c.id} className="curveball">
          <strong>{c.title}</strong>
          <p>{c.text}</p>
        </li>
      ))}
    </ul>
  );
}
