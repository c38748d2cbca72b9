import { describe, expect, it } from "vitest";
import { CONTENT, RUBRIC, ScoringHarness } from "../domain/scoring/test-support";
import { createViewAssembler } from "../domain/workshop/wire-view";
import { toParticipantView, viewerPlace } from "../domain/workshop/views";
import { ViewMessages, type ViewSnapshot } from "./view-messages";

describe("view messages of a fan-out", () => {
  const h = ScoringHarness.inPhase("roleplay", 5);
  const snapshot: ViewSnapshot = { state: h.s, version: 7, isConnected: () => true, now: 5_000 };

  it("puts people who see the same view in one place: the three observers share, each performer has their own", () => {
    const places = new ViewMessages(CONTENT, "e1").places(h.s);
    expect(places.map((p) => p.people.sort())).toEqual(expect.arrayContaining([["p1"], ["p2"], ["p3", "p4", "p5"]]));
    expect(places).toHaveLength(3);
  });

  it("sends each place's view with what it names the first time, and bare after that", () => {
    const messages = new ViewMessages(CONTENT, "e1");
    const observers = messages.places(h.s).find((p) => p.people.includes("p3"))!;
    const [first] = messages.forPlace(snapshot, observers.place, observers.people);
    expect(first!.message.content).toBeDefined();
    expect(first!.message.rubrics?.map((r) => r.id)).toEqual([RUBRIC.id]);
    const [second] = messages.forPlace(snapshot, observers.place, observers.people);
    expect(second!.message.content).toBeUndefined();
    expect(second!.message.rubrics).toBeUndefined();
    // A client that got the first message joins the second into the full view.
    const assembler = createViewAssembler();
    assembler.receive(first!.message);
    expect(assembler.receive(second!.message)).toEqual(toParticipantView(h.s, 7, () => true, CONTENT, 5_000, viewerPlace(h.s, "p3")));
  });

  it("gives a new connection everything, even when the person's other tabs have it", () => {
    const messages = new ViewMessages(CONTENT, "e1");
    const staff = messages.places(h.s).find((p) => p.people.includes("p1"))!;
    messages.forPlace(snapshot, staff.place, staff.people);
    const message = messages.forConnection(snapshot, "p1");
    expect(message.content?.key).toBe(message.contentKey);
    expect(createViewAssembler().receive(message)).not.toBeNull();
  });

  it("sends the plan's rubric ahead of time, to people who do not score yet", () => {
    const lobby = ScoringHarness.inPhase("roleplay", 5);
    lobby.must({ type: "joinWorkshop", participantId: "late", displayName: "Late", team: null, shift: null }, { kind: "participant", participantId: "late" });
    const message = new ViewMessages(CONTENT, "e1").forConnection({ ...snapshot, state: lobby.s }, "late");
    expect(message.scoring).toBeNull();
    expect(message.rubrics?.map((r) => r.id)).toEqual([RUBRIC.id]);
  });
});
