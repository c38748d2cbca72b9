/**
 * The scenario and rubric formats, as zod schemas, plus the plain-English wording
 * of their failures. Pure: the loader in server/services does the file reading.
 *
 * Objects are strict on purpose: a misspelt field (`escalateWhen`) would otherwise be
 * silently dropped and the patient would lose half of their brief without anyone noticing.
 */
import { z } from "zod";

// ───────────────────────────── vocabularies ─────────────────────────────

export const SETTINGS = [
  "front-desk",
  "phone",
  "waiting-room",
  "portal-message",
  "pharmacy-counter",
  "billing-office",
] as const;
export type Setting = (typeof SETTINGS)[number];

export const SETTING_LABELS: Record<Setting, string> = {
  "front-desk": "Front desk",
  phone: "Phone call",
  "waiting-room": "Waiting room",
  "portal-message": "Portal message",
  "pharmacy-counter": "Pharmacy counter",
  "billing-office": "Billing office",
};

// A closed list keeps the catalog's filter chips meaningful: free tagging drifts into
// "billing", "bills" and "Billing " within a month.
export const TAGS = [
  "billing",
  "insurance",
  "waits",
  "family",
  "privacy",
  "consent",
  "health-literacy",
  "language",
  "identity",
  "referral",
  "medication",
  "scheduling",
  "fear",
  "grief",
  "de-escalation",
  "delivering-no",
  "hand-offs",
  "test-results",
  "written-channel",
] as const;
export type Tag = (typeof TAGS)[number];

export const ARRIVAL_STATES = ["calm", "anxious", "distressed", "hostile", "grieving", "overwhelmed"] as const;
export type ArrivalState = (typeof ARRIVAL_STATES)[number];

export const CONTACT_KINDS = ["first", "repeat"] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const STAKES = ["care-access", "medication", "money", "legal-rights", "urgent-timing"] as const;
export type Stake = (typeof STAKES)[number];

/** `no` means the staff member can only explain a block that someone else owns. */
export const RESOLVABILITY = ["yes", "partly", "no"] as const;
export type Resolvability = (typeof RESOLVABILITY)[number];

export const DURATION_MINUTES = { min: 5, max: 8 } as const;

// ───────────────────────────── building blocks ─────────────────────────────

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = () => z.string().min(1).max(60).regex(SLUG);
const text = (max = 2000) => z.string().trim().min(1).max(max);
const lines = (min = 1, max = 12) => z.array(text(500)).min(min).max(max);

// ───────────────────────────── scenario ─────────────────────────────

export const startingDifficultySchema = z.strictObject({
  arrivalState: z.enum(ARRIVAL_STATES),
  departmentsInvolved: z.number().int().min(1).max(6),
  contact: z.enum(CONTACT_KINDS),
  stakes: z.array(z.enum(STAKES)).min(1).max(STAKES.length),
  staffCanResolve: z.enum(RESOLVABILITY),
});
export type StartingDifficulty = z.output<typeof startingDifficultySchema>;

export const patientBriefSchema = z.strictObject({
  role: text(80),
  persona: text(),
  says: text(),
  means: text(),
  emotionalState: text(),
  escalatesWhen: lines(),
  settlesWhen: lines(),
  openingLines: lines(2, 4),
});
export type PatientBrief = z.output<typeof patientBriefSchema>;

// No `means`, `says` or `persona` here: the staff member must find those out in the
// conversation, exactly as at a real desk.
export const staffBriefSchema = z.strictObject({
  role: text(80),
  facts: lines(),
  limits: lines(),
  whoElseCanHelp: lines(),
  goal: text(),
});
export type StaffBrief = z.output<typeof staffBriefSchema>;

export const observerBriefSchema = z.strictObject({
  watchFor: lines(),
  turningPoints: lines(),
});
export type ObserverBrief = z.output<typeof observerBriefSchema>;

export const roleBriefsSchema = z.strictObject({
  patient: patientBriefSchema,
  staff: staffBriefSchema,
  observers: observerBriefSchema,
});
export type RoleBriefs = z.output<typeof roleBriefsSchema>;

