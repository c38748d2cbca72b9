import { describe, expect, it } from "vitest";
import { OTHER_FACILITATOR } from "../workshop/test-support";
import { sheetOf } from "./sheets";
import { FACILITATOR, FULL, participant, ScoringHarness } from "./test-support";

const refusal = (decision: ReturnType<ScoringHarness["run"]>) => (decision.ok ? null : decision.error);

describe("sheets follow the round", () => {
  it("are created when a round starts, with that round's roles, scenario and rubric", () => {
    const h = ScoringHarness.inPhase("briefing");
    expect(sheetOf(h.s, "g1", 1)).toMatchObject({
      groupId: "g1",
      round: 1,
      scenarioId: "copay",
      rubricId: "core-skills",
      staffId: "p1",
      patientId: "p2",
      observerIds: h.group().memberIds.filter((id) => !["p1", "p2"].includes(id)),
      submissions: {},
      revealed: null,
    });
  });

  it("keep the round's roles after the group's roles rotate for the next round", () => {
    const h = ScoringHarness.inPhase("done");
    expect(h.group().roles.p1).not.toBe("staff");
    expect(sheetOf(h.s, "g1", 1)).toMatchObject({ staffId: "p1", patientId: "p2" });
  });

  it("time notes from the start of the role-play", () => {
    const h = ScoringHarness.inPhase("briefing");
    h.now = 5_000_000;
    h.must({ type: "startRoleplay" });
    expect(sheetOf(h.s, "g1", 1)?.roleplayStartedAt).toBe(5_000_000);
  });

  it("follow a role reassigned mid-round", () => {
    const h = ScoringHarness.inPhase("roleplay");
    h.must({ type: "setRole", groupId: "g1", participantId: "p3", role: "staff" });
    const sheet = sheetOf(h.s, "g1", 1)!;
    expect(sheet.staffId).toBe("p3");
    expect([...sheet.observerIds].sort()).toEqual(["p1", "p4", "p5"]);
  });

  it("stop waiting for an observer who leaves before submitting, but keep a submission made", () => {
    const h = ScoringHarness.inPhase("roleplay");
    h.submit("p3");
    h.must({ type: "leaveWorkshop" }, participant("p3"));
    h.must({ type: "leaveWorkshop" }, participant("p4"));
    const sheet = sheetOf(h.s, "g1", 1)!;
    expect([...sheet.observerIds].sort()).toEqual(["p3", "p5"]);
    expect(Object.keys(sheet.submissions)).toEqual(["p3"]);
  });
});

describe("submitScores", () => {
  it("records an observer's complete scores and ticks", () => {
    const h = ScoringHarness.inPhase("roleplay");
    const decision = h.submit("p3", FULL, { empathy: ["reflects"] });
    expect(decision).toEqual({
      ok: true,
      events: [{ type: "scoresSubmitted", at: h.now, groupId: "g1", round: 1, participantId: "p3", scores: FULL, behaviours: { empathy: ["reflects"] } }],
    });
    expect(sheetOf(h.s, "g1", 1)?.submissions.p3).toEqual({ participantId: "p3", at: h.now, scores: FULL, behaviours: { empathy: ["reflects"] } });
  });

  it.each(["reset", "debrief"] as const)("is open in the %s too", (phase) => {
    expect(ScoringHarness.inPhase(phase).submit("p3").ok).toBe(true);
  });

  it.each(["briefing", "done"] as const)("is refused in the %s", (phase) => {
    expect(refusal(ScoringHarness.inPhase(phase).submit("p3"))).toMatchObject({ code: "invalid" });
  });

  it("is refused to performers and the facilitator", () => {
    const h = ScoringHarness.inPhase("roleplay");
    expect(refusal(h.submit("p1"))).toMatchObject({ code: "forbidden", message: expect.stringContaining("Only observers") });
    expect(refusal(h.submit("p2"))).toMatchObject({ code: "forbidden" });
    expect(refusal(h.run({ type: "submitScores", scores: FULL, behaviours: {} }, FACILITATOR))).toMatchObject({ code: "forbidden" });
  });

  it("needs every criterion, naming the ones missing", () => {
    const h = ScoringHarness.inPhase("roleplay");
    expect(refusal(h.submit("p3", { empathy: 2 }))).toEqual({ code: "invalid", message: "Score every criterion before submitting. Still to score: Plain language." });
  });

  it("refuses levels and criteria the rubric does not have", () => {
    const h = ScoringHarness.inPhase("roleplay");
    expect(refusal(h.submit("p3", { ...FULL, plain: 7 }))).toMatchObject({ code: "invalid", message: expect.stringContaining("7 is not a level") });
    expect(refusal(h.submit("p3", { ...FULL, charm: 2 }))).toMatchObject({ code: "invalid" });
    expect(refusal(h.submit("p3", FULL, { empathy: ["teach-back"] }))).toMatchObject({ code: "invalid" });
  });

  it("is refused when read from a sheet that is no longer the observer's: another round or another group", () => {
    const h = ScoringHarness.inPhase("roleplay");
    const submitReadFrom = (readFrom: { groupId: string; round: number }) => h.run({ type: "submitScores", scores: FULL, behaviours: {}, readFrom }, participant("p3"));
    expect(refusal(submitReadFrom({ groupId: "g1", round: 0 }))).toMatchObject({ code: "conflict", message: expect.stringContaining("moved on") });
    expect(refusal(submitReadFrom({ groupId: "g2", round: 1 }))).toMatchObject({ code: "conflict" });
    expect(sheetOf(h.s, "g1", 1)?.submissions).toEqual({});
    expect(submitReadFrom({ groupId: "g1", round: 1 }).ok).toBe(true);
  });

  it("happens once per observer per round", () => {
    const h = ScoringHarness.inPhase("roleplay");
    expect(h.submit("p3").ok).toBe(true);
    expect(refusal(h.submit("p3", { empathy: 1, plain: 1 }))).toMatchObject({ code: "conflict" });
    expect(sheetOf(h.s, "g1", 1)?.submissions.p3?.scores).toEqual(FULL);
  });
});

