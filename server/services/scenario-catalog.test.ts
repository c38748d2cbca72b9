import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { DIFFICULTY_LEVELS } from "../domain/difficulty";
import { Catalog, formatProblems, loadCatalog, loadCatalogOrThrow, type CatalogProblem } from "./scenario-catalog";

const LIBRARY = resolve(__dirname, "../../scenarios");

describe("the real scenario library", () => {
  let catalog: Catalog;
  beforeAll(async () => {
    const result = await loadCatalog(LIBRARY);
    if (!result.ok) throw new Error(formatProblems(result.problems));
    catalog = result.catalog;
  });

  it("is valid, with at least 12 scenarios and the three rubrics", () => {
    expect(catalog.scenarios.length).toBeGreaterThanOrEqual(12);
    expect(catalog.rubrics.map((r) => r.id).sort()).toEqual(["acro", "core-skills", "heart"]);
  });

  it("sorts scenarios by title and finds them by id", () => {
    const titles = catalog.scenarios.map((s) => s.title);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, "en")));
    const first = catalog.scenarios[0]!;
    expect(catalog.getScenario(first.id)).toBe(first);
    expect(catalog.getScenario("no-such-scenario")).toBeUndefined();
    expect(catalog.getRubric("acro")?.criteria.map((c) => c.id)).toEqual(["acknowledge", "calibrate", "re-enter", "own"]);
  });

  it("spreads scenarios across every difficulty level", () => {
    const levels = new Set(catalog.scenarios.map((s) => s.difficultyIndex.level));
    expect([...levels].sort()).toEqual([...DIFFICULTY_LEVELS].sort());
  });

  it("gives every scenario 1–3 curveballs and a playable length", () => {
    for (const s of catalog.scenarios) {
      expect(s.curveballs.length, s.id).toBeGreaterThanOrEqual(1);
      expect(s.curveballs.length, s.id).toBeLessThanOrEqual(3);
      expect(s.durationMinutes, s.id).toBeGreaterThanOrEqual(5);
      expect(s.durationMinutes, s.id).toBeLessThanOrEqual(8);
    }
  });

  it("gives every rubric criterion 4 described levels, 2–4 behaviours and a shortcut", () => {
    for (const rubric of catalog.rubrics) {
      for (const c of rubric.criteria) {
        expect(c.levels.map((l) => l.value), `${rubric.id}/${c.id}`).toEqual([1, 2, 3, 4]);
        expect(c.behaviours.length, `${rubric.id}/${c.id}`).toBeGreaterThanOrEqual(2);
        expect(c.behaviours.length, `${rubric.id}/${c.id}`).toBeLessThanOrEqual(4);
        expect(c.shortcut, `${rubric.id}/${c.id}`).toMatch(/^[a-z0-9]$/i);
      }
    }
  });

  it("covers the themes trainers asked for", () => {
    const tags = catalog.allTags();
    for (const theme of ["billing", "waits", "family", "insurance", "fear", "medication", "hand-offs", "delivering-no", "consent", "identity", "health-literacy", "language"]) {
      expect(tags).toContain(theme);
    }
  });

  it("searches text case-insensitively across title, situation and tags", () => {
    const ids = (q: Parameters<Catalog["search"]>[0]) => catalog.search(q).map((s) => s.id);
    expect(ids({ text: "INFUSION" })).toEqual(["denied-infusion-claim"]);
    expect(ids({ text: "copay nobody" })).toEqual(["surprise-copay-at-check-in"]);
    expect(ids({ text: "written-channel" })).toEqual(["portal-flagged-result"]);
    expect(ids({ text: "no scenario mentions this zebra" })).toEqual([]);
    expect(ids({})).toHaveLength(catalog.scenarios.length);
  });

  it("filters by tag, setting and difficulty, combined with AND", () => {
    expect(catalog.search({ tag: "grief" }).map((s) => s.id)).toEqual(["widow-bill-for-late-husband"]);
    expect(catalog.search({ setting: "pharmacy-counter" }).every((s) => s.setting === "pharmacy-counter")).toBe(true);
    const veryHard = catalog.search({ difficulty: "very hard" });
    expect(veryHard.length).toBeGreaterThan(0);
    expect(veryHard.every((s) => s.difficultyIndex.score >= 8)).toBe(true);
    expect(catalog.search({ tag: "billing", setting: "phone" }).every((s) => s.tags.includes("billing") && s.setting === "phone")).toBe(true);
    expect(catalog.search({ tag: "not-a-tag" })).toEqual([]);
  });

  it("lists the settings in use in the format's order", () => {
    expect(catalog.allSettings()[0]).toBe("front-desk");
    expect(new Set(catalog.allSettings()).size).toBe(catalog.allSettings().length);
  });
});