export const curveballSchema = z.strictObject({
  id: slug(),
  title: text(80),
  text: text(600),
});
export type Curveball = z.output<typeof curveballSchema>;

const scenarioShape = z.strictObject({
    id: slug(),
    title: text(100),
    setting: z.enum(SETTINGS),
    situation: text(900),
    durationMinutes: z.number().int().min(DURATION_MINUTES.min).max(DURATION_MINUTES.max),
    rubric: slug(),
    tags: z.array(z.enum(TAGS)).min(1).max(8),
    difficulty: startingDifficultySchema,
    briefs: roleBriefsSchema,
    curveballs: z.array(curveballSchema).max(5).default([]),
    contentNote: text(300).optional(),
});
type ScenarioShape = z.output<typeof scenarioShape>;

export const scenarioSchema = scenarioShape.superRefine((scenario, ctx) => {
  for (const problem of scenarioRuleProblems(scenario)) ctx.addIssue({ code: "custom", ...problem });
});
export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;

// ───────────────────────────── rubric ─────────────────────────────

export const scaleSchema = z
  .strictObject({ min: z.number().int().min(0).max(10), max: z.number().int().min(1).max(10) })
  .refine((s) => s.max > s.min, { message: "`max` must be greater than `min`, for example `{ min: 1, max: 4 }`." });
export type Scale = z.output<typeof scaleSchema>;

export const rubricLevelSchema = z.strictObject({
  value: z.number().int(),
  label: text(60),
  description: text(600),
});
export type RubricLevel = z.output<typeof rubricLevelSchema>;

export const behaviourSchema = z.strictObject({ id: slug(), text: text(300) });
export type Behaviour = z.output<typeof behaviourSchema>;

export const criterionSchema = z.strictObject({
  id: slug(),
  title: text(80),
  description: text(600),
  weight: z.number().positive().max(100).default(1),
  scale: scaleSchema.optional(),
  levels: z.array(rubricLevelSchema).min(2).max(11),
  behaviours: z.array(behaviourSchema).max(8).default([]),
  shortcut: z.string().regex(/^[a-z0-9]$/i).optional(),
});

const rubricShape = z.strictObject({
  id: slug(),
  title: text(100),
  description: text(800),
  source: text(200),
  scale: scaleSchema.optional(),
  criteria: z.array(criterionSchema).min(1).max(12),
});
type RubricShape = z.output<typeof rubricShape>;

// Once the rules hold, every criterion carries its own scale and its levels in order,
// so the scoring sheet and reports never have to look in two places.
export const rubricSchema = rubricShape
  .superRefine((rubric, ctx) => {
    for (const problem of rubricRuleProblems(rubric)) ctx.addIssue({ code: "custom", ...problem });
  })
  .transform((rubric) => ({
  ...rubric,
  criteria: rubric.criteria.map((criterion) => ({
    ...criterion,
    scale: effectiveScale(criterion.scale, rubric.scale),
    levels: [...criterion.levels].sort((a, b) => a.value - b.value),
  })),
}));
export type Rubric = z.output<typeof rubricSchema>;
export type RubricInput = z.input<typeof rubricSchema>;
export type RubricCriterion = Rubric["criteria"][number];

function effectiveScale(own: Scale | undefined, shared: Scale | undefined): Scale {
  const scale = own ?? shared;
  // rubricRuleProblems has already refused a criterion with neither.
  if (!scale) throw new Error("criterion without a scale slipped past validation");
  return scale;
}

// ───────────────────────────── rules across fields ─────────────────────────────

export interface RuleProblem {
  path: (string | number)[];
  message: string;
}

