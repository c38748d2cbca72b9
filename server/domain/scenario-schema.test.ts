import { describe, expect, it } from "vitest";
import {
  describeIssue,
  formatPath,
  hiddenMeaningLeak,
  rubricSchema,
  scenarioSchema,
  TAGS,
  type DocumentKind,
  type RubricInput,
  type ScenarioInput,
} from "./scenario-schema";

function validScenario(): ScenarioInput {
  return {
    id: "test-scenario",
    title: "A test scenario",
    setting: "front-desk",
    situation: "A patient arrives at the desk with a question about a bill.",
    durationMinutes: 6,
    rubric: "core-skills",
    tags: ["billing"],
    difficulty: { arrivalState: "anxious", departmentsInvolved: 1, contact: "first", stakes: ["money"], staffCanResolve: "partly" },
    briefs: {
      patient: {
        role: "Patient",
        persona: "Pat, 50, careful with money.",
        says: "Why do I owe this?",
        means: "I am scared I cannot pay the rent this month if I pay this bill today.",
        emotionalState: "Anxious",
        escalatesWhen: ["Being rushed"],
        settlesWhen: ["Being offered a plan"],
        openingLines: ["What is this charge?", "Nobody told me about this."],
      },
      staff: {
        role: "Front-desk coordinator",
        facts: ["The copay is $40."],
        limits: ["Cannot waive the copay."],
        whoElseCanHelp: ["Billing office"],
        goal: "The patient understands the amount and chooses how to pay.",
      },
      observers: { watchFor: ["Plain amounts"], turningPoints: ["The first reply to the question"] },
    },
  };
}

function level(value: number) {
  return { value, label: `L${value}`, description: `What a ${value} looks like.` };
}

function validRubric(): RubricInput {
  return {
    id: "test-rubric",
    title: "Test rubric",
    description: "For tests.",
    source: "Written for the tests",
    scale: { min: 1, max: 4 },
    criteria: [
      { id: "listen", title: "Listening", description: "Listens.", weight: 2, shortcut: "l", levels: [4, 2, 3, 1].map(level) },
      { id: "explain", title: "Explaining", description: "Explains.", shortcut: "e", levels: [1, 2, 3, 4].map(level), behaviours: [{ id: "teach-back", text: "Uses teach-back" }] },
    ],
  };
}

/** Parse and turn every issue into the {path, message} a trainer would read. */
function problems(kind: DocumentKind, data: unknown) {
  const schema = kind === "scenario" ? scenarioSchema : rubricSchema;
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => describeIssue(issue, kind)).map((p) => ({ path: formatPath(p.path), message: p.message }));
}

describe("scenarioSchema", () => {
  it("accepts a complete scenario and defaults curveballs to an empty list", () => {
    const result = scenarioSchema.safeParse(validScenario());
    expect(result.success).toBe(true);
    expect(result.data?.curveballs).toEqual([]);
  });

  it("names a missing brief and says what it is for", () => {
    const data = validScenario() as { briefs: Record<string, unknown> };
    delete data.briefs.staff;
    const found = problems("scenario", data);
    expect(found).toEqual([{ path: "briefs.staff", message: expect.stringContaining("`staff` is missing") }]);
    expect(found[0]?.message).toContain("only what the desk would know");
  });

  it("refuses a patient-only field in the staff brief, with the reason", () => {
    const data = validScenario();
    (data.briefs.staff as Record<string, unknown>).means = "She is scared.";
    const [problem] = problems("scenario", data);
    expect(problem?.path).toBe("briefs.staff.means");
    expect(problem?.message).toMatch(/must not contain `means`.*briefs\.patient\.means/);
  });

  it("suggests the right spelling for a misspelt field", () => {
    const data = validScenario();
    const patient = data.briefs.patient as Record<string, unknown>;
    patient.escalateWhen = patient.escalatesWhen;
    delete patient.escalatesWhen;
    const found = problems("scenario", data);
    expect(found).toContainEqual({ path: "briefs.patient.escalateWhen", message: expect.stringContaining("Did you mean `escalatesWhen`?") });
    expect(found).toContainEqual({ path: "briefs.patient.escalatesWhen", message: expect.stringContaining("is missing") });
  });

  it("names an unknown top-level field and lists the allowed ones", () => {
    const [problem] = problems("scenario", { ...validScenario(), durationMinute: 6 });
    expect(problem?.path).toBe("durationMinute");
    expect(problem?.message).toContain("Did you mean `durationMinutes`?");
    expect(problem?.message).toContain("Fields allowed here: id, title, setting");
  });

  it("lists the allowed tags when a tag is unknown", () => {
    const data = { ...validScenario(), tags: ["billing", "parking"] };
    const [problem] = problems("scenario", data);
    expect(problem?.path).toBe("tags[1]");
    expect(problem?.message).toContain('"parking" is not an allowed value');
    for (const tag of TAGS) expect(problem?.message).toContain(tag);
  });

  it("suggests the closest value for a near-miss enum", () => {
    const data = validScenario();
    (data.difficulty as Record<string, unknown>).arrivalState = "hostil";
    expect(problems("scenario", data)[0]?.message).toContain('Did you mean "hostile"?');
  });

  it("explains the duration range", () => {
    const [problem] = problems("scenario", { ...validScenario(), durationMinutes: 15 });
    expect(problem?.path).toBe("durationMinutes");
    expect(problem?.message).toMatch(/15.*5 to 8 minutes/);
  });

  it("wants 2 to 4 opening lines", () => {
    const data = validScenario();
    data.briefs.patient.openingLines = ["Only one line"];
    const [problem] = problems("scenario", data);
    expect(problem).toEqual({ path: "briefs.patient.openingLines", message: expect.stringContaining("at least 2 entries; it has 1") });
  });

  it("refuses duplicate curveball ids", () => {
    const curveball = { id: "phone-rings", title: "Phone", text: "The phone rings." };
    const [problem] = problems("scenario", { ...validScenario(), curveballs: [curveball, curveball] });
    expect(problem?.path).toBe("curveballs[1].id");
    expect(problem?.message).toContain('"phone-rings" is already used');
  });

  it("refuses a staff brief that quotes the patient's hidden meaning", () => {
    const data = validScenario();
    data.briefs.staff.goal = "Spot that she cannot pay the rent this month if she pays now.";
    const [problem] = problems("scenario", data);
    expect(problem?.path).toBe("briefs.staff");
    expect(problem?.message).toContain("repeats what the patient means");
  });

  it("does not flag ordinary overlap between the briefs as a leak", () => {
    const { patient, staff } = validScenario().briefs;
    expect(hiddenMeaningLeak({ patient: patient as never, staff: { ...staff, goal: "Help with the bill this month." } as never })).toBeUndefined();
  });

  it("refuses an id that is not a slug", () => {
    const [problem] = problems("scenario", { ...validScenario(), id: "Bad Id" });
    expect(problem?.path).toBe("id");
    expect(problem?.message).toContain("lower-case letters, digits and single hyphens");
  });

  it("reports a wrong type in plain words", () => {
    const [problem] = problems("scenario", { ...validScenario(), tags: "billing" });
    expect(problem).toEqual({ path: "tags", message: expect.stringContaining("should be a list") });
  });
});

