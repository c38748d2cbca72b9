/**
 * Loads the scenario library (scenarios/*.yaml and scenarios/rubrics/*.yaml), validates
 * every file and cross-checks them against each other.
 *
 * It never stops at the first mistake: a trainer editing five files should see all five
 * problems in one run, each naming the file, the field and what to do about it.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { difficultyIndex, type DifficultyIndex } from "../domain/difficulty";
import type { ScenarioLibrary } from "../domain/workshop/types";
import type { ViewContent } from "../domain/workshop/views";
import {
  describeIssue,
  formatPath,
  rubricSchema,
  scenarioSchema,
  SETTINGS,
  type DocumentKind,
  type Rubric,
  type Scenario,
} from "../domain/scenario-schema";

export interface CatalogProblem {
  /** Relative to the library folder, e.g. `long-wait.yaml` or `rubrics/acro.yaml`. */
  file: string;
  /** Dotted field path such as `briefs.patient.escalatesWhen`; empty for the whole file. */
  path: string;
  /** 1-based line in the file, when it can be pointed at. */
  line?: number;
  message: string;
}

export type CatalogScenario = Scenario & {
  /** Computed from `difficulty` so every consumer shows the same number. */
  difficultyIndex: DifficultyIndex;
  sourceFile: string;
};

export interface CatalogSearch {
  /** Every word must appear in the title, the situation or a tag (case-insensitive). */
  text?: string;
  tag?: string;
  setting?: string;
  /** A difficulty level: gentle, moderate, hard or very hard. */
  difficulty?: string;
}

export type CatalogResult = { ok: true; catalog: Catalog } | { ok: false; problems: CatalogProblem[] };

export class Catalog {
  readonly scenarios: readonly CatalogScenario[];
  readonly rubrics: readonly Rubric[];
  private readonly scenarioById: ReadonlyMap<string, CatalogScenario>;
  private readonly rubricById: ReadonlyMap<string, Rubric>;

  constructor(scenarios: readonly CatalogScenario[], rubrics: readonly Rubric[]) {
    const byTitle = (a: { title: string; id: string }, b: { title: string; id: string }) =>
      a.title.localeCompare(b.title, "en") || a.id.localeCompare(b.id);
    this.scenarios = Object.freeze([...scenarios].sort(byTitle));
    this.rubrics = Object.freeze([...rubrics].sort(byTitle));
    this.scenarioById = new Map(this.scenarios.map((s) => [s.id, s]));
    this.rubricById = new Map(this.rubrics.map((r) => [r.id, r]));
  }

  getScenario(id: string): CatalogScenario | undefined {
    return this.scenarioById.get(id);
  }

  getRubric(id: string): Rubric | undefined {
    return this.rubricById.get(id);
  }

  /** What the workshop rules need to know of the library (which ids exist, curveballs, rubrics). */
  asLibrary(): ScenarioLibrary {
    return {
      hasScenario: (id) => this.scenarioById.has(id),
      hasRubric: (id) => this.rubricById.has(id),
      curveballIds: (id) => this.scenarioById.get(id)?.curveballs.map((c) => c.id) ?? [],
      rubric: (id) => this.rubricById.get(id),
    };
  }

  /** What the views draw on: whole scenarios and rubrics by id. */
  asViewContent(): ViewContent {
    return { scenario: (id) => this.scenarioById.get(id), rubric: (id) => this.rubricById.get(id) };
  }

  /** Filters combine with AND; an unknown tag, setting or level simply matches nothing. */
  search(query: CatalogSearch = {}): CatalogScenario[] {
    const words = (query.text ?? "").toLowerCase().split(/\s+/).filter(Boolean);
    return this.scenarios.filter((s) => {
      if (query.tag && !(s.tags as readonly string[]).includes(query.tag)) return false;
      if (query.setting && s.setting !== query.setting) return false;
      if (query.difficulty && s.difficultyIndex.level !== query.difficulty) return false;
      if (words.length === 0) return true;
      const haystack = [s.title, s.situation, ...s.tags].join("\n").toLowerCase();
      return words.every((w) => haystack.includes(w));
    });
  }

  /** Tags used by at least one scenario, alphabetically. */
  allTags(): string[] {
    return [...new Set(this.scenarios.flatMap((s) => s.tags))].sort();
  }

  /** Settings used by at least one scenario, in the format's own order. */
  allSettings(): string[] {
    const used = new Set<string>(this.scenarios.map((s) => s.setting));
    return SETTINGS.filter((s) => used.has(s));
  }
}

// ───────────────────────────── loading ─────────────────────────────