export function scenarioRuleProblems(scenario: ScenarioShape): RuleProblem[] {
  const problems: RuleProblem[] = [];

  scenario.tags.forEach((tag, i) => {
    if (scenario.tags.indexOf(tag) !== i)
      problems.push({ path: ["tags", i], message: `The tag "${tag}" is listed twice. Keep one.` });
  });

  const seenCurveballs = new Map<string, number>();
  scenario.curveballs.forEach((curveball, i) => {
    const first = seenCurveballs.get(curveball.id);
    if (first !== undefined) {
      problems.push({
        path: ["curveballs", i, "id"],
        message: `The curveball id "${curveball.id}" is already used by curveball ${first + 1} in this scenario. Give each curveball its own id so the facilitator can fire the right one.`,
      });
    } else seenCurveballs.set(curveball.id, i);
  });

  const leak = hiddenMeaningLeak(scenario.briefs);
  if (leak) {
    problems.push({
      path: ["briefs", "staff"],
      message: `The staff brief repeats what the patient means underneath ("…${leak}…"). The staff member has to discover that in the conversation; keep it only in briefs.patient.means.`,
    });
  }
  return problems;
}

// A run of this many words shared with `means` is a copy, not a coincidence.
const LEAK_WORDS = 6;

/** Returns the shared phrase if the staff brief quotes the patient's hidden meaning. */
export function hiddenMeaningLeak(briefs: Pick<RoleBriefs, "patient" | "staff">): string | undefined {
  const words = (s: string) => s.toLowerCase().match(/[a-z0-9']+/g) ?? [];
  const staff = briefs.staff;
  const staffText = ` ${words([...staff.facts, ...staff.limits, ...staff.whoElseCanHelp, staff.goal].join(" ")).join(" ")} `;
  const meaning = words(briefs.patient.means);
  for (let i = 0; i + LEAK_WORDS <= meaning.length; i++) {
    const phrase = meaning.slice(i, i + LEAK_WORDS).join(" ");
    if (staffText.includes(` ${phrase} `)) return phrase;
  }
  return undefined;
}

export function rubricRuleProblems(rubric: RubricShape): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const criterionIds = new Map<string, number>();
  const shortcuts = new Map<string, number>();

  rubric.criteria.forEach((criterion, c) => {
    const at = (...rest: (string | number)[]) => ["criteria", c, ...rest];
    const name = `criterion "${criterion.id}"`;

    const sameId = criterionIds.get(criterion.id);
    if (sameId !== undefined)
      problems.push({ path: at("id"), message: `The criterion id "${criterion.id}" is already used by criterion ${sameId + 1}. Criterion ids must be unique within a rubric.` });
    else criterionIds.set(criterion.id, c);

    if (criterion.shortcut !== undefined) {
      const key = criterion.shortcut.toLowerCase();
      const sameKey = shortcuts.get(key);
      if (sameKey !== undefined)
        problems.push({ path: at("shortcut"), message: `The shortcut key "${criterion.shortcut}" is already used by criterion "${rubric.criteria[sameKey]?.id}". Pick a different single letter or digit.` });
      else shortcuts.set(key, c);
    }

    const behaviourIds = new Set<string>();
    criterion.behaviours.forEach((b, i) => {
      if (behaviourIds.has(b.id))
        problems.push({ path: at("behaviours", i, "id"), message: `The behaviour id "${b.id}" appears twice in ${name}. Give each behaviour its own id.` });
      behaviourIds.add(b.id);
    });

    const scale = criterion.scale ?? rubric.scale;
    if (!scale) {
      problems.push({
        path: at("scale"),
        message: `${name} has no scale. Add \`scale: { min: 1, max: 4 }\` at the top of the rubric (shared by all criteria) or inside this criterion.`,
      });
      return;
    }
    problems.push(...levelProblems(criterion.levels, scale, name).map((p) => ({ ...p, path: at(...p.path) })));
  });
  return problems;
}

// Observers pick a level by value; a gap or a duplicate would leave a score with no
// description to justify it, so every value on the scale needs exactly one level.
function levelProblems(levels: RubricLevel[], scale: Scale, name: string): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const seen = new Set<number>();
  levels.forEach((level, i) => {
    if (level.value < scale.min || level.value > scale.max) {
      problems.push({
        path: ["levels", i, "value"],
        message: `Level ${level.value} in ${name} is outside its scale ${scale.min}–${scale.max}. Use a value from ${scale.min} to ${scale.max}, or widen the scale.`,
      });
    } else if (seen.has(level.value)) {
      problems.push({ path: ["levels", i, "value"], message: `Level ${level.value} appears twice in ${name}. Each value on the scale needs exactly one level.` });
    }
    seen.add(level.value);
  });
  for (let v = scale.min; v <= scale.max; v++) {
    if (!seen.has(v))
      problems.push({
        path: ["levels"],
        message: `${name} has no level for ${v} on its ${scale.min}–${scale.max} scale. Add \`- value: ${v}\` with a label and a description of what a ${v} looks like.`,
      });
  }
  return problems;
}

