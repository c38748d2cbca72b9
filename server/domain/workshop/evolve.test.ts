import { describe, expect, it } from "vitest";
import { evolve, evolveAll, fold } from "./evolve";
import { WorkshopHarness } from "./test-support";
import type { WorkshopCommand, WorkshopEvent, WorkshopState } from "./types";

const created: WorkshopEvent = {
  type: "workshopCreated",
  at: 100,
  workshopId: "w-1",
  code: "ABC234",
  title: "Front desk",
  teamLabel: "Outpatients",
  askTeamAndShift: true,
  facilitatorId: "fac-1",
};
const anaJoined: WorkshopEvent = { type: "participantJoined", at: 200, participantId: "p-ana", displayName: "Ana", team: "Reg", shift: "Early" };
const benJoined: WorkshopEvent = { type: "participantJoined", at: 300, participantId: "p-ben", displayName: "Ben", team: null, shift: null };

describe("evolve", () => {
  it("starts an open workshop with no participants from workshopCreated", () => {
    expect(evolve(null, created)).toMatchObject({
      id: "w-1",
      code: "ABC234",
      title: "Front desk",
      teamLabel: "Outpatients",
      askTeamAndShift: true,
      facilitatorId: "fac-1",
      status: "open",
      createdAt: 100,
      endedAt: null,
      participants: {},
    });
  });

  it("adds joined participants in join order", () => {
    const state = fold([created, anaJoined, benJoined])!;
    expect(Object.keys(state.participants)).toEqual(["p-ana", "p-ben"]);
    expect(state.participants["p-ana"]).toEqual({
      id: "p-ana",
      displayName: "Ana",
      team: "Reg",
      shift: "Early",
      joinedAt: 200,
      departure: null,
    });
  });

  it("records a participant leaving, keeping them on record", () => {
    const state = fold([created, anaJoined, { type: "participantLeft", at: 400, participantId: "p-ana" }])!;
    expect(state.participants["p-ana"]?.departure).toEqual({ at: 400, kind: "left", reason: null });
    expect(state.participants["p-ana"]?.displayName).toBe("Ana");
  });

  it("records a removal with its reason", () => {
    const state = fold([created, anaJoined, benJoined, { type: "participantRemoved", at: 500, participantId: "p-ben", reason: "Wrong room" }])!;
    expect(state.participants["p-ben"]?.departure).toEqual({ at: 500, kind: "removed", reason: "Wrong room" });
    expect(state.participants["p-ana"]?.departure).toBeNull();
  });

  it("ends the workshop at the event's time", () => {
    const state = fold([created, { type: "workshopEnded", at: 900 }])!;
    expect(state.status).toBe("ended");
    expect(state.endedAt).toBe(900);
  });

  it("ignores departures of unknown participants instead of throwing", () => {
    const state = fold([created, anaJoined])!;
    expect(evolve(state, { type: "participantLeft", at: 1, participantId: "p-ghost" })).toBe(state);
    expect(evolve(state, { type: "participantRemoved", at: 1, participantId: "p-ghost", reason: null })).toBe(state);
  });

  it("ignores events before a workshop exists", () => {
    expect(evolve(null, anaJoined)).toBeNull();
    expect(evolve(null, { type: "workshopEnded", at: 1 })).toBeNull();
    expect(fold([])).toBeNull();
  });

  it("never mutates the previous state", () => {
    const before = fold([created, anaJoined])!;
    const snapshot = structuredClone(before);
    evolve(before, benJoined);
    evolve(before, { type: "participantRemoved", at: 1, participantId: "p-ana", reason: null });
    evolve(before, { type: "workshopEnded", at: 1 });
    expect(before).toEqual(snapshot);
  });

  it("folds the same events to the same state every time (restart safety)", () => {
    const events: WorkshopEvent[] = [created, anaJoined, benJoined, { type: "participantLeft", at: 400, participantId: "p-ana" }, { type: "workshopEnded", at: 900 }];
    expect(fold(events)).toEqual(fold(JSON.parse(JSON.stringify(events)) as WorkshopEvent[]));
  });
});