/** One file's outcome: `value` only when it passed the schema; `raw` for cross-checks either way. */
interface Loaded<T> {
  file: string;
  doc: ParsedYaml;
  raw: Record<string, unknown>;
  value?: T;
}

interface ParsedYaml {
  doc: Document.Parsed;
  lines: LineCounter;
}

export async function loadCatalog(dir: string): Promise<CatalogResult> {
  const problems: CatalogProblem[] = [];
  const report = (file: string, message: string) => problems.push({ file, path: "", message });

  if (!(await isDirectory(dir))) {
    report(dir, `The scenario folder "${dir}" does not exist. Point the loader at the folder that holds the scenario .yaml files.`);
    return { ok: false, problems };
  }
  const rubricDir = join(dir, "rubrics");
  const scenarioFiles = await yamlFiles(dir);
  const rubricFiles = (await isDirectory(rubricDir)) ? await yamlFiles(rubricDir) : [];
  if (scenarioFiles.length === 0) report(".", `No scenario files (*.yaml) were found in "${dir}". Add at least one scenario.`);
  if (rubricFiles.length === 0) report("rubrics", `No rubric files were found in "${rubricDir}". Add at least one rubric, e.g. rubrics/core-skills.yaml.`);

  const rubrics = await loadKind(dir, rubricFiles.map((f) => `rubrics/${f}`), "rubric", rubricSchema, problems);
  const scenarios = await loadKind(dir, scenarioFiles, "scenario", scenarioSchema, problems);

  // A rubric file with other mistakes still counts as existing, so one broken rubric does
  // not also drown the library in "unknown rubric" complaints.
  const rubricIds = new Set(rubrics.flatMap((r) => stringField(r.raw, "id") ?? []));
  for (const s of scenarios) {
    const wanted = stringField(s.raw, "rubric");
    if (wanted === undefined || rubricIds.has(wanted)) continue;
    const known = [...rubricIds].sort();
    problems.push(
      problemAt(
        s,
        ["rubric"],
        `The scenario asks for rubric "${wanted}", but there is no rubrics/${wanted}.yaml. ` +
          (known.length ? `Use one of: ${known.join(", ")}.` : "Add that rubric file first."),
      ),
    );
  }

  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  const enriched = valid(scenarios).map(
    ({ file, value }): CatalogScenario => ({ ...value, difficultyIndex: difficultyIndex(value.difficulty), sourceFile: file }),
  );
  return { ok: true, catalog: new Catalog(enriched, valid(rubrics).map((r) => r.value)) };
}

/** For server start-up: a bad library stops the server with every problem listed. */
export async function loadCatalogOrThrow(dir: string): Promise<Catalog> {
  const result = await loadCatalog(dir);
  if (result.ok) return result.catalog;
  throw new Error(formatProblems(result.problems, { dir }));
}

async function loadKind<S extends z.ZodType<{ id: string }>>(
  dir: string,
  files: string[],
  kind: DocumentKind,
  schema: S,
  problems: CatalogProblem[],
): Promise<Loaded<z.output<S>>[]> {
  const loaded: Loaded<z.output<S>>[] = [];
  const firstFileById = new Map<string, string>();

  for (const file of files) {
    const parsed = parseYaml(file, await readFile(join(dir, file), "utf8"), kind, problems);
    if (!parsed) continue;
    const raw = parsed.doc.toJS() as Record<string, unknown>;
    const entry: Loaded<z.output<S>> = { file, doc: parsed, raw };
    loaded.push(entry);

    const result = schema.safeParse(raw, { reportInput: true });
    if (result.success) entry.value = result.data;
    else {
      for (const issue of result.error.issues) {
        for (const p of describeIssue(issue, kind)) problems.push(problemAt(entry, p.path, p.message));
      }
    }
    // Checked on the raw id so a file with other mistakes still hears about these too.
    problems.push(...idProblems(entry, kind, firstFileById));
  }
  return loaded;
}

function idProblems(entry: Loaded<unknown>, kind: DocumentKind, firstFileById: Map<string, string>): CatalogProblem[] {
  const id = stringField(entry.raw, "id");
  if (id === undefined) return [];
  const problems: CatalogProblem[] = [];
  const name = basename(entry.file);
  const stem = basename(name, extname(name));
  if (id !== stem) {
    problems.push(
      problemAt(
        entry,
        ["id"],
        `The id is "${id}" but the file is named ${name}. They must match so links and saved reports keep pointing at the right ${kind}: rename the file to ${id}${extname(name)} or change the id to "${stem}".`,
      ),
    );
  }
  const other = firstFileById.get(id);
  if (other !== undefined)
    problems.push(problemAt(entry, ["id"], `The ${kind} id "${id}" is already used by ${other}. Every ${kind} needs its own id; rename one of them.`));
  else firstFileById.set(id, entry.file);
  return problems;
}