// ───────────────────────────── plain-English failures ─────────────────────────────

export type DocumentKind = "scenario" | "rubric";

/** What each field is for, keyed by path with list positions written as `[]`. */
const FIELD_HELP: Record<DocumentKind, Record<string, string>> = {
  scenario: {
    "": "a scenario: id, title, setting, situation, durationMinutes, rubric, tags, difficulty and briefs",
    id: "the scenario's id, a slug equal to the file name without .yaml",
    title: "a short title shown in the catalog",
    setting: `where the conversation happens: one of ${SETTINGS.join(", ")}`,
    situation: "one paragraph everyone in the room may read before the role-play",
    durationMinutes: `the suggested length of the role-play in whole minutes, from ${DURATION_MINUTES.min} to ${DURATION_MINUTES.max}`,
    rubric: "the id of the rubric used by default (a file in scenarios/rubrics/)",
    tags: "a list of tags from the known list",
    difficulty: "the starting conditions: arrivalState, departmentsInvolved, contact, stakes, staffCanResolve",
    "difficulty.arrivalState": `the patient's state on arrival: one of ${ARRIVAL_STATES.join(", ")}`,
    "difficulty.departmentsInvolved": "how many departments or organisations the problem touches, a whole number from 1 to 6",
    "difficulty.contact": "`first` for a first contact, `repeat` when an earlier attempt already failed",
    "difficulty.stakes": `a list of what is at stake, from: ${STAKES.join(", ")}`,
    "difficulty.staffCanResolve": "`yes`, `partly`, or `no` when the staff member can only explain a block owned by someone else",
    briefs: "the three role briefs: patient, staff and observers",
    "briefs.patient": "the patient's (or relative's) brief, seen only by the person playing them and by observers",
    "briefs.patient.role": 'who they are, e.g. "Patient" or "Relative (daughter)"',
    "briefs.patient.persona": "a few lines about who this person is",
    "briefs.patient.says": "what they say out loud",
    "briefs.patient.means": "what they mean underneath (never shown to the staff member)",
    "briefs.patient.emotionalState": "how they feel walking in",
    "briefs.patient.escalatesWhen": "a list of things the staff member might do that make them more upset",
    "briefs.patient.settlesWhen": "a list of things that would calm them",
    "briefs.patient.openingLines": "2 to 4 lines they might open with, in their own voice",
    "briefs.staff": "the staff member's brief: only what the desk would know",
    "briefs.staff.role": 'the staff role, e.g. "Front-desk coordinator"',
    "briefs.staff.facts": "a list of facts the desk knows: amounts, policies, timelines",
    "briefs.staff.limits": "a list of what the staff member cannot do",
    "briefs.staff.whoElseCanHelp": "a list of people or teams they can hand off to",
    "briefs.staff.goal": "what a good outcome looks like for the staff member",
    "briefs.observers": "the observers' brief",
    "briefs.observers.watchFor": "a list of moments or behaviours to watch for",
    "briefs.observers.turningPoints": "a list of moments where the conversation can turn",
    curveballs: "an optional list of surprises the facilitator can fire, each with id, title and text",
    "curveballs[].id": "a slug unique within this scenario",
    "curveballs[].title": "a short name for the facilitator's button",
    "curveballs[].text": "what happens, read to the room",
    contentNote: "an optional warning shown before the scenario starts (for grief, illness…)",
  },
  rubric: {
    "": "a rubric: id, title, description, source, scale and criteria",
    id: "the rubric's id, a slug equal to the file name without .yaml",
    title: "the rubric's name",
    description: "what the rubric is for",
    source: "a short attribution in your own words",
    scale: "the shared scale, e.g. `{ min: 1, max: 4 }`",
    "scale.min": "the lowest score",
    "scale.max": "the highest score",
    criteria: "the list of criteria",
    "criteria[].id": "a slug unique within the rubric",
    "criteria[].title": "the criterion's name",
    "criteria[].description": "what the criterion looks at",
    "criteria[].weight": "a positive number (1 unless this criterion counts more)",
    "criteria[].scale": "this criterion's own scale, if it differs from the rubric's",
    "criteria[].levels": "one level for every value on the scale",
    "criteria[].levels[].value": "the score this level stands for",
    "criteria[].levels[].label": "a one- or two-word name for the level",
    "criteria[].levels[].description": "what a staff member at this level does, in a sentence or two",
    "criteria[].behaviours": "an optional list of observable behaviours to tick, each with id and text",
    "criteria[].behaviours[].id": "a slug unique within the criterion",
    "criteria[].behaviours[].text": "the behaviour, as an observer would see it",
    "criteria[].shortcut": "a single letter or digit, unique within the rubric",
  },
};

