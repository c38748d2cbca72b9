import type { Rubric } from "../../../server/domain/scenario-schema";
import type { Role } from "../../../server/domain/workshop/types";
import type { BriefsView, ScenarioSummary } from "../../../server/domain/workshop/views";
import { ObserverBriefView, PatientBriefView, StaffBriefView } from "~/components/briefs";
import { RubricView } from "~/components/rubric-view";
import { ScenarioSummaryCard } from "./scenario-summary";

function LockIcon() {
  return (
    <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round">
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </svg>
  );
}

/**
 * Exactly the briefs the view carries, for the viewer's role. The server has
 * already decided what this role may see; nothing here asks for more.
 */
export function MyBriefs({ role, briefs, rubric }: { role: Role; briefs: BriefsView; rubric: Rubric | null }) {
  if (role === "observer") {
    return (
      <div className="p-my-briefs stack">
        {briefs.patient || briefs.staff ? (
          <section aria-labelledby="both-briefs">
            <h2 id="both-briefs">Both performers&apos; briefs</h2>
            <p className="muted">You can see both; each performer sees only their own.</p>
            <div className="briefs-grid">
              {briefs.patient ? <PatientBriefView brief={briefs.patient} headingLevel={3} /> : null}
              {briefs.staff ? <StaffBriefView brief={briefs.staff} headingLevel={3} /> : null}
            </div>
          </section>
        ) : null}
        {briefs.observers ? <ObserverBriefView brief={briefs.observers} headingLevel={2} /> : null}
        {rubric ? (
          <div className="card p-rubric-card">
            <RubricView rubric={rubric} headingLevel={2} />
          </div>
        ) : null}
      </div>
    );
  }
  const brief = role === "patient" ? briefs.patient : briefs.staff;
  if (!brief) return <p className="muted">Your brief is not available right now.</p>;
  return (
    <div className="p-my-briefs stack">
      <p className="p-private-note">
        <LockIcon />
        {role === "patient" ? "Only you and the observers see this — not the staff member." : "Only you and the observers see this — not the patient."}
      </p>
      {role === "patient" && briefs.patient ? <PatientBriefView brief={briefs.patient} headingLevel={2} /> : null}
      {role === "staff" && briefs.staff ? <StaffBriefView brief={briefs.staff} headingLevel={2} /> : null}
    </div>
  );
}

/** The same briefs tucked into a <details>, for the phases after the briefing. */
export function CollapsedBriefs({
  role,
  briefs,
  rubric,
  scenario,
}: {
  role: Role;
  briefs: BriefsView;
  rubric: Rubric | null;
  scenario: ScenarioSummary | null;
}) {
  if (!briefs.patient && !briefs.staff && !briefs.observers) return null;
  return (
    <details className="p-brief-details" data-testid="brief-details">
      <summary>
        <span className="p-summary-text">Your brief</span>
        <span className="p-summary-hint">
          {role === "observer" ? "Both briefs, what to watch for and the rubric" : role === "patient" ? briefs.patient?.role : briefs.staff?.role}
        </span>
      </summary>
      <div className="p-brief-details-body stack">
        {scenario ? <ScenarioSummaryCard scenario={scenario} headingId="scenario-title-again" /> : null}
        <MyBriefs role={role} briefs={briefs} rubric={rubric} />
      </div>
    </details>
  );
}
