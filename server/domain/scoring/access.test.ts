import { describe, expect, it } from "vitest";
import type { GroupPhase } from "../workshop/types";
import { sheetDocAccess, type DocPrincipal } from "./access";
import type { SheetDocAddress } from "./sheet-docs";
import { ScoringHarness } from "./test-support";

const P = (participantId: string): DocPrincipal => ({ kind: "participant", participantId });
const FAC: DocPrincipal = { kind: "facilitator", facilitatorId: "fac-1" };
const shared: SheetDocAddress = { kind: "rubric", workshopId: "w1", groupId: "g1", round: 1 };
const own = (participantId: string): SheetDocAddress => ({ kind: "observer", workshopId: "w1", groupId: "g1", round: 1, participantId });

const accessIn = (h: ScoringHarness, address: SheetDocAddress, who: DocPrincipal) => sheetDocAccess(h.s, address, who).access;

// p1 staff, p2 patient, p3–p5 observers (see ScoringHarness.inPhase).
describe("who may open and write the scoring documents", () => {
  it.each<[GroupPhase, string, string, string, string, string]>([
    // phase       obs→shared  obs→own   perf→shared  fac→shared  fac→observer's
    ["briefing", "read", "read", "none", "read", "read"],
    ["roleplay", "write", "write", "none", "write", "read"],
    ["reset", "write", "write", "none", "write", "read"],
    ["debrief", "write", "write", "none", "write", "read"],
    ["done", "read", "read", "none", "read", "read"],
  ])("in the %s", (phase, observerShared, observerOwn, performerShared, facShared, facObserver) => {
    const h = ScoringHarness.inPhase(phase);
    expect(accessIn(h, shared, P("p3"))).toBe(observerShared);
    expect(accessIn(h, own("p3"), P("p3"))).toBe(observerOwn);
    expect(accessIn(h, shared, P("p1"))).toBe(performerShared);
    expect(accessIn(h, shared, P("p2"))).toBe(performerShared);
    expect(accessIn(h, shared, FAC)).toBe(facShared);
    expect(accessIn(h, own("p3"), FAC)).toBe(facObserver);
  });

  it("never lets anyone but its owner (and the facilitator) open an observer's own sheet", () => {
    const h = ScoringHarness.inPhase("debrief");
    h.must({ type: "revealScores", groupId: "g1" });
    for (const who of ["p1", "p2", "p4"]) {
      expect(sheetDocAccess(h.s, own("p3"), P(who))).toMatchObject({ access: "none", status: 403 });
    }
  });

  it("turns an observer's own sheet read-only once they submit; the shared sheet stays writable", () => {
    const h = ScoringHarness.inPhase("roleplay");
    h.submit("p3");
    expect(accessIn(h, own("p3"), P("p3"))).toBe("read");
    expect(accessIn(h, shared, P("p3"))).toBe("write");
    expect(accessIn(h, own("p4"), P("p4"))).toBe("write");
  });

  it("opens the shared sheet to performers, read-only, after the reveal", () => {
    const h = ScoringHarness.inPhase("debrief");
    expect(sheetDocAccess(h.s, shared, P("p1"))).toMatchObject({ access: "none", status: 403 });
    h.must({ type: "revealScores", groupId: "g1" });
    expect(accessIn(h, shared, P("p1"))).toBe("read");
    expect(accessIn(h, shared, P("p2"))).toBe("read");
    expect(accessIn(h, shared, P("p3"))).toBe("write");
  });

  it("keeps a finished round read-only for those who had it, also in later rounds", () => {
    const h = ScoringHarness.inPhase("done");
    h.must({ type: "startRound" });
    h.goTo("roleplay");
    expect(accessIn(h, shared, P("p3"))).toBe("read");
    expect(accessIn(h, own("p3"), P("p3"))).toBe("read");
    expect(accessIn(h, shared, FAC)).toBe("read");
  });

  it("makes everything read-only when the workshop ends", () => {
    const h = ScoringHarness.inPhase("roleplay");
    h.must({ type: "endWorkshop" });
    expect(accessIn(h, shared, P("p3"))).toBe("read");
    expect(accessIn(h, own("p3"), P("p3"))).toBe("read");
    expect(accessIn(h, shared, FAC)).toBe("read");
  });

  it("refuses other groups, other workshops, other facilitators and sheets that do not exist", () => {
    const h = ScoringHarness.inPhase("roleplay");
    expect(sheetDocAccess(h.s, shared, P("p99"))).toMatchObject({ access: "none", status: 403 });
    expect(sheetDocAccess(h.s, { ...shared, workshopId: "w2" }, P("p3"))).toMatchObject({ access: "none", status: 404 });
    expect(sheetDocAccess(h.s, shared, { kind: "facilitator", facilitatorId: "fac-2" })).toMatchObject({ access: "none", status: 403 });
    expect(sheetDocAccess(h.s, { ...shared, round: 2 }, P("p3"))).toMatchObject({ access: "none", status: 404 });
    expect(sheetDocAccess(h.s, { ...shared, groupId: "g2" }, FAC)).toMatchObject({ access: "none", status: 404 });
    // A performer has no observer sheet to open, not even as the facilitator.
    expect(sheetDocAccess(h.s, own("p1"), FAC)).toMatchObject({ access: "none", status: 404 });
  });

  it("follows a role reassigned mid-round", () => {
    const h = ScoringHarness.inPhase("roleplay");
    h.must({ type: "setRole", groupId: "g1", participantId: "p3", role: "patient" });
    expect(accessIn(h, shared, P("p3"))).toBe("none");
    expect(accessIn(h, shared, P("p2"))).toBe("write");
  });
});