const PATIENT_ONLY_FIELDS = new Set(Object.keys(patientBriefSchema.shape).filter((k) => k !== "role"));

export type IssuePath = ReadonlyArray<PropertyKey>;

/** `briefs.patient.escalatesWhen`, `criteria[1].levels[0].description` */
export function formatPath(path: IssuePath): string {
  return path.reduce<string>((out, seg) => {
    if (typeof seg === "number") return `${out}[${seg}]`;
    return out ? `${out}.${String(seg)}` : String(seg);
  }, "");
}

function helpFor(kind: DocumentKind, path: IssuePath): string | undefined {
  const key = path.reduce<string>((out, seg) => {
    if (typeof seg === "number") return `${out}[]`;
    return out ? `${out}.${String(seg)}` : String(seg);
  }, "");
  return FIELD_HELP[kind][key];
}

/** A zod issue turned into one problem: the field path plus what is wrong and what to do. */
export function describeIssue(issue: z.core.$ZodIssue, kind: DocumentKind): RuleProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  const field = String(path[path.length - 1] ?? kind);
  const help = helpFor(kind, path);
  const helpSentence = help ? ` It should be ${help}.` : "";
  const input = "input" in issue ? issue.input : undefined;

  switch (issue.code) {
    case "invalid_type": {
      if (input === undefined)
        return [{ path, message: `\`${field}\` is missing. Add it: ${help ?? `a ${describeExpected(issue.expected)}`}.` }];
      return [{ path, message: `\`${field}\` should be ${describeExpected(issue.expected)}, but it is ${describeValue(input)}.${helpSentence}` }];
    }
    case "invalid_value": {
      const allowed = issue.values.map(String);
      const guess = closest(String(input), allowed);
      const hint = guess ? ` Did you mean "${guess}"?` : "";
      return [{ path, message: `"${String(input)}" is not an allowed value for \`${field}\`.${hint} Use one of: ${allowed.join(", ")}.` }];
    }
    case "too_small":
    case "too_big":
      // The duration message already states the range; repeating the help would say it twice.
      return [{ path, message: describeSize(issue, field, input) + (field === "durationMinutes" ? "" : helpSentence) }];
    case "invalid_format":
      return [
        {
          path,
          message:
            field === "shortcut"
              ? `"${String(input)}" is not a valid shortcut: use one letter or digit.`
              : `"${String(input)}" is not a valid \`${field}\`: use lower-case letters, digits and single hyphens, like "long-wait-after-time-off".`,
        },
      ];
    case "unrecognized_keys":
      return issue.keys.map((key) => ({ path: [...path, key], message: describeUnknownKey(kind, path, key) }));
    default:
      return [{ path, message: issue.message + helpSentence }];
  }
}