describe("scenarios/README.md", () => {
  it("shows a scenario and a rubric example that both pass the checker", async () => {
    const readme = await readFile(join(LIBRARY, "README.md"), "utf8");
    const examples = [...readme.matchAll(/```yaml\n(id: [\s\S]*?)```/g)].map((m) => m[1]!);
    const scenarioText = examples.find((e) => e.includes("briefs:"));
    const rubricText = examples.find((e) => e.includes("criteria:"));
    expect(scenarioText && rubricText).toBeTruthy();
    const id = (text: string) => /^id: (\S+)/.exec(text)![1]!;
    const dir = await library({ [`${id(scenarioText!)}.yaml`]: scenarioText!, [`rubrics/${id(rubricText!)}.yaml`]: rubricText! });
    const result = await loadCatalog(dir);
    if (!result.ok) throw new Error(formatProblems(result.problems));
    expect(result.catalog.scenarios).toHaveLength(1);
  });
});

// ───────────────────────── bad libraries ─────────────────────────

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A temp library holding the real core-skills rubric and the given files. */
async function library(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "rolecall-scenarios-"));
  dirs.push(dir);
  await mkdir(join(dir, "rubrics"));
  await copyFile(join(LIBRARY, "rubrics/core-skills.yaml"), join(dir, "rubrics/core-skills.yaml"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

function scenario(id: string, change: (s: Record<string, any>) => void = () => {}): string {
  const s: Record<string, any> = {
    id,
    title: `Scenario ${id}`,
    setting: "phone",
    situation: "A caller wants to know why a bill arrived.",
    durationMinutes: 6,
    rubric: "core-skills",
    tags: ["billing"],
    difficulty: { arrivalState: "anxious", departmentsInvolved: 1, contact: "first", stakes: ["money"], staffCanResolve: "partly" },
    briefs: {
      patient: {
        role: "Patient",
        persona: "Sam, 40.",
        says: "Why this bill?",
        means: "Worried about rent.",
        emotionalState: "Anxious",
        escalatesWhen: ["Being rushed"],
        settlesWhen: ["A payment plan"],
        openingLines: ["I got a bill.", "What is it for?"],
      },
      staff: { role: "Billing", facts: ["$40 balance"], limits: ["Cannot waive"], whoElseCanHelp: ["Financial counsellor"], goal: "Explain and offer options." },
      observers: { watchFor: ["Plain amounts"], turningPoints: ["The first answer"] },
    },
    curveballs: [{ id: "line-drops", title: "Line drops", text: "The call drops." }],
  };
  change(s);
  return stringify(s);
}

async function problemsFor(files: Record<string, string>): Promise<CatalogProblem[]> {
  const result = await loadCatalog(await library(files));
  if (result.ok) throw new Error("expected the library to be refused");
  return result.problems;
}

const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("loadCatalog on bad files", () => {
  it("accepts a small valid library (the fixture itself is sound)", async () => {
    const result = await loadCatalog(await library({ "ok.yaml": scenario("ok") }));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.catalog.getScenario("ok")?.difficultyIndex.score).toBe(3);
  });

  it("names a missing brief", async () => {
    const problems = await problemsFor({ "no-staff.yaml": scenario("no-staff", (s) => delete s.briefs.staff) });
    expect(problems).toEqual([
      { file: "no-staff.yaml", path: "briefs.staff", line: expect.any(Number), message: expect.stringContaining("`staff` is missing") },
    ]);
  });

  it("names a missing field inside a brief", async () => {
    const text = scenario("quiet", (s) => delete s.briefs.patient.escalatesWhen);
    const [problem] = await problemsFor({ "quiet.yaml": text });
    expect(problem).toMatchObject({ file: "quiet.yaml", path: "briefs.patient.escalatesWhen", line: lineOf(text, "patient:") });
    expect(problem?.message).toContain("make them more upset");
  });

  it("names an unknown rubric id and lists the known ones", async () => {
    const text = scenario("odd-rubric", (s) => (s.rubric = "acr"));
    const problems = await problemsFor({ "odd-rubric.yaml": text });
    expect(problems).toEqual([
      { file: "odd-rubric.yaml", path: "rubric", line: lineOf(text, "rubric: acr"), message: expect.stringContaining('rubric "acr"') },
    ]);
    expect(problems[0]?.message).toContain("Use one of: core-skills");
  });

  it("names a duplicate id and the file that already has it", async () => {
    const problems = await problemsFor({ "same.yaml": scenario("same"), "same.yml": scenario("same") });
    expect(problems).toEqual([
      { file: "same.yml", path: "id", line: 1, message: expect.stringContaining('"same" is already used by same.yaml') },
    ]);
  });

  it("names a rubric level missing its description, with its line", async () => {
    const rubric = stringify({
      id: "thin",
      title: "Thin rubric",
      description: "Missing a level description.",
      source: "Test",
      scale: { min: 1, max: 2 },
      criteria: [
        {
          id: "listen",
          title: "Listening",
          description: "Listens.",
          levels: [
            { value: 1, label: "Low", description: "Interrupts." },
            { value: 2, label: "High-water-mark" },
          ],
        },
      ],
    });
    const problems = await problemsFor({ "ok.yaml": scenario("ok"), "rubrics/thin.yaml": rubric });
    expect(problems).toEqual([
      {
        file: "rubrics/thin.yaml",
        path: "criteria[0].levels[1].description",
        line: lineOf(rubric, "High-water-mark") - 1,
        message: expect.stringContaining("`description` is missing"),
      },
    ]);
  });

  it("reports invalid YAML with its line and a hint", async () => {
    const broken = ["id: broken", "title: Broken", "situation: The patient says: no way", "tags: [billing"].join("\n");
    const problems = await problemsFor({ "broken.yaml": broken });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.file === "broken.yaml" && p.path === "")).toBe(true);
    expect(problems[0]).toMatchObject({ line: 3, message: expect.stringContaining("not valid YAML") });
    expect(problems[0]?.message).toContain("double quotes");
    expect(problems[1]).toMatchObject({ line: 4, message: expect.stringContaining("bracket is not closed") });
  });

  it("names a wrong enum value and lists the allowed ones", async () => {
    const text = scenario("furious", (s) => (s.difficulty.arrivalState = "furious"));
    const problems = await problemsFor({ "furious.yaml": text });
    expect(problems).toEqual([
      {
        file: "furious.yaml",
        path: "difficulty.arrivalState",
        line: lineOf(text, "arrivalState: furious"),
        message: expect.stringContaining('"furious" is not an allowed value'),
      },
    ]);
    expect(problems[0]?.message).toContain("calm, anxious, distressed, hostile, grieving, overwhelmed");
  });

  it("names a duration out of range", async () => {
    const text = scenario("marathon", (s) => (s.durationMinutes = 20));
    const problems = await problemsFor({ "marathon.yaml": text });
    expect(problems).toEqual([
      { file: "marathon.yaml", path: "durationMinutes", line: lineOf(text, "durationMinutes"), message: expect.stringMatching(/20.*5 to 8 minutes/) },
    ]);
  });

  it("names an id that does not match the file name", async () => {
    const problems = await problemsFor({ "long-wait.yaml": scenario("long-waits") });
    expect(problems).toEqual([
      { file: "long-wait.yaml", path: "id", line: 1, message: expect.stringContaining('id is "long-waits" but the file is named long-wait.yaml') },
    ]);
  });

  it("names an unknown tag and a misspelt field", async () => {
    const problems = await problemsFor({
      "typo.yaml": scenario("typo", (s) => {
        s.tags = ["parking"];
        s.briefs.observers.turningPoint = ["x"];
      }),
    });
    expect(problems.map((p) => p.path).sort()).toEqual(["briefs.observers.turningPoint", "tags[0]"]);
    expect(problems.find((p) => p.path === "briefs.observers.turningPoint")?.message).toContain("Did you mean `turningPoints`?");
  });

  it("still checks the id and rubric of a file that has other mistakes", async () => {
    const problems = await problemsFor({ "right-name.yaml": scenario("wrong-name", (s) => ((s.durationMinutes = 30), (s.rubric = "nope"))) });
    expect(problems.map((p) => p.path)).toEqual(["id", "durationMinutes", "rubric"]);
  });

  it("does not blame scenarios for a rubric that exists but has its own mistakes", async () => {
    const rubric = stringify({ id: "core-skills", title: "Broken", description: "x", source: "x", criteria: [] });
    const dir = await library({ "ok.yaml": scenario("ok") });
    await writeFile(join(dir, "rubrics/core-skills.yaml"), rubric);
    const result = await loadCatalog(dir);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([{ file: "rubrics/core-skills.yaml", path: "criteria", line: expect.any(Number), message: expect.stringContaining("at least 1 entry") }]);
  });

  it("refuses an empty file and a file that is a list", async () => {
    const problems = await problemsFor({ "empty.yaml": "", "list.yaml": "- id: list\n" });
    expect(problems).toEqual([
      { file: "empty.yaml", path: "", message: expect.stringContaining("The file is empty") },
      { file: "list.yaml", path: "", line: 1, message: expect.stringContaining("set of named fields") },
    ]);
  });

  it("reports every bad file in one run, not just the first", async () => {
    const problems = await problemsFor({
      "a.yaml": scenario("a", (s) => (s.durationMinutes = 3)),
      "b.yaml": scenario("b", (s) => (s.rubric = "missing")),
      "c.yaml": scenario("not-c"),
    });
    expect(problems.map((p) => p.file)).toEqual(["a.yaml", "b.yaml", "c.yaml"]);
  });

  it("refuses a folder that does not exist, or one with no scenarios", async () => {
    const missing = await loadCatalog(join(tmpdir(), "rolecall-no-such-folder-42"));
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.problems[0]?.message).toContain("does not exist");
    const empty = await problemsFor({});
    expect(empty[0]?.message).toContain("No scenario files");
  });
});

