import { describe, expect, it } from "vitest";
import { toFacilitatorView, toParticipantView, viewerPlace } from "../workshop/views";
import { CONTENT, participant, ScoringHarness } from "./test-support";

const viewOf = (h: ScoringHarness, id: string) => toParticipantView(h.s, 1, () => true, CONTENT, h.now, viewerPlace(h.s, id));
const groupOf = (h: ScoringHarness) => toFacilitatorView(h.s, 1, () => true, CONTENT, h.now).groups[0]!;

/** p3 and p4 submit scores nobody else may see before the reveal. */
function withSecrets(phase: "roleplay" | "debrief" = "debrief") {
  const h = ScoringHarness.inPhase(phase);
  h.submit("p3", { empathy: 1, plain: 4 }, { plain: ["teach-back"] });
  h.submit("p4", { empathy: 3, plain: 4 });
  return h;
}

describe("a participant's scoring view", () => {
  it("hides every observer's scores from an observer who has not submitted", () => {
    const h = withSecrets();
    const view = viewOf(h, "p5");
    expect(view.scoring).toMatchObject({ role: "observer", submitted: false, comparison: null, sheetAccess: "write", ownSheetAccess: "write" });
    expect(view.scoring?.progress).toMatchObject({ submitted: 2, observers: 3 });
    // Who has submitted is shown; what they gave is not there at all.
    expect(view.scoring?.observers.map((o) => [o.id, o.submitted])).toEqual(
      h.group().memberIds.filter((id) => !["p1", "p2"].includes(id)).map((id) => [id, id !== "p5"]),
    );
    expect(JSON.stringify(view.scoring)).not.toContain('"ratings"');
  });

  it("shows an observer everyone's submitted scores once they have submitted", () => {
    const h = withSecrets();
    const view = viewOf(h, "p3");
    expect(view.scoring).toMatchObject({ submitted: true, ownSheetAccess: "read" });
    expect(view.scoring?.comparison?.[0]).toMatchObject({ criterionId: "empathy", disagreement: true, self: null });
    expect(view.scoring?.comparison?.[0]?.ratings.map((r) => r.raterId).sort()).toEqual(["p3", "p4"]);
    expect(view.scoring?.comparison?.[1]?.behaviours[0]?.tickedBy).toEqual(["p3"]);
  });

  it("shows performers nothing of the scores before the reveal", () => {
    const h = withSecrets();
    h.must({ type: "lockSelfAssessment", scores: { empathy: 2, plain: 2 } }, participant("p1"));
    for (const id of ["p1", "p2"]) {
      const view = viewOf(h, id);
      expect(view.scoring).toMatchObject({ comparison: null, sheetAccess: null, ownSheetAccess: null });
      expect(JSON.stringify(view)).not.toContain('"ratings"');
    }
    // The staff member sees their own locked-in view and the rubric to fill it in; the patient does not see it.
    expect(viewOf(h, "p1").scoring).toMatchObject({ role: "staff", selfAssessment: { scores: { empathy: 2, plain: 2 } } });
    expect(viewOf(h, "p1").scoring?.rubric?.id).toBe("core-skills");
    expect(viewOf(h, "p2").scoring).toMatchObject({ role: "patient", selfAssessment: null, rubric: null });
    // …nor do observers, before the reveal.
    expect(viewOf(h, "p3").scoring?.selfAssessment).toBeNull();
    expect(viewOf(h, "p3").scoring?.progress.selfAssessmentLocked).toBe(true);
  });

  it("reveals scores, self-assessment and the patient's answer to the whole group", () => {
    const h = withSecrets();
    h.must({ type: "lockSelfAssessment", scores: { empathy: 2, plain: 2 } }, participant("p1"));
    h.must({ type: "submitPatientPerspective", feltHeard: "partly", whatLanded: "Being told a real date" }, participant("p2"));
    for (const id of ["p1", "p2", "p5"]) {
      const view = viewOf(h, id);
      expect(view.scoring?.comparison?.[0]).toMatchObject({ self: 2, spread: 2 });
      expect(view.scoring?.patientPerspective).toMatchObject({ feltHeard: "partly", whatLanded: "Being told a real date" });
      expect(view.scoring?.rubric?.id).toBe("core-skills");
    }
    expect(viewOf(h, "p1").scoring?.sheetAccess).toBe("read");
    expect(viewOf(h, "p5").scoring?.sheetAccess).toBe("write");
  });

  it("still shows a finished round, with the round's own role, after roles rotate", () => {
    const h = withSecrets();
    h.goTo("done");
    const view = viewOf(h, "p1");
    expect(view.role).not.toBe("staff");
    expect(view.scoring).toMatchObject({ role: "staff", round: 1, phase: "done", live: false });
  });

  it("is shared only by viewers whose scoring place is the same", () => {
    const h = ScoringHarness.inPhase("roleplay");
    h.submit("p3");
    const places = ["p3", "p4", "p5"].map((id) => JSON.stringify(viewerPlace(h.s, id)));
    expect(places[1]).toBe(places[2]);
    expect(places[0]).not.toBe(places[1]);
    expect(viewOf(h, "p4")).toEqual(viewOf(h, "p5"));
  });
});

describe("the facilitator's scoring view", () => {
  it("shows progress, every submitted score and each observer's sheet", () => {
    const h = withSecrets("roleplay");
    const scoring = groupOf(h).scoring!;
    expect(scoring.progress).toMatchObject({ submitted: 2, observers: 3 });
    expect(scoring.comparison?.[1]).toMatchObject({ criterionId: "plain", spread: 0 });
    expect(scoring.sheetDoc).toBe("workshop/w1/group/g1/round/1/rubric");
    expect(scoring.observerSheets.map((o) => o.doc).sort()).toEqual(["p3", "p4", "p5"].map((id) => `workshop/w1/group/g1/round/1/observer/${id}`));
    expect(scoring.canReveal).toBe(false);
    h.goTo("debrief");
    expect(groupOf(h).scoring?.canReveal).toBe(true);
    h.must({ type: "revealScores", groupId: "g1" });
    expect(groupOf(h).scoring?.canReveal).toBe(false);
  });

  it("appears when the round starts", () => {
    const h = ScoringHarness.inPhase("briefing");
    expect(groupOf(h).scoring).toMatchObject({ round: 1, live: false, progress: { submitted: 0, observers: 3 } });
  });
});
