import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SETTING_LABELS } from "../../server/domain/scenario-schema";
import { CurveballList, ObserverBriefView, PatientBriefView, StaffBriefView } from "~/components/briefs";
import { DifficultyReasons } from "~/components/difficulty";
import { PRIVACY_REMINDER } from "~/components/field";
import { RubricView } from "~/components/rubric-view";
import { loadScenarioForFacilitator } from "./scenarios.$scenarioId._index";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Print: ${data?.scenario.title ?? "Scenario"}` }];

export async function loader(args: LoaderFunctionArgs) {
  return json(await loadScenarioForFacilitator(args));
}

/**
 * Paper version: each role's brief on its own page, so a trainer can hand
 * the patient sheet to the patient and the staff sheet to the staff member.
 */
export default function PrintScenario() {
  const { scenario, rubric } = useLoaderData<typeof loader>();
  const header = (role: string) => (
    <header>
      <p className="muted">
        {scenario.title} · {role} · {PRIVACY_REMINDER}
      </p>
    </header>
  );
  return (
    <main id="main" className="print-sheet">
      <div className="row no-print" style={{ justifyContent: "space-between", marginBottom: "1rem" }}>
        <Link to={`/scenarios/${scenario.id}`}>← Back to the scenario</Link>
        <button type="button" className="button" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <div className="print-page">
        <h1>{scenario.title}</h1>
        <p>
          {SETTING_LABELS[scenario.setting]} · {scenario.durationMinutes} minutes · difficulty {scenario.difficultyIndex.score}/10 (
          {scenario.difficultyIndex.level})
        </p>
        <h2>The situation</h2>
        <p>{scenario.situation}</p>
        <h2>Starting difficulty</h2>
        <DifficultyReasons index={scenario.difficultyIndex} />
        <h2>Curveballs (facilitator only)</h2>
        <CurveballList curveballs={scenario.curveballs} />
      </div>
      <div className="print-page">
        {header("Patient / relative sheet")}
        <p>{scenario.situation}</p>
        <PatientBriefView brief={scenario.briefs.patient} headingLevel={2} />
      </div>
      <div className="print-page">
        {header("Staff sheet")}
        <p>{scenario.situation}</p>
        <StaffBriefView brief={scenario.briefs.staff} headingLevel={2} />
      </div>
      <div className="print-page">
        {header("Observer sheet")}
        <ObserverBriefView brief={scenario.briefs.observers} headingLevel={2} />
        <RubricView rubric={rubric} />
      </div>
    </main>
  );
}
