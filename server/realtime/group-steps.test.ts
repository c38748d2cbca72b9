import { describe, expect, it } from "vitest";
import { CONTENT, FULL, ScoringHarness, participant } from "../domain/scoring/test-support";
import { applyGroupStep, type WireGroupStep } from "../domain/workshop/group-step";
import { PLAN, SYSTEM } from "../domain/workshop/test-support";
import type { Scenario } from "../domain/scenario-schema";
import type { WorkshopCommand, WorkshopState } from "../domain/workshop/types";
import { activeParticipants, toParticipantView, viewerPlace } from "../domain/workshop/views";
import { createViewAssembler, splitParticipantView, type WireParticipantView } from "../domain/workshop/wire-view";
import { groupStepMessages, groupStepsBetween } from "./group-steps";
import { ViewMessages } from "./view-messages";

const EPOCH = "e1";
const connected = (id: string) => id !== "p7";
// Scenarios with briefs, so a view's content (scenario, briefs) differs by phase and role.
const scenario = (id: string) =>
  ({
    id,
    title: `Scenario ${id}`,
    setting: "front-desk",
    situation: "A bill",
    durationMinutes: 5,
    curveballs: [],
    briefs: { patient: { summary: "patient brief" }, staff: { summary: "staff brief" }, observers: { summary: "observer brief" } },
  }) as unknown as Scenario;
const WITH_SCENARIOS = { ...CONTENT, scenario };

function wireOf(state: WorkshopState, version: number, now: number, id: string): WireParticipantView {
  return splitParticipantView(toParticipantView(state, version, connected, WITH_SCENARIOS, now, viewerPlace(state, id)), EPOCH).wire;
}

/** Two groups of five in round 1's briefing (roles as formGroups dealt them), and the views everyone was sent. */
function workshop() {
  const h = new ScoringHarness();
  h.must({ type: "createWorkshop", workshopId: "w1", code: "ABCDEF", title: "Test", teamLabel: null, askTeamAndShift: false });
  for (let i = 1; i <= 10; i++) h.must({ type: "joinWorkshop", participantId: `p${i}`, displayName: `Person ${i}`, team: null, shift: null }, participant(`p${i}`));
  h.must({ type: "setPlan", plan: { ...PLAN, groupSize: 5 } });
  h.must({ type: "formGroups" });
  h.must({ type: "startRound" });
  return h;
}

/**
 * Runs one change and checks what the fan-out would send: when the step
 * logic says steps will do, every active participant's view, stepped from
 * the one they were sent, must be exactly the view the server builds now.
 * Returns how many groups stepped, or null when whole views go out.
 */
function change(h: ScoringHarness, version: { n: number }, run: () => void): number | null {
  const before = h.s;
  const baseVersion = version.n;
  const sentAt = 5_000 + baseVersion;
  const sent = new Map(activeParticipants(before).map((p) => [p.id, wireOf(before, baseVersion, sentAt, p.id)]));
  const eventsBefore = h.events.length;
  run();
  version.n += h.events.length - eventsBefore;
  const now = 5_000 + version.n;
  const parts = groupStepsBetween(before, h.s, EPOCH);
  if (parts === null) return null;
  const messages = groupStepMessages(h.s, parts, { baseVersion, version: version.n, serverNow: now });
  const stepFor = (id: string): WireGroupStep => {
    const to = messages.filter((m) => m.people.includes(id));
    expect(to, `${id} is sent exactly one step`).toHaveLength(1);
    return to[0]!.message;
  };
  for (const { id } of activeParticipants(h.s)) {
    const previous = sent.get(id);
    expect(previous, `${id} was sent a view before`).toBeDefined();
    expect(applyGroupStep(previous!, stepFor(id), id), `${id} after ${h.events.at(-1)?.type}`).toEqual(wireOf(h.s, version.n, now, id));
  }
  return parts.length;
}

const observerOf = (h: ScoringHarness, groupId: string) => h.group(groupId).memberIds.find((id) => h.group(groupId).roles[id] === "observer")!;