describe("evolveAll", () => {
  const oneByOne = (state: WorkshopState | null, events: readonly WorkshopEvent[]) => events.reduce<WorkshopState | null>(evolve, state);

  it("gives what evolving the events one by one gives, for every command of two rounds in three groups", () => {
    const h = WorkshopHarness.withParticipants(12);
    const commands: WorkshopCommand[] = [
      { type: "formGroups" },
      { type: "startRound" },
      { type: "startRoleplay" },
      { type: "advanceGroups" },
      { type: "stepBackGroups", groupIds: ["g2"] },
      { type: "advanceGroups" },
      { type: "advanceGroups" },
      { type: "advanceGroups" },
      { type: "startRound" },
      { type: "startRoleplay", groupIds: ["g1", "g3"] },
      { type: "advanceGroups" },
    ];
    let checkedRuns = 0;
    for (const command of commands) {
      const before = h.s;
      const events = h.must(command);
      if (events.filter((e) => e.type === "groupPhaseChanged").length > 1) checkedRuns += 1;
      expect(evolveAll(before, events), command.type).toEqual(oneByOne(before, events));
    }
    // The batched path was taken, and role-play start times reached the sheets through it.
    expect(checkedRuns).toBeGreaterThanOrEqual(5);
    expect(Object.values(h.s.sheets).filter((sheet) => sheet.roleplayStartedAt !== null).length).toBeGreaterThanOrEqual(4);
  });

  it("applies a group changed twice in one list in order, and other events between runs", () => {
    const h = WorkshopHarness.withParticipants(8);
    h.must({ type: "formGroups" });
    h.must({ type: "startRound" });
    const state = h.s;
    const phase = (groupId: string, p: "roleplay" | "reset", at: number): WorkshopEvent => ({
      type: "groupPhaseChanged",
      at,
      groupId,
      phase: p,
      timer: { endsAt: at + 1000, pausedRemainingMs: null, durationMs: 1000 },
      cause: "facilitator",
    });
    // The first change of g1 hands out new roles; the second must keep them.
    const g1 = state.groups[0]!;
    const swapped = Object.fromEntries(g1.memberIds.map((id, i) => [id, g1.roles[g1.memberIds[(i + 1) % g1.memberIds.length]!]!]));
    const events: WorkshopEvent[] = [
      { ...(phase("g1", "roleplay", 10) as Extract<WorkshopEvent, { type: "groupPhaseChanged" }>), nextRoles: swapped },
      phase("g2", "roleplay", 11),
      phase("g1", "reset", 12),
      { type: "messageBroadcast", at: 13, text: "Two minutes" },
      phase("g2", "reset", 14),
    ];
    const batched = evolveAll(state, events)!;
    expect(batched).toEqual(oneByOne(state, events));
    expect(batched.groups.map((g) => g.phase)).toEqual(["reset", "reset"]);
    expect(batched.sheets["g1/1"]!.roleplayStartedAt).toBe(10);
    expect(batched.groups[0]!.roles).toEqual(swapped);
  });

  it("applies a run of joins as one by one does, keeping the joining order", () => {
    const h = WorkshopHarness.withParticipants(2);
    const joined = (id: string, at: number): WorkshopEvent => ({ type: "participantJoined", at, participantId: id, displayName: `Person ${id}`, team: null, shift: null });
    // p1 joins again (a second device) inside the run: the entry is replaced where it stood.
    const events = [joined("x1", 10), joined("x2", 11), joined(Object.keys(h.s.participants)[0]!, 12), joined("x3", 13)];
    const batched = evolveAll(h.s, events)!;
    const sequential = oneByOne(h.s, events)!;
    expect(batched).toEqual(sequential);
    expect(Object.keys(batched.participants)).toEqual(Object.keys(sequential.participants));
    expect(Object.keys(batched.participants)).toHaveLength(5);
  });

  it("folds a stored history as evolve does, from nothing", () => {
    const h = WorkshopHarness.withParticipants(9);
    for (const type of ["formGroups", "startRound", "startRoleplay", "advanceGroups"] as const) h.must({ type });
    expect(fold(h.events)).toEqual(oneByOne(null, h.events));
  });
});
