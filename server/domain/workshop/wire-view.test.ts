import { describe, expect, it } from "vitest";
import { ScoringHarness, CONTENT, RUBRIC } from "../scoring/test-support";
import { toFacilitatorView, toParticipantView, viewerPlace } from "./views";
import { contentKeyOf, createViewAssembler, joinParticipantView, splitFacilitatorView, splitParticipantView, supersedes } from "./wire-view";

describe("participant views on the wire", () => {
  const h = ScoringHarness.inPhase("roleplay", 5);
  const view = (id: string) => toParticipantView(h.s, 3, () => true, CONTENT, 1_000, viewerPlace(h.s, id));

  it("splits into a small view, its content and its rubrics, and joins back to the same view", () => {
    for (const id of ["p1", "p2", "p3"]) {
      const original = view(id);
      const { wire, content, rubrics } = splitParticipantView(original, "e1");
      expect(wire).not.toHaveProperty("briefs");
      expect(wire).not.toHaveProperty("rubric");
      expect(wire.scoring ?? {}).not.toHaveProperty("rubric");
      expect(JSON.stringify(content)).not.toContain('"criteria"');
      expect(wire.contentKey).toBe(content.key);
      const byId = new Map(rubrics.map((r) => [r.id, r]));
      expect(joinParticipantView(wire, content, (rid) => byId.get(rid))).toEqual(original);
    }
  });

  it("names an observer's rubric once, though the briefs and the sheet both use it", () => {
    // As in a briefing with a scenario: the briefs show the rubric the sheet scores with.
    const observer = { ...view("p3"), rubric: RUBRIC };
    expect(observer.scoring?.rubric?.id).toBe(RUBRIC.id);
    const { content, rubrics } = splitParticipantView(observer, "e1");
    expect(rubrics.map((r) => r.id)).toEqual([RUBRIC.id]);
    expect([content.rubricId, content.scoringRubricId]).toEqual([RUBRIC.id, RUBRIC.id]);
  });

  it("gives the same key to the same content and different keys to different roles or processes", () => {
    const [observerA, observerB, staff] = [view("p3"), view("p4"), view("p1")];
    expect(contentKeyOf(observerA, "e1")).toBe(contentKeyOf(observerB, "e1"));
    expect(splitParticipantView(observerA, "e1").content).toEqual(splitParticipantView(observerB, "e1").content);
    expect(contentKeyOf(staff, "e1")).not.toBe(contentKeyOf(observerA, "e1"));
    expect(contentKeyOf(observerA, "e2")).not.toBe(contentKeyOf(observerA, "e1"));
  });
});

describe("the client's view assembler", () => {
  const h = ScoringHarness.inPhase("roleplay", 5);
  const observer = toParticipantView(h.s, 3, () => true, CONTENT, 1_000, viewerPlace(h.s, "p3"));
  const { wire, content, rubrics } = splitParticipantView(observer, "e1");

  it("joins a view that carries its parts, and later views that only name them", () => {
    const assembler = createViewAssembler();
    expect(assembler.receive({ ...wire, content, rubrics })).toEqual(observer);
    expect(assembler.receive({ ...wire, version: 4 })).toEqual({ ...observer, version: 4 });
  });

  it("refuses a view whose content or rubric it was never sent, so the caller asks again", () => {
    expect(createViewAssembler().receive(wire)).toBeNull();
    expect(createViewAssembler().receive({ ...wire, content })).toBeNull();
    const assembler = createViewAssembler();
    assembler.receive({ ...wire, content, rubrics });
    expect(assembler.receive({ ...wire, contentKey: "other" })).toBeNull();
  });

  it("keeps rubrics sent ahead of the content that names them", () => {
    const assembler = createViewAssembler();
    assembler.receive({ ...wire, contentKey: "lobby", content: { ...content, key: "lobby", rubricId: null, scoringRubricId: null }, rubrics });
    expect(assembler.receive({ ...wire, content })).toEqual(observer);
  });
});

describe("the facilitator's view on the wire", () => {
  const h = ScoringHarness.inPhase("roleplay", 5);
  const view = toFacilitatorView(h.s, 3, () => true, CONTENT, 1_000);

  it("carries each rubric once and joins back to the same view", () => {
    const wire = splitFacilitatorView(view);
    const rubricIds = view.groups.map((g) => g.scoring?.rubric?.id).filter(Boolean);
    expect(rubricIds.length).toBeGreaterThan(0);
    expect(Object.keys(wire.rubrics)).toEqual([...new Set(rubricIds)]);
    for (const group of wire.groups) expect(group.scoring ?? {}).not.toHaveProperty("rubric");
    expect(createViewAssembler().receive(wire)).toEqual(view);
  });
});

describe("which view stays on screen", () => {
  it("takes the first view, newer versions and the same version (presence), never an older one", () => {
    expect(supersedes(null, { version: 3 })).toBe(true);
    expect(supersedes({ version: 3 }, { version: 4 })).toBe(true);
    expect(supersedes({ version: 3 }, { version: 3 })).toBe(true);
    expect(supersedes({ version: 4 }, { version: 3 })).toBe(false);
  });
});