describe("rubricSchema", () => {
  it("accepts a complete rubric, sorts levels and gives every criterion its scale", () => {
    const result = rubricSchema.safeParse(validRubric());
    expect(result.success).toBe(true);
    const [listen, explain] = result.data?.criteria ?? [];
    expect(listen?.levels.map((l) => l.value)).toEqual([1, 2, 3, 4]);
    expect(listen?.scale).toEqual({ min: 1, max: 4 });
    expect(explain?.weight).toBe(1);
    expect(explain?.behaviours).toHaveLength(1);
  });

  it("lets a criterion carry its own scale", () => {
    const data = validRubric();
    data.criteria[1] = { ...data.criteria[1]!, scale: { min: 0, max: 2 }, levels: [0, 1, 2].map(level) };
    const result = rubricSchema.safeParse(data);
    expect(result.success).toBe(true);
    expect(result.data?.criteria[1]?.scale).toEqual({ min: 0, max: 2 });
  });

  it("names a level missing its description", () => {
    const data = validRubric();
    data.criteria[0]!.levels[1] = { value: 2, label: "L2" } as never;
    expect(problems("rubric", data)).toEqual([
      { path: "criteria[0].levels[1].description", message: expect.stringContaining("`description` is missing") },
    ]);
  });

  it("names a missing scale value", () => {
    const data = validRubric();
    data.criteria[1]!.levels = [1, 2, 4].map(level);
    expect(problems("rubric", data)).toEqual([
      { path: "criteria[1].levels", message: expect.stringContaining('criterion "explain" has no level for 3') },
    ]);
  });

  it("names a duplicate and an out-of-range level", () => {
    const data = validRubric();
    data.criteria[1]!.levels = [1, 2, 3, 4, 4, 7].map(level);
    const found = problems("rubric", data);
    expect(found).toContainEqual({ path: "criteria[1].levels[4].value", message: expect.stringContaining("Level 4 appears twice") });
    expect(found).toContainEqual({ path: "criteria[1].levels[5].value", message: expect.stringContaining("outside its scale 1–4") });
  });

  it("asks for a scale when neither the rubric nor the criterion has one", () => {
    const data = validRubric();
    delete data.scale;
    const found = problems("rubric", data);
    expect(found).toHaveLength(2);
    expect(found[0]).toEqual({ path: "criteria[0].scale", message: expect.stringContaining("has no scale") });
  });

  it("refuses duplicate criterion ids and shortcuts", () => {
    const data = validRubric();
    data.criteria[1] = { ...data.criteria[1]!, id: "listen", shortcut: "L" };
    const found = problems("rubric", data);
    expect(found).toContainEqual({ path: "criteria[1].id", message: expect.stringContaining('"listen" is already used') });
    expect(found).toContainEqual({ path: "criteria[1].shortcut", message: expect.stringContaining('"L" is already used') });
  });

  it("refuses a shortcut longer than one key", () => {
    const data = validRubric();
    data.criteria[0]!.shortcut = "ctrl+l";
    expect(problems("rubric", data)).toEqual([{ path: "criteria[0].shortcut", message: expect.stringContaining("one letter or digit") }]);
  });

  it("suggests the right spelling for a misspelt criterion field", () => {
    const data = validRubric();
    const criterion = data.criteria[0] as Record<string, unknown>;
    criterion.behaviors = [];
    expect(problems("rubric", data)).toEqual([
      { path: "criteria[0].behaviors", message: expect.stringContaining("Did you mean `behaviours`?") },
    ]);
  });

  it("refuses a weight that is not positive", () => {
    const data = validRubric();
    data.criteria[0]!.weight = 0;
    expect(problems("rubric", data)).toEqual([{ path: "criteria[0].weight", message: expect.stringContaining("greater than 0") }]);
  });

  it("refuses a scale whose max is not above its min", () => {
    const data = { ...validRubric(), scale: { min: 4, max: 4 } };
    expect(problems("rubric", data)[0]).toEqual({ path: "scale", message: expect.stringContaining("`max` must be greater than `min`") });
  });
});
