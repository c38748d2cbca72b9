import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { SETTING_LABELS, type Setting } from "../../server/domain/scenario-schema";
import { DIFFICULTY_LEVELS } from "../../server/domain/difficulty";
import { DifficultyBadge } from "~/components/difficulty";
import { SiteHeader } from "~/components/site-header";
import { requireFacilitator } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Scenarios — Rolecall" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireFacilitator(request, context);
  const params = new URL(request.url).searchParams;
  // Filters come from the URL, so a filtered list can be bookmarked and shared.
  const query = {
    text: (params.get("q") ?? "").slice(0, 100),
    tag: params.get("tag") ?? "",
    setting: params.get("setting") ?? "",
    difficulty: params.get("difficulty") ?? "",
  };
  const { catalog } = context.services;
  const results = catalog.search({
    text: query.text || undefined,
    tag: query.tag || undefined,
    setting: query.setting || undefined,
    difficulty: query.difficulty || undefined,
  });
  return json({
    me,
    query,
    total: catalog.scenarios.length,
    tags: catalog.allTags(),
    settings: catalog.allSettings(),
    scenarios: results.map((s) => ({
      id: s.id,
      title: s.title,
      setting: s.setting,
      situation: s.situation,
      durationMinutes: s.durationMinutes,
      tags: s.tags,
      difficultyIndex: s.difficultyIndex,
      rubricTitle: catalog.getRubric(s.rubric)?.title ?? s.rubric,
    })),
  });
}

const settingLabel = (s: string) => SETTING_LABELS[s as Setting] ?? s;

export default function ScenarioCatalog() {
  const { me, query, total, tags, settings, scenarios } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  return (
    <>
      <SiteHeader facilitatorName={me.name} />
      <main id="main" className="page">
        <h1>Scenario library</h1>
        <p className="lead">Every scenario gives each role its own brief. Open one to read them side by side, or print it for paper.</p>
        <Form method="get" className="card filters" role="search" aria-label="Filter scenarios" onChange={(e) => submit(e.currentTarget, { replace: true, preventScrollReset: true })}>
          <div className="field">
            <label htmlFor="q">Search</label>
            <input id="q" name="q" type="search" defaultValue={query.text} placeholder="copay, relative, denial…" />
          </div>
          <div className="field">
            <label htmlFor="tag">Theme</label>
            <select id="tag" name="tag" defaultValue={query.tag}>
              <option value="">All themes</option>
              {tags.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="setting">Setting</label>
            <select id="setting" name="setting" defaultValue={query.setting}>
              <option value="">All settings</option>
              {settings.map((s) => (
                <option key={s} value={s}>
                  {settingLabel(s)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="difficulty">Difficulty</label>
            <select id="difficulty" name="difficulty" defaultValue={query.difficulty}>
              <option value="">Any difficulty</option>
              {DIFFICULTY_LEVELS.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button secondary">
            Filter
          </button>
        </Form>
        <p aria-live="polite" data-testid="result-count">
          {scenarios.length === total ? `${total} scenarios` : `${scenarios.length} of ${total} scenarios match`}
        </p>
        {scenarios.length === 0 ? (
          <p className="card">
            No scenario matches these filters. <Link to="/scenarios">Clear the filters</Link>.
          </p>
        ) : (
          <ul className="scenario-list" data-testid="scenario-list">
            {scenarios.map((s) => (
              <li key={s.id} className="scenario-card" data-testid="scenario-card">
                <h2>
                  <Link to={`/scenarios/${s.id}`}>{s.title}</Link>
                </h2>
                <div className="row">
                  <DifficultyBadge index={s.difficultyIndex} />
                  <span className="muted">
                    {settingLabel(s.setting)} · {s.durationMinutes} min
                  </span>
                </div>
                <p>{s.situation.length > 220 ? `${s.situation.slice(0, 217).trimEnd()}…` : s.situation}</p>
                <ul className="tags" aria-label="Themes">
                  {s.tags.map((t) => (
                    <li key={t} className="badge muted">
                      {t}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </main>
    </>
  );
}
