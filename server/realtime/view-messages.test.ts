import { describe, expect, it } from "vitest";
import { CONTENT, FULL, RUBRIC, ScoringHarness, participant } from "../domain/scoring/test-support";
import { createViewAssembler } from "../domain/workshop/wire-view";
import { toParticipantView, viewerPlace } from "../domain/workshop/views";
import type { Scenario } from "../domain/scenario-schema";
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

  describe("a group's shared message", () => {
    // A scenario with briefs for every round's scenario, so briefs are secret content to keep apart.
    const brief = (who: string) => ({ summary: `${who} brief: only for the ${who}` });
    const scenario = (id: string) =>
      ({ id, title: `Scenario ${id}`, setting: "front-desk", situation: "A bill", durationMinutes: 5, curveballs: [], briefs: { patient: brief("patient"), staff: brief("staff"), observers: brief("observer") } }) as unknown as Scenario;
    const WITH_BRIEFS = { ...CONTENT, scenario };

    /** Runs a fan-out of every unit; returns how each place's people were sent their view. */
    function fanOut(messages: ViewMessages, snap: ViewSnapshot, assemblers: Map<string, ReturnType<typeof createViewAssembler>>) {
      const kinds: string[] = [];
      for (const unit of messages.units(snap.state)) {
        for (const { people, message } of messages.forUnit(snap, unit)) {
          kinds.push(message.kind);
          for (const id of people) {
            if (!assemblers.has(id)) assemblers.set(id, createViewAssembler());
            // What each member's page shows is exactly the view built for their own place.
            expect(assemblers.get(id)!.receive(message, id), `${id} at ${snap.state.groups[0]!.phase}`).toEqual(
              toParticipantView(snap.state, snap.version, snap.isConnected, WITH_BRIEFS, snap.now, viewerPlace(snap.state, id)),
            );
          }
        }
      }
      return kinds;
    }

    it("goes to a group only while its places differ in nothing but each member's own part, through a whole round", () => {
      const round = ScoringHarness.inPhase("briefing", 5);
      const messages = new ViewMessages(WITH_BRIEFS, "e1");
      const assemblers = new Map<string, ReturnType<typeof createViewAssembler>>();
      let version = 0;
      const step = () => fanOut(messages, { state: round.s, version: ++version, isConnected: (id) => id !== "p5", now: 5_000 + version }, assemblers);

      // Briefing: each place gets its content (briefs) on its own.
      expect(step()).toEqual(["participant", "participant", "participant"]);
      round.goTo("roleplay");
      expect(step()).toEqual(["group"]);
      // p3 has submitted and now sees the comparison; nobody else may yet.
      round.submit("p3", FULL);
      expect(step()).not.toContain("group");
      round.submit("p4", FULL);
      round.submit("p5", FULL);
      round.goTo("debrief");
      round.must({ type: "lockSelfAssessment", scores: FULL }, participant("p1"));
      expect(step()).not.toContain("group");
      // The patient's answer reveals everything to everyone: one message again (the patient
      // now scores with the rubric too, named in their own part; their briefs are not re-sent).
      round.must({ type: "submitPatientPerspective", feltHeard: "partly", whatLanded: "Being told the next step" }, participant("p2"));
      expect(round.s.sheets["g1/1"]!.revealed).not.toBeNull();
      expect(step()).toEqual(["group"]);
      round.goTo("done");
      expect(step()).toEqual(["group"]);
    });

    it("never carries what one place may see and another may not", () => {
      const scored = ScoringHarness.inPhase("reset", 5);
      scored.submit("p3", FULL);
      const snap: ViewSnapshot = { state: scored.s, version: 1, isConnected: () => true, now: 1 };
      const messages = new ViewMessages(WITH_BRIEFS, "e1");
      const sent = messages.units(scored.s).flatMap((unit) => messages.forUnit(snap, unit));
      const toStaff = sent.filter((m) => m.people.includes("p1"));
      expect(toStaff).toHaveLength(1);
      expect(toStaff[0]!.message.kind).toBe("participant");
      expect(JSON.stringify(toStaff[0]!.message)).not.toContain('"comparison":[');
      // And briefs reach only their own place, in any message.
      for (const { people, message } of sent) {
        const text = JSON.stringify(message);
        if (people.includes("p1")) expect(text).not.toMatch(/only for the (patient|observer)/);
        if (people.includes("p2")) expect(text).not.toMatch(/only for the (staff|observer)/);
      }
    });
  });
});