describe("the reveal sequence in the room debrief", () => {
  it("reveals when the staff member has locked in and the patient has answered, in either order", () => {
    const a = ScoringHarness.inPhase("debrief");
    expect(a.must({ type: "lockSelfAssessment", scores: FULL }, participant("p1")).map((e) => e.type)).toEqual(["selfAssessmentLocked"]);
    expect(
      a.must({ type: "submitPatientPerspective", feltHeard: "partly", whatLanded: "  Naming the lost afternoon  " }, participant("p2")).map((e) => e.type),
    ).toEqual(["patientPerspectiveGiven", "scoresRevealed"]);
    expect(sheetOf(a.s, "g1", 1)).toMatchObject({
      selfAssessment: { participantId: "p1", scores: FULL },
      patientPerspective: { participantId: "p2", feltHeard: "partly", whatLanded: "Naming the lost afternoon" },
      revealed: { cause: "performers" },
    });

    const b = ScoringHarness.inPhase("debrief");
    b.must({ type: "submitPatientPerspective", feltHeard: "yes", whatLanded: null }, participant("p2"));
    expect(b.must({ type: "lockSelfAssessment", scores: FULL }, participant("p1")).map((e) => e.type)).toEqual(["selfAssessmentLocked", "scoresRevealed"]);
  });

  it("takes the self-assessment from the staff member only, once, complete, in the debrief", () => {
    expect(refusal(ScoringHarness.inPhase("reset").run({ type: "lockSelfAssessment", scores: FULL }, participant("p1")))).toMatchObject({ code: "invalid" });
    const h = ScoringHarness.inPhase("debrief");
    expect(refusal(h.run({ type: "lockSelfAssessment", scores: FULL }, participant("p3")))).toMatchObject({ code: "forbidden" });
    expect(refusal(h.run({ type: "lockSelfAssessment", scores: { empathy: 4 } }, participant("p1")))).toMatchObject({
      code: "invalid",
      message: "Score every criterion before locking in. Still to score: Plain language.",
    });
    h.must({ type: "lockSelfAssessment", scores: FULL }, participant("p1"));
    expect(refusal(h.run({ type: "lockSelfAssessment", scores: FULL }, participant("p1")))).toMatchObject({ code: "conflict" });
  });

  it("takes the patient's answer from the patient only, once", () => {
    const h = ScoringHarness.inPhase("debrief");
    const answer = { type: "submitPatientPerspective" as const, feltHeard: "no" as const, whatLanded: null };
    expect(refusal(h.run(answer, participant("p1")))).toMatchObject({ code: "forbidden" });
    expect(refusal(h.run({ ...answer, feltHeard: "maybe" as never }, participant("p2")))).toMatchObject({ code: "invalid" });
    expect(refusal(h.run({ ...answer, whatLanded: "x".repeat(501) }, participant("p2")))).toMatchObject({ code: "invalid" });
    h.must(answer, participant("p2"));
    expect(refusal(h.run(answer, participant("p2")))).toMatchObject({ code: "conflict" });
  });

  it("lets the facilitator reveal without waiting, in the debrief or after, once", () => {
    expect(refusal(ScoringHarness.inPhase("roleplay").run({ type: "revealScores", groupId: "g1" }))).toMatchObject({ code: "invalid" });
    const h = ScoringHarness.inPhase("debrief");
    expect(refusal(h.run({ type: "revealScores", groupId: "g1" }, participant("p3")))).toMatchObject({ code: "forbidden" });
    expect(refusal(h.run({ type: "revealScores", groupId: "g1" }, OTHER_FACILITATOR))).toMatchObject({ code: "forbidden" });
    expect(refusal(h.run({ type: "revealScores", groupId: "g9" }))).toMatchObject({ code: "not-found" });
    expect(h.must({ type: "revealScores", groupId: "g1" })).toEqual([{ type: "scoresRevealed", at: h.now, groupId: "g1", round: 1, cause: "facilitator" }]);
    expect(refusal(h.run({ type: "revealScores", groupId: "g1" }))).toMatchObject({ code: "conflict" });
    // The patient answering later does not reveal a second time.
    expect(h.must({ type: "lockSelfAssessment", scores: FULL }, participant("p1")).map((e) => e.type)).toEqual(["selfAssessmentLocked"]);
    expect(h.must({ type: "submitPatientPerspective", feltHeard: "yes", whatLanded: null }, participant("p2")).map((e) => e.type)).toEqual(["patientPerspectiveGiven"]);
    expect(ScoringHarness.inPhase("done").run({ type: "revealScores", groupId: "g1" }).ok).toBe(true);
  });

  it("reveals on the patient's answer alone when the staff member has left", () => {
    const h = ScoringHarness.inPhase("debrief");
    h.must({ type: "leaveWorkshop" }, participant("p1"));
    expect(h.must({ type: "submitPatientPerspective", feltHeard: "yes", whatLanded: null }, participant("p2")).map((e) => e.type)).toEqual([
      "patientPerspectiveGiven",
      "scoresRevealed",
    ]);
  });
});