function describeUnknownKey(kind: DocumentKind, parent: IssuePath, key: string): string {
  if (kind === "scenario" && formatPath(parent) === "briefs.staff" && PATIENT_ONLY_FIELDS.has(key))
    return `The staff brief must not contain \`${key}\`: that belongs to the patient, and the staff member only sees what the desk would know. Move it to briefs.patient.${key}.`;
  const allowed = knownKeysAt(kind === "scenario" ? scenarioSchema : rubricSchema, parent);
  const guess = closest(key, allowed);
  const where = parent.length ? `\`${formatPath(parent)}\`` : `a ${kind}`;
  return (
    `\`${key}\` is not a field of ${where}.` +
    (guess ? ` Did you mean \`${guess}\`?` : "") +
    (allowed.length ? ` Fields allowed here: ${allowed.join(", ")}.` : "")
  );
}

/** Field names the schema accepts at `path` (for "did you mean" hints). */
function knownKeysAt(schema: z.ZodType, path: IssuePath): string[] {
  let node: z.ZodType | undefined = schema;
  const unwrap = (s: z.ZodType | undefined): z.ZodType | undefined => {
    if (s instanceof z.ZodPipe) return unwrap(s.in as z.ZodType);
    if (s instanceof z.ZodOptional || s instanceof z.ZodDefault) return unwrap(s.unwrap() as z.ZodType);
    return s;
  };
  for (const seg of path) {
    node = unwrap(node);
    if (typeof seg === "number" && node instanceof z.ZodArray) node = node.element as z.ZodType;
    else if (typeof seg === "string" && node instanceof z.ZodObject) node = node.shape[seg] as z.ZodType | undefined;
    else return [];
  }
  node = unwrap(node);
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

function describeExpected(expected: string): string {
  switch (expected) {
    case "string":
      return "text";
    case "number":
      return "a number";
    case "int":
      return "a whole number";
    case "array":
      return 'a list (lines starting with "- ")';
    case "object":
      return "a group of named fields";
    default:
      return expected;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return `${value} (a yes/no value; put it in quotes if you meant the word)`;
  if (typeof value === "object") return "a group of named fields";
  return String(value);
}

function describeSize(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, field: string, input: unknown): string {
  const small = issue.code === "too_small";
  const bound = Number(small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum);
  switch (issue.origin) {
    case "array": {
      const count = Array.isArray(input) ? input.length : 0;
      return small
        ? `\`${field}\` needs at least ${bound} ${bound === 1 ? "entry" : "entries"}; it has ${count}.`
        : `\`${field}\` has ${count} entries; the most allowed is ${bound}.`;
    }
    case "string": {
      if (small) return bound <= 1 ? `\`${field}\` is empty. Write something here.` : `\`${field}\` is too short: write at least ${bound} characters.`;
      return `\`${field}\` is too long (${typeof input === "string" ? input.length : "?"} characters); keep it under ${bound}.`;
    }
    case "number": {
      if (field === "durationMinutes")
        return `\`durationMinutes\` is ${String(input)}, but a role-play round runs ${DURATION_MINUTES.min} to ${DURATION_MINUTES.max} minutes. Pick a value in that range, or split a longer story into two scenarios.`;
      if (small && bound === 0 && issue.inclusive === false) return `\`${field}\` is ${String(input)}; it must be greater than 0.`;
      return small
        ? `\`${field}\` is ${String(input)}; the lowest allowed is ${bound}.`
        : `\`${field}\` is ${String(input)}; the highest allowed is ${bound}.`;
    }
    default:
      return issue.message;
  }
}

function closest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const option of options) {
    const d = editDistance(word.toLowerCase(), option.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [option, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
