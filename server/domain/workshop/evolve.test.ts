import { describe, expect, it } from "vitest";
import { evolve, fold } from "./evolve";
import type { WorkshopEvent } from "./types";

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
