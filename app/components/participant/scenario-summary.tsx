import type { ScenarioSummary } from "../../../server/domain/workshop/views";

/** The scenario everyone in the room may read: title, situation, content note. */
export function ScenarioSummaryCard({ scenario, headingId = "scenario-title" }: { scenario: ScenarioSummary; headingId?: string }) {
  return (
    <section className="card p-scenario-summary" aria-labelledby={headingId} data-testid="scenario-summary">
      <p className="p-kicker">The scenario · about {scenario.durationMinutes} minutes</p>
      <h2 id={headingId}>{scenario.title}</h2>
      {scenario.contentNote ? (
        <div className="alert warn p-content-note" data-testid="content-note">
          <strong>Content note:</strong> {scenario.contentNote}
        </div>
      ) : null}
      <p className="p-situation">{scenario.situation}</p>
    </section>
  );
}