describe("formatProblems and loadCatalogOrThrow", () => {
  it("prints file, line, field and message for each problem", () => {
    const text = formatProblems([
      { file: "a.yaml", path: "durationMinutes", line: 5, message: "Too long." },
      { file: "a.yaml", path: "tags[0]", line: 7, message: "Unknown tag." },
      { file: "rubrics/b.yaml", path: "", message: "Empty." },
    ]);
    expect(text).toContain("has 3 problems");
    expect(text).toMatch(/a\.yaml\n {2}✗ line 5, durationMinutes\n {4}Too long\.\n {2}✗ line 7, tags\[0\]/);
    expect(text).toMatch(/rubrics\/b\.yaml\n {2}✗ whole file\n {4}Empty\./);
  });

  it("throws one error naming every bad file", async () => {
    const dir = await library({ "x.yaml": scenario("x", (s) => delete s.briefs.patient), "y.yaml": scenario("y", (s) => (s.setting = "car-park")) });
    await expect(loadCatalogOrThrow(dir)).rejects.toThrow(/x\.yaml[\s\S]*briefs\.patient[\s\S]*y\.yaml[\s\S]*setting/);
  });

  it("returns the catalog when everything is valid", async () => {
    const catalog = await loadCatalogOrThrow(LIBRARY);
    expect(catalog).toBeInstanceOf(Catalog);
  });
});
