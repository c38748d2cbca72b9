import { describe, expect, it } from "vitest";
import { ScoringHarness, CONTENT, participant } from "../scoring/test-support";
import { toParticipantView, viewerPlace } from "./views";
import { contentKeyOf, joinParticipantView, splitParticipantView } from "./wire-view";

describe("participant views on the wire", () => {
  const h = ScoringHarness.inPhase("roleplay", 5);
  const view = (id: string) => toParticipantView(h.s, 3, () => true, CONTENT, 1_000, viewerPlace(h.s, id));
  void participant;

  it("splits into a small view and its content, and joins back to the same view", () => {
    for (const id of ["p1", "p2", "p3"]) {
      const original = view(id);
      const { wire, content } = splitParticipantView(original, "e1");
      expect(wire).not.toHaveProperty("briefs");
      expect(wire).not.toHaveProperty("rubric");
      expect(wire.scoring ?? {}).not.toHaveProperty("rubric");
      expect(wire.contentKey).toBe(content.key);
      expect(joinParticipantView(wire, content)).toEqual(original);
    }
  });

  it("gives the same key to the same content and different keys to different roles or processes", () => {
    const [observerA, observerB, staff] = [view("p3"), view("p4"), view("p1")];
    expect(contentKeyOf(observerA, "e1")).toBe(contentKeyOf(observerB, "e1"));
    expect(splitParticipantView(observerA, "e1").content).toEqual(splitParticipantView(observerB, "e1").content);
    expect(contentKeyOf(staff, "e1")).not.toBe(contentKeyOf(observerA, "e1"));
    expect(contentKeyOf(observerA, "e2")).not.toBe(contentKeyOf(observerA, "e1"));
  });
});
