import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DIFFICULTY_EXPLANATION } from "../../server/domain/difficulty";
import { SETTING_LABELS } from "../../server/domain/scenario-schema";
import { CurveballList, ObserverBriefView, PatientBriefView, StaffBriefView } from "~/components/briefs";
import { DifficultyBadge, DifficultyReasons } from "~/components/difficulty";
import { RubricView } from "~/components/rubric-view";
import { SiteHeader } from "~/components/site-header";
import { requireFacilitator } from "~/utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.scenario.title ?? "Scenario"} — Rolecall` }];

export async function loadScenarioForFacilitator({ request, params, context }: LoaderFunctionArgs) {
  const me = await requireFacilitator(request, context);
  const scenario = context.services.catalog.getScenario(params.scenarioId ?? "");
  if (!scenario) throw new Response("No scenario with that name. Pick one from the library.", { status: 404, statusText: "Not Found" });
  const rubric = context.services.catalog.getRubric(scenario.rubric)!;
  return { me, scenario, rubric };
}

export async function loader(args: LoaderFunctionArgs) {
  return json(await loadScenarioForFacilitator(args));
}

export default function ScenarioDetail() {
  const { me, scenario, rubric } = useLoaderData<typeof loader>();
  return (
    <>
      <SiteHeader facilitatorName={me.name} />
      <main id="main" className="page">
        <p className="no-print">
          <Link to="/scenarios">← All scenarios</Link>
        </p>
        <div className="row" style={{ justifyContent: "space-between" }}>
          <h1>{scenario.title}</h1>
          <Link className="button secondary" to={`/scenarios/${scenario.id}/print`}>
            Printable version
          </Link>
        </div>
        <div className="row">
          <DifficultyBadge index={scenario.difficultyIndex} />
          <span className="muted">
            {SETTING_LABELS[scenario.setting]} · {scenario.durationMinutes} minutes · {scenario.tags.join(", ")}
          </span>
        </div>
        {scenario.contentNote ? (
          <p className="alert warn" style={{ marginTop: "1rem" }}>
            <strong>Content note:</strong> {scenario.contentNote}
          </p>
        ) : null}
        <section className="card" aria-labelledby="situation-heading" style={{ marginTop: "1rem" }}>
          <h2 id="situation-heading">The situation (everyone sees this)</h2>
          <p>{scenario.situation}</p>
        </section>

        <h2>Briefs, side by side</h2>
        <p className="muted">In a workshop the patient never sees the staff brief and the staff member never sees the patient&apos;s. Observers see both.</p>
        <div className="briefs-grid">
          <PatientBriefView brief={scenario.briefs.patient} />
          <StaffBriefView brief={scenario.briefs.staff} />
          <ObserverBriefView brief={scenario.briefs.observers} />
        </div>

        <div className="grid-2" style={{ marginTop: "1.25rem" }}>
          <section className="card" aria-labelledby="difficulty-heading">
            <h2 id="difficulty-heading">Starting difficulty: {scenario.difficultyIndex.score}/10</h2>
            <DifficultyReasons index={scenario.difficultyIndex} />
            <details>
              <summary>How the score is worked out</summary>
              <p style={{ whiteSpace: "pre-line" }}>{DIFFICULTY_EXPLANATION}</p>
            </details>
          </section>
          <section className="card" aria-labelledby="curveballs-heading">
            <h2 id="curveballs-heading">Curveballs</h2>
            <p className="muted">Cards a facilitator can drop into a running room.</p>
            <CurveballList curveballs={scenario.curveballs} />
          </section>
        </div>
        <div className="card">
          <RubricView rubric={rubric} />
        </div>
      </main>
    </>
  );
}