describe("group steps", () => {
  it("bring every view to what the server builds now, through a whole round, and give way to whole views for anything else", () => {
    const h = workshop();
    const v = { n: h.events.length };
    const run = (command: WorkshopCommand, actor = undefined as Parameters<ScoringHarness["must"]>[1]) => () => void h.must(command, actor);
    const advance = (groupIds?: string[]) => {
      h.now += 1_000;
      return run({ type: "advanceGroups", ...(groupIds ? { groupIds } : {}) });
    };

    expect(change(h, v, advance())).toBe(2); // both into role-play
    expect(change(h, v, run({ type: "pauseGroup", groupId: "g1" }))).toBe(1);
    expect(change(h, v, run({ type: "resumeGroup", groupId: "g1" }))).toBe(1);
    expect(change(h, v, run({ type: "extendGroup", groupId: "g2", seconds: 60 }))).toBe(1);
    // Someone joining changes the lobby's count: whole views.
    expect(change(h, v, run({ type: "joinWorkshop", participantId: "late", displayName: "Late", team: null, shift: null }, participant("late")))).toBeNull();
    // A lobby participant's view only takes the new version.
    expect(change(h, v, advance(["g1"]))).toBe(1); // g1 into reset
    expect(change(h, v, () => void h.submit(observerOf(h, "g1"), FULL))).toBeNull();
    h.now += 1_000;
    expect(change(h, v, run({ type: "stepBackGroups", groupIds: ["g1"] }))).toBe(1); // back into role-play: a new start time
    expect(change(h, v, advance())).toBe(2); // g1 reset, g2 reset
    expect(change(h, v, advance(["g2"]))).toBe(1); // g2 into the room debrief: the staff member gets the rubric
    // The server's clock ends g1's reset: a step like the facilitator's.
    h.now = h.group("g1").timer!.endsAt! + 1;
    expect(change(h, v, run({ type: "expirePhase", groupId: "g1", endsAt: h.group("g1").timer!.endsAt! }, SYSTEM))).toBe(1);
  });

  it("step a group back out of the debrief, and after the reveal keep the rubric for the performers", () => {
    const h = workshop();
    const v = { n: h.events.length };
    const advance = () => {
      h.now += 1_000;
      h.must({ type: "advanceGroups", groupIds: ["g1"] });
    };
    for (let i = 0; i < 3; i++) expect(change(h, v, advance)).toBe(1); // role-play, reset, debrief
    expect(change(h, v, () => void h.must({ type: "stepBackGroups", groupIds: ["g1"] }))).toBe(1);
    expect(change(h, v, advance)).toBe(1);
    expect(change(h, v, () => void h.must({ type: "revealScores", groupId: "g1" }))).toBeNull();
    expect(change(h, v, () => void h.must({ type: "stepBackGroups", groupIds: ["g1"] }))).toBe(1);
    expect(change(h, v, () => void h.must({ type: "pauseGroup", groupId: "g1" }))).toBe(1);
    expect(change(h, v, () => void h.must({ type: "advanceGroups", groupIds: ["g1"] }))).toBe(1);
    // The end of the round rotates roles and takes the scenario and briefs away: a step too.
    const rolesBefore = h.group("g1").roles;
    expect(change(h, v, () => void h.must({ type: "advanceGroups", groupIds: ["g1"] }))).toBe(1);
    expect(h.group("g1").phase).toBe("done");
    expect(h.group("g1").roles).not.toEqual(rolesBefore);
    // g2 all the way to the end too (briefing to done), then the next round starts with new
    // scenarios, sheets and briefs: whole views.
    for (let i = 0; i < 4; i++) expect(change(h, v, () => void h.must({ type: "advanceGroups", groupIds: ["g2"] }))).toBe(1);
    expect(change(h, v, () => void h.must({ type: "startRound" }))).toBeNull();
    expect(change(h, v, () => void h.must({ type: "advanceGroups" }))).toBe(2);
  });

  it("leave to whole views a ready toggle, people placed or leaving, and a sheet that lists someone outside the group", () => {
    const h = workshop();
    const v = { n: h.events.length };
    expect(change(h, v, () => void h.must({ type: "setReady", ready: true }, participant(h.group("g1").memberIds[0]!)))).toBeNull();
    // A late joiner placed mid-round scores on the group's sheet from then on, and steps with it.
    expect(change(h, v, () => void h.must({ type: "joinWorkshop", participantId: "late", displayName: "Late", team: null, shift: null }, participant("late")))).toBeNull();
    expect(change(h, v, () => void h.must({ type: "placeParticipant", participantId: "late", groupId: "g1" }))).toBeNull();
    expect(change(h, v, () => void h.must({ type: "advanceGroups", groupIds: ["g1"] }))).toBe(1);
    // An observer who submitted and left stays on the sheet (the submission counts) but not in
    // the group: the step logic does not reason about them, so whole views go out.
    const leaver = observerOf(h, "g2");
    expect(change(h, v, () => void h.must({ type: "advanceGroups", groupIds: ["g2"] }))).toBe(1);
    expect(change(h, v, () => void h.submit(leaver, FULL))).toBeNull();
    expect(change(h, v, () => void h.must({ type: "leaveWorkshop" }, participant(leaver)))).toBeNull();
    expect(h.s.sheets["g2/1"]!.observerIds).toContain(leaver);
    expect(change(h, v, () => void h.must({ type: "advanceGroups", groupIds: ["g2"] }))).toBeNull();
    expect(change(h, v, () => void h.must({ type: "advanceGroups", groupIds: ["g1"] }))).toBe(1);
  });

  it("are refused by a view that is not their base, and ignored by one already as new", () => {
    const h = workshop();
    h.must({ type: "joinWorkshop", participantId: "late", displayName: "Late", team: null, shift: null }, participant("late"));
    const before = h.s;
    const sent = wireOf(before, 10, 1, "p1");
    h.now += 1_000;
    h.must({ type: "advanceGroups" });
    const messages = groupStepMessages(h.s, groupStepsBetween(before, h.s, EPOCH)!, { baseVersion: 10, version: 12, serverNow: 2 });
    const own = messages.find((g) => g.people.includes("p1"))!.message;
    const others = messages.find((g) => g.people.includes("late"))!.message;
    expect(others.group).toBeNull();
    expect(applyGroupStep({ ...sent, version: 9 }, own, "p1")).toBeNull();
    expect(applyGroupStep({ ...sent, version: 12 }, own, "p1")).toEqual({ ...sent, version: 12 });
    const other = messages.find((g) => g.message.group && !g.people.includes("p1"))!.message;
    expect(applyGroupStep(sent, other, "p1"), "another group's step").toBeNull();
    expect(applyGroupStep(sent, { ...others, workshopId: "w2" }, "p1")).toBeNull();
  });

  it("join through the browser's assembler into the same view the server builds", () => {
    const h = workshop();
    const before = h.s;
    const assembler = createViewAssembler();
    const full = new ViewMessages(WITH_SCENARIOS, EPOCH).forConnection({ state: before, version: 4, isConnected: connected, now: 10 }, "p1");
    expect(assembler.receive(full, "p1")).not.toBeNull();
    h.now += 1_000;
    h.must({ type: "advanceGroups" });
    const step = groupStepMessages(h.s, groupStepsBetween(before, h.s, EPOCH)!, { baseVersion: 4, version: 5, serverNow: 20 }).find((g) => g.people.includes("p1"))!.message;
    expect(assembler.receive(step, "p1")).toEqual(toParticipantView(h.s, 5, connected, WITH_SCENARIOS, 20, viewerPlace(h.s, "p1")));
    // A step it cannot apply (a gap): null, so the page asks for the whole view.
    expect(assembler.receive({ ...step, baseVersion: 6, version: 7 }, "p1")).toBeNull();
  });
});