function problemAt(entry: Loaded<unknown>, path: ReadonlyArray<string | number>, message: string): CatalogProblem {
  const line = lineAt(entry.doc, path);
  return { file: entry.file, path: formatPath(path), ...(line === undefined ? {} : { line }), message };
}

function valid<T>(entries: Loaded<T>[]): { file: string; value: T }[] {
  return entries.flatMap(({ file, value }) => (value === undefined ? [] : [{ file, value }]));
}

function stringField(raw: Record<string, unknown>, key: string): string | undefined {
  const value = raw[key];
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

function parseYaml(file: string, source: string, kind: DocumentKind, problems: CatalogProblem[]): ParsedYaml | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const line = error.linePos?.[0]?.line;
      problems.push({
        file,
        path: "",
        ...(line === undefined ? {} : { line }),
        message: `This is not valid YAML: ${firstLine(error.message)}. ${yamlHint(error.code, error.message)}`,
      });
    }
    return undefined;
  }
  if (doc.contents === null) {
    problems.push({ file, path: "", message: `The file is empty. Write the ${kind}'s fields here, or delete the file.` });
    return undefined;
  }
  if (!isMap(doc.contents)) {
    problems.push({
      file,
      path: "",
      line: 1,
      message: `A ${kind} file must be a set of named fields (\`id: …\`, \`title: …\`), not a list or a single value.`,
    });
    return undefined;
  }
  return { doc, lines };
}

const YAML_HINT_DEFAULT =
  "Check the indentation (spaces, not tabs) and put text that contains a colon, or starts with a quote or a dash, inside quotes.";
const YAML_HINTS: Partial<Record<string, string>> = {
  BLOCK_AS_IMPLICIT_KEY:
    'A value on this line contains ": ", which YAML reads as a new field. Put the whole value in double quotes, or reword it without the colon.',
  DUPLICATE_KEY: "The same field appears twice in one place. Keep one of them.",
  TAB_AS_INDENT: "Indent with spaces, not tabs.",
  BAD_INDENT: "The indentation is off here: fields at the same level must line up, and list items need their \"- \" indented consistently.",
  MISSING_CHAR: "A quote or bracket is not closed. Close it, or remove the opening one.",
};

function yamlHint(code: string, message: string): string {
  // The parser files an unclosed [ or { under indentation; the bracket is the real cause.
  if (/end with a [\]}]/.test(message)) return YAML_HINTS.MISSING_CHAR ?? YAML_HINT_DEFAULT;
  return YAML_HINTS[code] ?? YAML_HINT_DEFAULT;
}

/** The line of the deepest node on `path` that exists in the file (its key, for map entries). */
function lineAt(parsed: ParsedYaml, path: ReadonlyArray<string | number>): number | undefined {
  const lineOf = (offset: number | undefined) => (offset === undefined ? undefined : parsed.lines.linePos(offset).line);
  let node: unknown = parsed.doc.contents;
  let line = lineOf(rangeStart(node));
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
      if (!pair) break;
      line = lineOf(rangeStart(pair.key)) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number") {
      node = node.items[seg];
      if (node === undefined) break;
      line = lineOf(rangeStart(node)) ?? line;
    } else break;
  }
  return line;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}

async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => e.name)
    .sort();
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/[.:]\s*$/, "");
}

function sortProblems(problems: CatalogProblem[]): CatalogProblem[] {
  // Rubrics first (scenarios depend on them), then file order, then top to bottom.
  const rank = (p: CatalogProblem) => (p.file.startsWith("rubrics") ? 0 : 1);
  return [...problems].sort(
    (a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0),
  );
}

// ───────────────────────────── printing ─────────────────────────────

/** Groups problems by file, one indented entry per problem; `dir` prefixes file names. */
export function formatProblems(problems: readonly CatalogProblem[], options: { dir?: string } = {}): string {
  const where = (file: string) => (options.dir && file !== options.dir ? join(options.dir, file) : file);
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  const out: string[] = [`The scenario library${options.dir ? ` in ${options.dir}` : ""} has ${count}:`];
  let currentFile: string | undefined;
  for (const p of problems) {
    if (p.file !== currentFile) {
      out.push("", where(p.file));
      currentFile = p.file;
    }
    const location = [p.line === undefined ? undefined : `line ${p.line}`, p.path || undefined].filter(Boolean).join(", ");
    out.push(`  ✗ ${location || "whole file"}`, `    ${p.message}`);
  }
  return out.join("\n");
}
