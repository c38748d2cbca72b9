import { describe, expect, it } from "vitest";
import { remainingMs } from "../phases/timer";
import { FACILITATOR, OTHER_FACILITATOR, PLAN, participant, SYSTEM, WorkshopHarness } from "./test-support";
import type { GroupPhase } from "./types";

const started = (count = 8) => {
  const h = WorkshopHarness.withParticipants(count);
  h.must({ type: "formGroups" });
  h.must({ type: "startRound" });
  return h;
};

describe("planning", () => {
  it("refuses a plan with an unknown scenario or rubric, or the wrong number of scenarios", () => {
    const h = WorkshopHarness.withParticipants(4, null);
    expect(h.run({ type: "setPlan", plan: { ...PLAN, rubricId: "nope" } })).toMatchObject({ ok: false, error: { message: expect.stringContaining('no rubric called "nope"') } });
    expect(h.run({ type: "setPlan", plan: { ...PLAN, scenarioIds: ["copay", "ghost"] } })).toMatchObject({ ok: false, error: { message: expect.stringContaining('"ghost"') } });
    expect(h.run({ type: "setPlan", plan: { ...PLAN, rounds: 3 } })).toMatchObject({ ok: false, error: { message: "Pick one scenario for each of the 3 rounds." } });
    expect(h.s.plan).toBeNull();
    h.must({ type: "setPlan", plan: PLAN });
    expect(h.s.plan).toEqual(PLAN);
  });

  it("refuses to form groups before a plan exists", () => {
    const h = WorkshopHarness.withParticipants(6, null);
    expect(h.run({ type: "formGroups" })).toMatchObject({ ok: false, error: { message: expect.stringContaining("Choose a plan first") } });
  });
});

describe("forming groups", () => {
  it("splits the lobby into balanced groups, each with one patient and one staff member", () => {
    const h = WorkshopHarness.withParticipants(9);
    h.must({ type: "formGroups" });
    const sizes = h.s.groups.map((g) => g.memberIds.length).sort();
    expect(sizes).toEqual([4, 5]);
    for (const group of h.s.groups) {
      const roles = Object.values(group.roles);
      expect(roles.filter((r) => r === "patient")).toHaveLength(1);
      expect(roles.filter((r) => r === "staff")).toHaveLength(1);
      expect(group.phase).toBe("waiting");
    }
    expect(new Set(h.s.groups.flatMap((g) => g.memberIds)).size).toBe(9);
  });

  it("refuses to form groups with fewer than three people, and after round 1 has started", () => {
    const small = WorkshopHarness.withParticipants(2);
    expect(small.run({ type: "formGroups" }).ok).toBe(false);
    const h = started();
    expect(h.run({ type: "formGroups" })).toMatchObject({ ok: false, error: { message: expect.stringContaining("before the first round") } });
  });

  it("re-shuffling before the first round replaces the groups", () => {
    const h = WorkshopHarness.withParticipants(12);
    h.must({ type: "formGroups" });
    const first = JSON.stringify(h.s.groups.map((g) => g.memberIds));
    h.must({ type: "formGroups" });
    expect(JSON.stringify(h.s.groups.map((g) => g.memberIds))).not.toBe(first);
    expect(h.s.groups).toHaveLength(3);
  });
});

describe("adjusting groups", () => {
  it("moves a person between groups as an observer, refilling a performer role left behind", () => {
    const h = WorkshopHarness.withParticipants(8);
    h.must({ type: "formGroups" });
    const staff = h.holder("staff", "g1");
    h.must({ type: "moveMember", participantId: staff, toGroupId: "g2" });
    expect(h.group("g2").roles[staff]).toBe("observer");
    expect(h.group("g1").memberIds).not.toContain(staff);
    expect(Object.values(h.group("g1").roles)).toContain("staff");
  });

  it("refuses moves during a round, and moves that leave a group unable to play", () => {
    const h = started();
    const someone = h.group("g1").memberIds[0]!;
    expect(h.run({ type: "moveMember", participantId: someone, toGroupId: "g2" })).toMatchObject({ ok: false, error: { message: expect.stringContaining("between rounds") } });
    const small = WorkshopHarness.withParticipants(6, { ...PLAN, groupSize: 3 });
    small.must({ type: "formGroups" });
    const [a, b] = small.group("g1").memberIds;
    small.must({ type: "moveMember", participantId: a!, toGroupId: "g2" });
    expect(small.run({ type: "moveMember", participantId: b!, toGroupId: "g2" })).toMatchObject({ ok: false, error: { message: expect.stringContaining("at least two people") } });
  });

  it("swaps two people's roles in the briefing but not once the role-play runs", () => {
    const h = started();
    const staff = h.holder("staff");
    const patient = h.holder("patient");
    h.must({ type: "swapRoles", groupId: "g1", participantIds: [staff, patient] });
    expect(h.group("g1").roles[staff]).toBe("patient");
    expect(h.group("g1").roles[patient]).toBe("staff");
    h.must({ type: "startRoleplay" });
    expect(h.run({ type: "swapRoles", groupId: "g1", participantIds: [staff, patient] }).ok).toBe(false);
  });

  it("reassigns the staff role mid-round when the staff member never comes back", () => {
    const h = started();
    h.must({ type: "startRoleplay" });
    const staff = h.holder("staff");
    const observer = h.group("g1").memberIds.find((id) => h.group("g1").roles[id] === "observer")!;
    h.must({ type: "setRole", groupId: "g1", participantId: observer, role: "staff" });
    expect(h.holder("staff")).toBe(observer);
    expect(h.group("g1").roles[staff]).toBe("observer");
  });

  it("places a late joiner into a running group as an observer", () => {
    const h = started();
    h.must({ type: "joinWorkshop", participantId: "late", displayName: "Late", team: null, shift: null }, participant("late"));
    h.must({ type: "placeParticipant", participantId: "late", groupId: "g2" });
    expect(h.group("g2").roles.late).toBe("observer");
    expect(h.run({ type: "placeParticipant", participantId: "late", groupId: "g1" })).toMatchObject({ ok: false, error: { message: expect.stringContaining("already in a group") } });
  });
});

