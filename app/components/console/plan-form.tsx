import { useFetcher } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import type { WorkshopPlan } from "../../../server/domain/workshop/types";
import type { RubricOption, ScenarioOption, TemplateOption } from "./catalog-options";
import type { RunCommand } from "./use-console-commands";

const DEFAULT_DURATIONS = { briefingSeconds: 120, roleplaySeconds: 420, resetSeconds: 60, debriefSeconds: 300 };

function initialPlan(current: WorkshopPlan | null, scenarios: ScenarioOption[]): WorkshopPlan {
  if (current) return current;
  const first = scenarios[0];
  return {
    rubricId: first?.rubricId ?? "core-skills",
    groupSize: 4,
    rounds: 3,
    durations: { ...DEFAULT_DURATIONS, roleplaySeconds: (first?.durationMinutes ?? 7) * 60 },
    scenarioIds: scenarios.slice(0, 3).map((s) => s.id),
  };
}

/** Minutes in the form, seconds in the plan: trainers think in minutes. */
const toMinutes = (seconds: number) => String(Math.round((seconds / 60) * 10) / 10);
const toSeconds = (minutes: string) => Math.round(Number(minutes) * 60);

/**
 * The plan: scenario per round, rubric, group size, rounds and phase timings.
 * Saved to the workshop over the socket; saved as a template over HTTP.
 */
export function PlanForm({
  current,
  scenarios,
  rubrics,
  templates,
  locked,
  run,
}: {
  current: WorkshopPlan | null;
  scenarios: ScenarioOption[];
  rubrics: RubricOption[];
  templates: TemplateOption[];
  locked: boolean;
  run: RunCommand;
}) {
  const [plan, setPlan] = useState<WorkshopPlan>(() => initialPlan(current, scenarios));
  const [templateName, setTemplateName] = useState("");
  const templateFetcher = useFetcher<{ ok: boolean; message: string }>();
  useEffect(() => {
    if (current) setPlan(current);
  }, [current]);

  const rounds = plan.rounds;
  const scenarioIds = useMemo(
    () => Array.from({ length: rounds }, (_, i) => plan.scenarioIds[i] ?? plan.scenarioIds[plan.scenarioIds.length - 1] ?? scenarios[0]?.id ?? ""),
    [rounds, plan.scenarioIds, scenarios],
  );
  const setDuration = (key: keyof WorkshopPlan["durations"], minutes: string) =>
    setPlan((p) => ({ ...p, durations: { ...p.durations, [key]: toSeconds(minutes) } }));

  async function save(event: React.FormEvent) {
    event.preventDefault();
    await run({ type: "setPlan", plan: { ...plan, scenarioIds } }, "Plan saved.");
  }

  function applyTemplate(id: string) {
    const template = templates.find((t) => t.id === id);
    if (template) setPlan(template.plan as WorkshopPlan);
  }

  return (
    <section aria-labelledby="plan-heading" data-testid="plan-form">
      <h2 id="plan-heading">Plan</h2>
      {locked ? <p className="alert info">A round is in progress. Change the plan between rounds.</p> : null}
      {templates.length > 0 ? (
        <div className="field">
          <label htmlFor="plan-template">Start from a saved plan</label>
          <select id="plan-template" defaultValue="" onChange={(e) => applyTemplate(e.target.value)} disabled={locked}>
            <option value="">Choose a template…</option>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <form onSubmit={save}>
      <fieldset disabled={locked} className="plan-fields">
        <legend className="visually-hidden">Workshop plan</legend>
        <div className="plan-row">
          <div className="field">
            <label htmlFor="plan-rounds">Rounds</label>
            <input
              id="plan-rounds"
              type="number"
              min={1}
              max={10}
              value={plan.rounds}
              onChange={(e) => setPlan((p) => ({ ...p, rounds: Math.max(1, Math.min(10, Number(e.target.value) || 1)) }))}
            />
          </div>
          <div className="field">
            <label htmlFor="plan-group-size">People per group</label>
            <select id="plan-group-size" value={plan.groupSize} onChange={(e) => setPlan((p) => ({ ...p, groupSize: Number(e.target.value) }))}>
              {[3, 4, 5, 6].map((n) => (
                <option key={n} value={n}>
                  {n} (patient, staff, {n - 2} observer{n - 2 === 1 ? "" : "s"})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="plan-rubric">Rubric</label>
            <select id="plan-rubric" value={plan.rubricId} onChange={(e) => setPlan((p) => ({ ...p, rubricId: e.target.value }))}>
              {rubrics.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.title}
                </option>
              ))}
            </select>
          </div>
        </div>
        {scenarioIds.map((id, i) => (
          <div className="field" key={i}>
            <label htmlFor={`plan-scenario-${i}`}>Scenario for round {i + 1}</label>
            <select
              id={`plan-scenario-${i}`}
              value={id}
              onChange={(e) =>
                setPlan((p) => {
                  const next = [...scenarioIds];
                  next[i] = e.target.value;
                  return { ...p, scenarioIds: next };
                })
              }
            >
              {scenarios.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title} — difficulty {s.difficulty.score}/10
                </option>
              ))}
            </select>
          </div>
        ))}
        <div className="plan-row">
          {(
            [
              ["briefingSeconds", "Briefing (min)"],
              ["roleplaySeconds", "Role-play (min)"],
              ["resetSeconds", "Reset (min)"],
              ["debriefSeconds", "Room debrief (min)"],
            ] as const
          ).map(([key, label]) => (
            <div className="field" key={key}>
              <label htmlFor={`plan-${key}`}>{label}</label>
              <input
                id={`plan-${key}`}
                type="number"
                min={0.25}
                step={0.25}
                value={toMinutes(plan.durations[key])}
                onChange={(e) => setDuration(key, e.target.value)}
              />
            </div>
          ))}
        </div>
        <button type="submit" className="button">
          Save plan
        </button>
      </fieldset>
      </form>
      <templateFetcher.Form method="post" className="row template-save">
        <input type="hidden" name="intent" value="saveTemplate" />
        <input type="hidden" name="plan" value={JSON.stringify({ ...plan, scenarioIds })} />
        <div className="field">
          <label htmlFor="template-name">Save this plan as a template</label>
          <input id="template-name" name="name" value={templateName} maxLength={80} onChange={(e) => setTemplateName(e.target.value)} placeholder="Billing week, 3 rounds" />
        </div>
        <button type="submit" className="button secondary" disabled={templateFetcher.state !== "idle"}>
          Save template
        </button>
        {templateFetcher.data ? (
          <p role="status" className={templateFetcher.data.ok ? "muted" : "error"}>
            {templateFetcher.data.message}
          </p>
        ) : null}
      </templateFetcher.Form>
    </section>
  );
}
