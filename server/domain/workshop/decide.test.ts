import { describe, expect, it } from "vitest";
import { decide } from "./decide";
import { fold } from "./evolve";
import type { Actor, DecideContext, Decision, WorkshopCommand, WorkshopEvent, WorkshopState } from "./types";

const ctx: DecideContext = {
  now: 1_000,
  random: () => 0,
  library: { hasScenario: () => false, hasRubric: () => false, curveballIds: () => [] },
};
const owner: Actor = { kind: "facilitator", facilitatorId: "fac-1" };
const otherFacilitator: Actor = { kind: "facilitator", facilitatorId: "fac-2" };
const ana: Actor = { kind: "participant", participantId: "p-ana" };
const ben: Actor = { kind: "participant", participantId: "p-ben" };

const created = (askTeamAndShift = false): WorkshopEvent => ({
  type: "workshopCreated",
  at: 1,
  workshopId: "w-1",
  code: "ABC234",
  title: "Front desk",
  teamLabel: null,
  askTeamAndShift,
  facilitatorId: "fac-1",
});
const joined = (participantId: string, displayName: string): WorkshopEvent => ({
  type: "participantJoined",
  at: 2,
  participantId,
  displayName,
  team: null,
  shift: null,
});

function stateOf(...events: WorkshopEvent[]): WorkshopState {
  const state = fold(events);
  if (!state) throw new Error("no state");
  return state;
}

/** A workshop with Ana and Ben in the lobby. */
const open = () => stateOf(created(), joined("p-ana", "Ana"), joined("p-ben", "Ben"));

function refusal(decision: Decision) {
  if (decision.ok) throw new Error(`expected a refusal, got ${JSON.stringify(decision.events)}`);
  return decision.error;
}
function eventsOf(decision: Decision) {
  if (!decision.ok) throw new Error(`expected events, got ${decision.error.code}: ${decision.error.message}`);
  return decision.events;
}

const createCommand: WorkshopCommand = {
  type: "createWorkshop",
  workshopId: "w-1",
  code: "ABC234",
  title: "Front desk",
  teamLabel: "Outpatients",
  askTeamAndShift: true,
};
const joinCommand = (participantId: string, extra: Partial<{ team: string | null; shift: string | null }> = {}): WorkshopCommand => ({
  type: "joinWorkshop",
  participantId,
  displayName: "Cleo",
  team: extra.team ?? null,
  shift: extra.shift ?? null,
});

describe("createWorkshop", () => {
  it("creates a workshop owned by the facilitator who asked, stamped with the clock", () => {
    expect(eventsOf(decide(null, createCommand, owner, ctx))).toEqual([
      {
        type: "workshopCreated",
        at: 1_000,
        workshopId: "w-1",
        code: "ABC234",
        title: "Front desk",
        teamLabel: "Outpatients",
        askTeamAndShift: true,
        facilitatorId: "fac-1",
      },
    ]);
  });

  it("refuses a participant", () => {
    expect(refusal(decide(null, createCommand, ana, ctx)).code).toBe("forbidden");
  });

  it("refuses to create a workshop that already exists", () => {
    expect(refusal(decide(open(), createCommand, owner, ctx)).code).toBe("conflict");
  });
});

describe("commands on a workshop that does not exist", () => {
  it.each<WorkshopCommand>([
    joinCommand("p-new"),
    { type: "leaveWorkshop" },
    { type: "removeParticipant", participantId: "p-ana", reason: null },
    { type: "endWorkshop" },
  ])("$type is refused as not-found", (command) => {
    const actor = command.type === "joinWorkshop" ? { kind: "participant" as const, participantId: "p-new" } : owner;
    expect(refusal(decide(null, command, actor, ctx)).code).toBe("not-found");
  });
});

describe("joinWorkshop", () => {
  it("lets a new participant join as themselves", () => {
    expect(eventsOf(decide(open(), joinCommand("p-cleo"), { kind: "participant", participantId: "p-cleo" }, ctx))).toEqual([
      { type: "participantJoined", at: 1_000, participantId: "p-cleo", displayName: "Cleo", team: null, shift: null },
    ]);
  });

  it("keeps team and shift only when the workshop asks for them", () => {
    const asks = stateOf(created(true));
    const doesNotAsk = stateOf(created(false));
    const command = joinCommand("p-cleo", { team: "Registration", shift: "Late" });
    const actor: Actor = { kind: "participant", participantId: "p-cleo" };
    expect(eventsOf(decide(asks, command, actor, ctx))[0]).toMatchObject({ team: "Registration", shift: "Late" });
    expect(eventsOf(decide(doesNotAsk, command, actor, ctx))[0]).toMatchObject({ team: null, shift: null });
  });

  it("refuses joining on someone else's behalf", () => {
    expect(refusal(decide(open(), joinCommand("p-cleo"), ana, ctx)).code).toBe("forbidden");
  });

  it("refuses a facilitator joining as a participant", () => {
    expect(refusal(decide(open(), joinCommand("p-cleo"), owner, ctx)).code).toBe("forbidden");
  });

  it("refuses a second join with the same participant id", () => {
    expect(refusal(decide(open(), joinCommand("p-ana"), ana, ctx)).code).toBe("conflict");
  });

  it("refuses joining an ended workshop", () => {
    const ended = stateOf(created(), { type: "workshopEnded", at: 5 });
    const error = refusal(decide(ended, joinCommand("p-cleo"), { kind: "participant", participantId: "p-cleo" }, ctx));
    expect(error.code).toBe("ended");
    expect(error.message).toMatch(/ended/);
  });
});