describe("the phase machine", () => {
  it("runs briefing → role-play → reset → debrief → done, each with its planned deadline", () => {
    const h = started();
    const seen: GroupPhase[] = [h.group().phase];
    expect(h.group().timer).toEqual({ endsAt: h.now + 60_000, pausedRemainingMs: null, durationMs: 60_000 });
    for (let i = 0; i < 4; i++) {
      h.now += 1_000;
      h.must({ type: "advanceGroups", groupIds: ["g1"] });
      seen.push(h.group().phase);
    }
    expect(seen).toEqual(["briefing", "roleplay", "reset", "debrief", "done"]);
    expect(h.group("g2").phase).toBe("briefing");
  });

  it("refuses to start a round with no groups, or while a round is still running", () => {
    const h = WorkshopHarness.withParticipants(4);
    expect(h.run({ type: "startRound" })).toMatchObject({ ok: false, error: { message: "Form groups before starting a round." } });
    h.must({ type: "formGroups" });
    h.must({ type: "startRound" });
    expect(h.run({ type: "startRound" })).toMatchObject({ ok: false, error: { message: expect.stringContaining("still in round 1") } });
  });

  it("steps back a phase and restarts that phase's timer", () => {
    const h = started();
    h.must({ type: "startRoleplay" });
    h.now += 10_000;
    h.must({ type: "advanceGroups", groupIds: ["g1"] });
    expect(h.group().phase).toBe("reset");
    h.must({ type: "stepBackGroups", groupIds: ["g1"] });
    expect(h.group().phase).toBe("roleplay");
    expect(remainingMs(h.group().timer!, h.now)).toBe(300_000);
    expect(h.run({ type: "stepBackGroups", groupIds: ["g2"] }).ok).toBe(true);
    expect(h.group("g2").phase).toBe("briefing");
  });

  it("expires a phase only for the deadline it was armed with, and only once it has passed", () => {
    const h = started();
    const endsAt = h.group().timer!.endsAt!;
    expect(h.run({ type: "expirePhase", groupId: "g1", endsAt }, SYSTEM)).toMatchObject({ ok: false, error: { code: "conflict" } });
    h.now = endsAt;
    expect(h.run({ type: "expirePhase", groupId: "g1", endsAt: endsAt - 1 }, SYSTEM).ok).toBe(false);
    h.must({ type: "expirePhase", groupId: "g1", endsAt }, SYSTEM);
    expect(h.group().phase).toBe("roleplay");
    // A second expiry for the same, now moved, deadline does nothing.
    expect(h.run({ type: "expirePhase", groupId: "g1", endsAt }, SYSTEM).ok).toBe(false);
    expect(h.group().phase).toBe("roleplay");
  });

  it("lets only the server's clock expire a phase", () => {
    const h = started();
    h.now += 60_000;
    const endsAt = h.group().timer!.endsAt!;
    expect(h.run({ type: "expirePhase", groupId: "g1", endsAt }, FACILITATOR)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(h.run({ type: "expirePhase", groupId: "g1", endsAt }, participant("p1"))).toMatchObject({ ok: false, error: { code: "forbidden" } });
  });

  it("rotates roles when a round completes, so the next round's staff is someone new", () => {
    const h = started(4);
    const firstStaff = h.holder("staff");
    const firstPatient = h.holder("patient");
    for (let i = 0; i < 4; i++) h.must({ type: "advanceGroups" });
    expect(h.group().phase).toBe("done");
    expect(h.holder("staff")).not.toBe(firstStaff);
    expect(h.holder("patient")).not.toBe(firstPatient);
    h.must({ type: "startRound" });
    expect(h.s.round).toBe(2);
    expect(h.group().scenarioId).toBe("wait");
    expect(h.s.roleHistory[firstStaff]).toMatchObject({ staff: 1 });
  });

  it("plays a group-specific scenario when the facilitator picks one for the next round", () => {
    const h = started(8);
    for (let i = 0; i < 4; i++) h.must({ type: "advanceGroups" });
    h.must({ type: "setGroupScenario", groupId: "g2", scenarioId: "denial" });
    h.must({ type: "startRound" });
    expect(h.group("g1").scenarioId).toBe("wait");
    expect(h.group("g2").scenarioId).toBe("denial");
  });

  it("refuses another round after the last one, and hands over to the plenary", () => {
    const h = started(4);
    for (let round = 1; round <= 2; round++) {
      for (let i = 0; i < 4; i++) h.must({ type: "advanceGroups" });
      if (round === 1) h.must({ type: "startRound" });
    }
    expect(h.run({ type: "startRound" })).toMatchObject({ ok: false, error: { message: expect.stringContaining("All 2 rounds") } });
    h.must({ type: "startPlenary" });
    expect(h.s.stage).toBe("plenary");
    expect(h.run({ type: "startPlenary" })).toMatchObject({ ok: false, error: { code: "conflict" } });
  });
});

describe("timers with an injected clock", () => {
  it("pauses, resumes and extends a group's deadline", () => {
    const h = started();
    h.must({ type: "startRoleplay" });
    h.now += 100_000;
    h.must({ type: "pauseGroup", groupId: "g1" });
    expect(h.group().timer).toMatchObject({ endsAt: null, pausedRemainingMs: 200_000 });
    h.now += 50_000; // paused time does not count
    h.must({ type: "resumeGroup", groupId: "g1" });
    expect(remainingMs(h.group().timer!, h.now)).toBe(200_000);
    h.must({ type: "extendGroup", groupId: "g1", seconds: 60 });
    expect(remainingMs(h.group().timer!, h.now)).toBe(260_000);
    expect(remainingMs(h.group("g2").timer!, h.now)).toBe(150_000);
  });

  it("refuses to extend a phase that has ended or a group with no running phase", () => {
    const h = WorkshopHarness.withParticipants(4);
    h.must({ type: "formGroups" });
    expect(h.run({ type: "extendGroup", groupId: "g1", seconds: 60 })).toMatchObject({ ok: false, error: { message: expect.stringContaining("no phase running") } });
    h.must({ type: "startRound" });
    h.now += 61_000;
    expect(h.run({ type: "extendGroup", groupId: "g1", seconds: 60 })).toMatchObject({ ok: false, error: { message: expect.stringContaining("Time is already up") } });
  });
});

describe("participants in a round", () => {
  it("marks ready only during the briefing, and asks for help", () => {
    const h = started();
    const member = h.group().memberIds[0]!;
    h.must({ type: "setReady", ready: true }, participant(member));
    expect(h.group().ready).toEqual([member]);
    h.must({ type: "askForHelp", message: "Our patient left" }, participant(member));
    expect(h.group().help).toMatchObject({ participantId: member, message: "Our patient left" });
    h.must({ type: "clearHelp", groupId: "g1" });
    expect(h.group().help).toBeNull();
    h.must({ type: "startRoleplay" });
    expect(h.run({ type: "setReady", ready: true }, participant(member))).toMatchObject({ ok: false, error: { message: expect.stringContaining("briefing") } });
  });

  it("refuses facilitator commands from participants and from another facilitator", () => {
    const h = started();
    const before = JSON.stringify(h.s);
    for (const actor of [participant("p1"), OTHER_FACILITATOR]) {
      for (const command of [
        { type: "startRoleplay" as const },
        { type: "pauseGroup" as const, groupId: "g1" },
        { type: "broadcastMessage" as const, text: "hi" },
        { type: "formGroups" as const },
        { type: "setRole" as const, groupId: "g1", participantId: "p1", role: "staff" as const },
      ]) {
        expect(h.run(command, actor)).toMatchObject({ ok: false, error: { code: "forbidden" } });
      }
    }
    expect(JSON.stringify(h.s)).toBe(before);
  });

  it("sends curveballs only to rooms in role-play, and only cards from their scenario", () => {
    const h = started();
    expect(h.run({ type: "sendCurveball", groupIds: ["g1"], curveballId: "receipt-found" })).toMatchObject({ ok: false, error: { message: expect.stringContaining("in role-play") } });
    h.must({ type: "startRoleplay" });
    expect(h.run({ type: "sendCurveball", groupIds: ["g1"], curveballId: "system-down" })).toMatchObject({ ok: false, error: { message: expect.stringContaining("not part of") } });
    h.must({ type: "sendCurveball", groupIds: ["g1"], curveballId: "receipt-found" });
    expect(h.group().curveballs.map((c) => c.id)).toEqual(["receipt-found"]);
    expect(h.group("g2").curveballs).toEqual([]);
  });

  it("takes a person who leaves out of their group", () => {
    const h = started();
    const staff = h.holder("staff");
    h.must({ type: "leaveWorkshop" }, participant(staff));
    expect(h.group().memberIds).not.toContain(staff);
    expect(Object.values(h.group().roles)).not.toContain("staff");
  });
});
