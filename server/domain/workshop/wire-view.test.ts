import { describe, expect, it } from "vitest";
import { ScoringHarness, CONTENT, RUBRIC } from "../scoring/test-support";
import { participant } from "./test-support";
import { toFacilitatorView, toParticipantView, viewerPlace } from "./views";
import {
  contentKeyOf,
  createViewAssembler,
  joinFacilitatorView,
  joinParticipantView,
  mergeGroupViews,
  placeViewOf,
  splitFacilitatorView,
  splitParticipantView,
  supersedes,
} from "./wire-view";

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
    const { wire, content, rubrics } = splitParticipantView(observer, "e1");
    expect(rubrics.map((r) => r.id)).toEqual([RUBRIC.id]);
    expect([content.rubricId, wire.scoring?.rubricId]).toEqual([RUBRIC.id, RUBRIC.id]);
  });

  it("keeps the content's key when only the rubric the viewer scores with changes (the staff member's, in the room debrief)", () => {
    const staff = view("p1");
    expect(staff.scoring?.rubric).toBeNull();
    const withRubric = { ...staff, scoring: { ...staff.scoring!, rubric: RUBRIC } };
    const [before, after] = [splitParticipantView(staff, "e1"), splitParticipantView(withRubric, "e1")];
    expect(after.content).toEqual(before.content);
    expect(after.wire.scoring?.rubricId).toBe(RUBRIC.id);
    expect(after.rubrics.map((r) => r.id)).toEqual([RUBRIC.id]);
  });

  it("gives the same key to the same content and different keys to different roles or processes", () => {
    const [observerA, observerB, staff] = [view("p3"), view("p4"), view("p1")];
    expect(contentKeyOf(observerA, "e1")).toBe(contentKeyOf(observerB, "e1"));
    expect(splitParticipantView(observerA, "e1").content).toEqual(splitParticipantView(observerB, "e1").content);
    const withStaffBrief = { ...staff, briefs: { ...staff.briefs, staff: { summary: "Staff only" } as never } };
    expect(contentKeyOf(withStaffBrief, "e1")).not.toBe(contentKeyOf(staff, "e1"));
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
    assembler.receive({ ...wire, contentKey: "lobby", content: { ...content, key: "lobby", rubricId: null }, rubrics });
    expect(assembler.receive({ ...wire, content })).toEqual(observer);
  });
});

describe("a group's shared message", () => {
  const h = ScoringHarness.inPhase("roleplay", 5);
  const isConnected = () => true;
  const split = (id: string) => splitParticipantView(toParticipantView(h.s, 3, isConnected, CONTENT, 1_000, viewerPlace(h.s, id)), "e1");
  const places = [
    { people: ["p1"], ...split("p1") },
    { people: ["p2"], ...split("p2") },
    { people: ["p3", "p4", "p5"], ...split("p3") },
  ];

  it("holds what the places share once and each member's own part, from which each reads their own view", () => {
    const group = mergeGroupViews(places)!;
    expect(group.kind).toBe("group");
    expect(group.parts).toHaveLength(3);
    expect(group.parts.map((part) => part.people)).toEqual([["p1"], ["p2"], ["p3", "p4", "p5"]]);
    for (const { people, wire } of places) for (const id of people) expect(placeViewOf(group, id)).toEqual(wire);
    expect(placeViewOf(group, "someone-else")).toBeNull();
  });

  it("is not made when a shared field differs between places (it would show one place what another sees)", () => {
    const [staff, patient, observers] = places;
    const secret = { ...observers!, wire: { ...observers!.wire, scoring: { ...observers!.wire.scoring!, comparison: [] } } };
    expect(mergeGroupViews([staff!, patient!, secret])).toBeNull();
    const otherVersion = { ...patient!, wire: { ...patient!.wire, version: 4 } };
    expect(mergeGroupViews([staff!, otherVersion, observers!])).toBeNull();
    expect(mergeGroupViews([staff!])).toBeNull();
  });

  it("is read by the assembler for the connection's participant, and refused without one (the page asks again)", () => {
    const group = mergeGroupViews(places)!;
    const { content, rubrics } = places[2]!;
    const assembler = createViewAssembler();
    expect(assembler.receive({ ...group, contents: [], rubrics })).toBeNull();
    expect(assembler.receive({ ...places[2]!.wire, content }, "p4")).not.toBeNull();
    expect(assembler.receive(group, "p4")).toEqual(toParticipantView(h.s, 3, isConnected, CONTENT, 1_000, viewerPlace(h.s, "p4")));
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
    expect(joinFacilitatorView(wire)).toEqual(view);
  });

  it("leaves the lobby out and works it out again from the roster and the groups", () => {
    const late = ScoringHarness.inPhase("roleplay", 5);
    for (const id of ["p6", "p7"]) late.must({ type: "joinWorkshop", participantId: id, displayName: `Late ${id}`, team: "Ward 4", shift: "night" }, participant(id));
    const withLobby = toFacilitatorView(late.s, 4, (id) => id !== "p7", CONTENT, 1_000);
    expect(withLobby.lobby.map((p) => p.id)).toEqual(["p6", "p7"]);

    const wire = splitFacilitatorView(withLobby);
    expect(wire).not.toHaveProperty("lobby");
    // Each late joiner's details travel once, in the roster.
    expect(JSON.stringify(wire).split('"Late p7"')).toHaveLength(2);
    expect(joinFacilitatorView(wire)).toEqual(withLobby);
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