describe("leaveWorkshop", () => {
  it("lets an active participant leave", () => {
    expect(eventsOf(decide(open(), { type: "leaveWorkshop" }, ana, ctx))).toEqual([
      { type: "participantLeft", at: 1_000, participantId: "p-ana" },
    ]);
  });

  it("refuses a facilitator", () => {
    expect(refusal(decide(open(), { type: "leaveWorkshop" }, owner, ctx)).code).toBe("forbidden");
  });

  it("refuses someone who never joined", () => {
    expect(refusal(decide(open(), { type: "leaveWorkshop" }, { kind: "participant", participantId: "p-stranger" }, ctx)).code).toBe("forbidden");
  });

  it("refuses leaving twice, and a removed participant leaving", () => {
    const left = stateOf(created(), joined("p-ana", "Ana"), { type: "participantLeft", at: 3, participantId: "p-ana" });
    const removed = stateOf(created(), joined("p-ana", "Ana"), { type: "participantRemoved", at: 3, participantId: "p-ana", reason: null });
    expect(refusal(decide(left, { type: "leaveWorkshop" }, ana, ctx)).code).toBe("forbidden");
    expect(refusal(decide(removed, { type: "leaveWorkshop" }, ana, ctx)).code).toBe("forbidden");
  });
});

describe("removeParticipant", () => {
  const remove = (participantId: string, reason: string | null = "Please rejoin with your real name"): WorkshopCommand => ({
    type: "removeParticipant",
    participantId,
    reason,
  });

  it("lets the owner remove an active participant, with the reason", () => {
    expect(eventsOf(decide(open(), remove("p-ben"), owner, ctx))).toEqual([
      { type: "participantRemoved", at: 1_000, participantId: "p-ben", reason: "Please rejoin with your real name" },
    ]);
  });

  it("refuses a participant removing someone else", () => {
    const error = refusal(decide(open(), remove("p-ben"), ana, ctx));
    expect(error.code).toBe("forbidden");
    expect(error.message).toMatch(/facilitator/);
  });

  it("refuses a participant removing themselves (leaving is the way out)", () => {
    expect(refusal(decide(open(), remove("p-ana"), ana, ctx)).code).toBe("forbidden");
  });

  it("refuses another facilitator", () => {
    expect(refusal(decide(open(), remove("p-ben"), otherFacilitator, ctx)).code).toBe("forbidden");
  });

  it("refuses a removed participant trying to remove others", () => {
    const state = stateOf(created(), joined("p-ana", "Ana"), joined("p-ben", "Ben"), {
      type: "participantRemoved",
      at: 3,
      participantId: "p-ana",
      reason: null,
    });
    expect(refusal(decide(state, remove("p-ben"), ana, ctx)).code).toBe("forbidden");
  });

  it("refuses removing someone who already left, was removed, or never joined", () => {
    const state = stateOf(
      created(),
      joined("p-ana", "Ana"),
      joined("p-ben", "Ben"),
      { type: "participantLeft", at: 3, participantId: "p-ana" },
      { type: "participantRemoved", at: 4, participantId: "p-ben", reason: null },
    );
    expect(refusal(decide(state, remove("p-ana"), owner, ctx)).code).toBe("not-found");
    expect(refusal(decide(state, remove("p-ben"), owner, ctx)).code).toBe("not-found");
    expect(refusal(decide(state, remove("p-nobody"), owner, ctx)).code).toBe("not-found");
  });
});

describe("endWorkshop", () => {
  it("lets the owner end the workshop", () => {
    expect(eventsOf(decide(open(), { type: "endWorkshop" }, owner, ctx))).toEqual([{ type: "workshopEnded", at: 1_000 }]);
  });

  it("refuses a participant", () => {
    expect(refusal(decide(open(), { type: "endWorkshop" }, ana, ctx)).code).toBe("forbidden");
  });

  it("refuses another facilitator", () => {
    expect(refusal(decide(open(), { type: "endWorkshop" }, otherFacilitator, ctx)).code).toBe("forbidden");
  });

  it("refuses a removed participant", () => {
    const state = stateOf(created(), joined("p-ana", "Ana"), { type: "participantRemoved", at: 3, participantId: "p-ana", reason: null });
    expect(refusal(decide(state, { type: "endWorkshop" }, ana, ctx)).code).toBe("forbidden");
  });
});

describe("an ended workshop", () => {
  const ended = () => stateOf(created(), joined("p-ana", "Ana"), joined("p-ben", "Ben"), { type: "workshopEnded", at: 9 });

  it.each<[string, WorkshopCommand, Actor]>([
    ["ending it again", { type: "endWorkshop" }, owner],
    ["removing someone", { type: "removeParticipant", participantId: "p-ben", reason: null }, owner],
    ["leaving", { type: "leaveWorkshop" }, ana],
    ["joining", joinCommand("p-cleo"), { kind: "participant", participantId: "p-cleo" }],
  ])("refuses %s with an 'ended' error that says so", (_label, command, actor) => {
    const error = refusal(decide(ended(), command, actor, ctx));
    expect(error.code).toBe("ended");
    expect(error.message).toBe("This workshop has ended. Nothing more can change in it.");
  });
});

describe("purity", () => {
  it("does not change the state it is given", () => {
    const state = open();
    const before = structuredClone(state);
    decide(state, { type: "removeParticipant", participantId: "p-ben", reason: null }, owner, ctx);
    decide(state, { type: "endWorkshop" }, owner, ctx);
    decide(state, { type: "leaveWorkshop" }, ben, ctx);
    expect(state).toEqual(before);
  });
});
