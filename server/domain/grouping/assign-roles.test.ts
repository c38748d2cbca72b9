import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assignRoles,
  EMPTY_HISTORY,
  membersOf,
  moveMember,
  placeLateJoiner,
  planRotation,
  reassignRole,
  recordRound,
  removeMember,
  roleOf,
  rolesByParticipant,
  swapRoles,
  tallyOf,
  type RoleAssignment,
  type RoleHistory,
  type RoleTally,
} from "./assign-roles";
import { formGroups, type Group } from "./form-groups";

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const group = (id: string, ...memberIds: string[]): Group => ({ id, memberIds });

function ok<T extends object>(result: ({ ok: true } & T) | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(`expected success, got: ${result.message}`);
  return result;
}
function refusal(result: { ok: true } | { ok: false; message: string }): string {
  if (result.ok) throw new Error("expected a refusal");
  return result.message;
}

const plan = (g: Group, rounds: number, history: RoleHistory = EMPTY_HISTORY, firstRound = 1) =>
  ok(planRotation(g, rounds, { history, firstRound })).rounds;

/** Each round as [staff, patient]: reads like the board. */
const pairs = (rounds: RoleAssignment[]) => rounds.map((r) => [r.staffId, r.patientId]);

/** Folds planned rounds into the history, as the workshop state does. */
const played = (rounds: RoleAssignment[], history: RoleHistory = EMPTY_HISTORY, firstRound = 1) =>
  rounds.reduce((h, r, i) => recordRound(h, [r], firstRound + i), history);

function performedBackToBack(rounds: RoleAssignment[]): string[] {
  const found: string[] = [];
  for (let i = 1; i < rounds.length; i++) {
    const before = [rounds[i - 1]!.staffId, rounds[i - 1]!.patientId];
    for (const id of [rounds[i]!.staffId, rounds[i]!.patientId]) if (before.includes(id)) found.push(`${id}@${i + 1}`);
  }
  return found;
}

describe("a fresh group's rotation", () => {
  it("in a group of four, partners swap sides two rounds later and nobody performs twice running", () => {
    const rounds = plan(group("g1", "ana", "ben", "cleo", "dev"), 4);
    expect(pairs(rounds)).toEqual([
      ["ana", "ben"],
      ["cleo", "dev"],
      ["ben", "ana"],
      ["dev", "cleo"],
    ]);
    expect(rounds[0]).toEqual({ groupId: "g1", staffId: "ana", patientId: "ben", observerIds: ["cleo", "dev"] });
    expect(performedBackToBack(rounds)).toEqual([]);
  });

  it("in a group of five, looks ahead so the fifth round does not reuse a fourth-round performer", () => {
    // Pairing ben with ana in round 3 would force someone to perform in rounds 4 and 5.
    expect(pairs(plan(group("g1", "ana", "ben", "cleo", "dev", "eli"), 5))).toEqual([
      ["ana", "ben"],
      ["cleo", "dev"],
      ["ben", "eli"],
      ["dev", "ana"],
      ["eli", "cleo"],
    ]);
  });

  it("in a group of three, everyone plays each side once in three rounds (someone always performs twice running)", () => {
    const rounds = plan(group("g1", "ana", "ben", "cleo"), 3);
    expect(pairs(rounds)).toEqual([
      ["ana", "ben"],
      ["ben", "cleo"],
      ["cleo", "ana"],
    ]);
  });

  it("in a pair, the two alternate", () => {
    expect(pairs(plan(group("g1", "ana", "ben"), 3))).toEqual([
      ["ana", "ben"],
      ["ben", "ana"],
      ["ana", "ben"],
    ]);
  });

  it("starts with the group's first member as staff and the second as patient", () => {
    const first = ok(assignRoles(group("g2", "zoe", "yan", "xia"), EMPTY_HISTORY, 1)).assignment;
    expect(first).toEqual({ groupId: "g2", staffId: "zoe", patientId: "yan", observerIds: ["xia"] });
  });

  it("repeats once everyone has had both turns", () => {
    const rounds = plan(group("g1", "ana", "ben", "cleo", "dev"), 8);
    expect(pairs(rounds.slice(4))).toEqual(pairs(rounds.slice(0, 4)));
  });
});

describe("assignRoles with history", () => {
  const g = group("g1", "ana", "ben", "cleo", "dev");

  it("gives a late joiner a staff turn before anyone has a second one", () => {
    const firstTwo = plan(g, 2); // ana and cleo have been staff; ben and dev patient
    const withEli = group("g1", ...g.memberIds, "eli");
    const rest = plan(withEli, 5, played(firstTwo), 3);
    const staffOrder = rest.map((r) => r.staffId);
    expect(staffOrder.slice(0, 3).sort()).toEqual(["ben", "dev", "eli"]);
    expect(staffOrder.slice(3).sort()).toEqual(["ana", "cleo"]);
  });

  it("gives a late joiner the patient turn first when everyone else has already been patient, then staff", () => {
    const cycle = plan(g, 4);
    const withEli = group("g1", ...g.memberIds, "eli");
    const [round5, round6] = plan(withEli, 2, played(cycle), 5);
    expect(round5?.patientId).toBe("eli");
    expect(round6?.staffId).toBe("eli");
  });

  it("makes someone moved in who was staff recently wait for the others", () => {
    const history: RoleHistory = { zed: { staff: 2, patient: 1, lastStaffRound: 3, lastPatientRound: 2 } };
    const rounds = plan(group("g1", "zed", "ana", "ben", "cleo"), 3, history, 4);
    expect(rounds.map((r) => r.staffId).sort()).toEqual(["ana", "ben", "cleo"]);
    expect(rounds.map((r) => r.patientId)).not.toContain("zed");
  });

  it("does not make someone who missed turns catch up on every one of them", () => {
    // Four rounds of three people, then a newcomer: one patient turn, one staff turn, then the queue.
    const before = plan(group("g1", "ana", "ben", "cleo"), 12);
    const after = plan(group("g1", "ana", "ben", "cleo", "eli"), 4, played(before), 13);
    expect(after.map((r) => r.patientId === "eli" || r.staffId === "eli")).toEqual([true, true, false, false]);
  });

  it("puts fair staff turns before rest: looks ahead so nobody is left as the only one due for both roles", () => {
    const history = played([
      { groupId: "g1", staffId: "ana", patientId: "cleo", observerIds: ["ben", "dev"] },
      { groupId: "g1", staffId: "ben", patientId: "ana", observerIds: ["cleo", "dev"] },
    ]);
    // cleo→ben in round 3 would rest dev, but leave dev the only one never staff and never
    // patient: dev would have to be the patient in round 4 and ana staff a second time first.
    // So dev plays twice running instead, and staff turns stay fair.
    expect(pairs(plan(g, 4, history, 3))).toEqual([
      ["cleo", "dev"],
      ["dev", "ben"],
      ["ana", "cleo"],
      ["ben", "ana"],
    ]);
  });

  it("accepts several back-to-back performances rather than one unfair staff turn", () => {
    // ben and dev have never been staff; ben is also the most due patient.
    const history: RoleHistory = {
      ana: { staff: 2, patient: 1, lastStaffRound: 3, lastPatientRound: 4 },
      ben: { staff: 0, patient: 2, lastStaffRound: null, lastPatientRound: 2 },
      cleo: { staff: 2, patient: 0, lastStaffRound: 4, lastPatientRound: null },
      dev: { staff: 0, patient: 1, lastStaffRound: null, lastPatientRound: 3 },
    };
    const rounds = plan(g, 4, history, 5);
    expect(rounds.slice(0, 2).map((r) => r.staffId).sort()).toEqual(["ben", "dev"]);
    expect(performedBackToBack(rounds).length).toBeGreaterThan(1);
  });

  it("rests whoever performed in the round just before", () => {
    // By member order ben would be staff and ana patient, but both performed in round 4 (in other groups).
    const history: RoleHistory = {
      ana: { staff: 1, patient: 0, lastStaffRound: 4 },
      ben: { staff: 0, patient: 1, lastPatientRound: 4 },
    };
    const round5 = ok(assignRoles(g, history, 5)).assignment;
    expect(round5).toMatchObject({ staffId: "cleo", patientId: "dev" });
  });

  it("accepts plain staff/patient counts as history", () => {
    const counts: RoleHistory = { ana: { staff: 1, patient: 0 }, ben: { staff: 0, patient: 1 } };
    const assignment = ok(assignRoles(group("g1", "ana", "ben", "cleo"), counts, 2)).assignment;
    expect(assignment.patientId).not.toBe("ben");
    expect(assignment.staffId).not.toBe("ana");
  });

  it("is deterministic: the same inputs give the same roles", () => {
    const history = played(plan(g, 3));
    expect(assignRoles(g, history, 4)).toEqual(assignRoles(g, history, 4));
  });

  it("refuses a group too small to play, naming the group", () => {
    expect(refusal(assignRoles(group("g3", "ana"), EMPTY_HISTORY, 1))).toBe(
      "Group 3 has only 1 person; a role-play needs a patient and a staff member. Move someone into Group 3.",
    );
    expect(refusal(assignRoles(group("g2"), EMPTY_HISTORY, 1))).toBe(
      "Group 2 has nobody in it; a role-play needs a patient and a staff member. Move someone into Group 2.",
    );
  });
});

describe("history and assignment helpers", () => {
  const assignment: RoleAssignment = { groupId: "g1", staffId: "ana", patientId: "ben", observerIds: ["cleo"] };

  it("recordRound counts performed turns and when, leaving observers out", () => {
    const history = recordRound(EMPTY_HISTORY, [assignment], 1);
    expect(history).toEqual({
      ana: { staff: 1, patient: 0, lastStaffRound: 1, lastPatientRound: null },
      ben: { staff: 0, patient: 1, lastStaffRound: null, lastPatientRound: 1 },
    });
    expect(tallyOf(history, "cleo")).toEqual({ staff: 0, patient: 0, lastStaffRound: null, lastPatientRound: null });
    const swapped = { ...assignment, staffId: "ben", patientId: "ana" };
    expect(recordRound(history, [swapped], 2)).toEqual({
      ana: { staff: 1, patient: 1, lastStaffRound: 1, lastPatientRound: 2 },
      ben: { staff: 1, patient: 1, lastStaffRound: 2, lastPatientRound: 1 },
    });
  });

  it("roleOf, membersOf and rolesByParticipant read an assignment", () => {
    expect(roleOf(assignment, "ana")).toBe("staff");
    expect(roleOf(assignment, "ben")).toBe("patient");
    expect(roleOf(assignment, "cleo")).toBe("observer");
    expect(roleOf(assignment, "zed")).toBeNull();
    expect(membersOf(assignment).sort()).toEqual(["ana", "ben", "cleo"]);
    expect(rolesByParticipant(assignment)).toEqual({ ana: "staff", ben: "patient", cleo: "observer" });
  });

  it("planRotation is assignRoles round after round", () => {
    const g = group("g1", "ana", "ben", "cleo", "dev", "eli");
    const rounds = plan(g, 6);
    let history = EMPTY_HISTORY;
    rounds.forEach((planned, i) => {
      expect(ok(assignRoles(g, history, i + 1)).assignment).toEqual(planned);
      history = recordRound(history, [planned], i + 1);
    });
  });

  it("planRotation refuses fewer than one round", () => {
    expect(refusal(planRotation(group("g1", "ana", "ben"), 0))).toBe("Plan at least one round.");
  });
});

describe("moveMember", () => {
  const groups = [group("g1", "ana", "ben", "cleo"), group("g2", "dev", "eli", "fay")];

  it("moves a person to the end of the other group and says which groups changed", () => {
    expect(moveMember(groups, "ben", "g2")).toEqual({
      ok: true,
      groups: [group("g1", "ana", "cleo"), group("g2", "dev", "eli", "fay", "ben")],
      changedGroupIds: ["g1", "g2"],
    });
  });

  it("refuses to leave a group with fewer than two people", () => {
    const small = ok(moveMember(groups, "ben", "g2")).groups;
    expect(refusal(moveMember(small, "ana", "g2"))).toBe(
      "Moving them would leave Group 1 with 1 person; a role-play needs a patient and a staff member. Move someone else, or move the rest of Group 1 too.",
    );
  });

  it("refuses unknown groups, people in no group, and moves to the same group", () => {
    expect(refusal(moveMember(groups, "ben", "g9"))).toBe("There is no Group 9. Pick one of the groups on the board.");
    expect(refusal(moveMember(groups, "zed", "g2"))).toBe(
      "That person is not in any group yet. Place them in a group first.",
    );
    expect(refusal(moveMember(groups, "ben", "g1"))).toBe("That person is already in Group 1.");
  });
});

describe("swapRoles and reassignRole", () => {
  const assignment: RoleAssignment = { groupId: "g2", staffId: "ana", patientId: "ben", observerIds: ["cleo", "dev"] };

  it("swaps staff and an observer", () => {
    expect(ok(swapRoles(assignment, "cleo", "ana")).assignment).toEqual({
      groupId: "g2",
      staffId: "cleo",
      patientId: "ben",
      observerIds: ["ana", "dev"],
    });
  });

  it("swaps the two performers", () => {
    expect(ok(swapRoles(assignment, "ana", "ben")).assignment).toMatchObject({ staffId: "ben", patientId: "ana" });
  });

  it("refuses swaps that change nothing or involve someone outside the group", () => {
    expect(refusal(swapRoles(assignment, "cleo", "dev"))).toBe(
      "Both are observers, so swapping them changes nothing. Pick the patient or the staff member.",
    );
    expect(refusal(swapRoles(assignment, "ana", "ana"))).toBe("Choose two different people to swap.");
    expect(refusal(swapRoles(assignment, "ana", "zed"))).toBe("Both people must be in Group 2 to swap their roles.");
  });

  it("makes an observer the staff member when the staff member never came back", () => {
    expect(ok(reassignRole(assignment, "dev", "staff")).assignment).toEqual({
      groupId: "g2",
      staffId: "dev",
      patientId: "ben",
      observerIds: ["cleo", "ana"],
    });
  });

  it("moving the patient to staff hands the patient role to the old staff member", () => {
    expect(ok(reassignRole(assignment, "ben", "staff")).assignment).toMatchObject({ staffId: "ben", patientId: "ana" });
  });

  it("refuses someone outside the group or a role they already have", () => {
    expect(refusal(reassignRole(assignment, "zed", "staff"))).toBe("That person is not in Group 2.");
    expect(refusal(reassignRole(assignment, "ben", "patient"))).toBe("That person already plays the patient.");
  });
});

describe("placeLateJoiner", () => {
  const groups = [group("g1", "ana", "ben", "cleo"), group("g2", "dev", "eli"), group("g3", "fay", "gus")];
  const assignments: RoleAssignment[] = [
    { groupId: "g1", staffId: "ana", patientId: "ben", observerIds: ["cleo"] },
    { groupId: "g2", staffId: "dev", patientId: "eli", observerIds: [] },
    { groupId: "g3", staffId: "fay", patientId: "gus", observerIds: [] },
  ];

  it("joins the smallest group (the first one on a tie) as an observer", () => {
    const placed = ok(placeLateJoiner(groups, assignments, "hal"));
    expect(placed.groupId).toBe("g2");
    expect(placed.groups[1]).toEqual(group("g2", "dev", "eli", "hal"));
    expect(placed.assignments[1]).toEqual({ groupId: "g2", staffId: "dev", patientId: "eli", observerIds: ["hal"] });
    expect(placed.groups[0]).toBe(groups[0]);
    expect(placed.assignments[2]).toBe(assignments[2]);
  });

  it("refuses someone already placed, or when there are no groups yet", () => {
    expect(refusal(placeLateJoiner(groups, assignments, "fay"))).toBe("That person is already in Group 3.");
    expect(refusal(placeLateJoiner([], [], "hal"))).toBe(
      "There are no groups yet. Form groups first, and everyone in the lobby is placed.",
    );
  });

  it("places into groups whose roles are not assigned yet", () => {
    expect(ok(placeLateJoiner(groups, [], "hal")).groups[1]?.memberIds).toContain("hal");
  });
});

describe("removeMember", () => {
  const groups = [group("g1", "ana", "ben", "cleo", "dev"), group("g2", "eli", "fay")];
  const assignments: RoleAssignment[] = [
    { groupId: "g1", staffId: "ana", patientId: "ben", observerIds: ["cleo", "dev"] },
    { groupId: "g2", staffId: "eli", patientId: "fay", observerIds: [] },
  ];

  it("hands a departed staff member's role to the observer most due for staff", () => {
    const history: RoleHistory = {
      cleo: { staff: 1, patient: 0, lastStaffRound: 2 },
      dev: { staff: 0, patient: 1, lastPatientRound: 2 },
    };
    const removed = ok(removeMember(groups, assignments, "ana", history));
    expect(removed.groups[0]).toEqual(group("g1", "ben", "cleo", "dev"));
    expect(removed.assignments[0]).toEqual({ groupId: "g1", staffId: "dev", patientId: "ben", observerIds: ["cleo"] });
  });

  it("on a tie, the first listed observer steps in", () => {
    const removed = ok(removeMember(groups, assignments, "ben", EMPTY_HISTORY));
    expect(removed.assignments[0]).toEqual({ groupId: "g1", staffId: "ana", patientId: "cleo", observerIds: ["dev"] });
  });

  it("simply drops a departed observer", () => {
    const removed = ok(removeMember(groups, assignments, "dev", EMPTY_HISTORY));
    expect(removed.assignments[0]?.observerIds).toEqual(["cleo"]);
  });

  it("refuses to leave a group with one person, or someone in no group", () => {
    expect(refusal(removeMember(groups, assignments, "eli", EMPTY_HISTORY))).toBe(
      "Taking them out would leave Group 2 with 1 person; a role-play needs a patient and a staff member. Move someone into Group 2 first.",
    );
    expect(refusal(removeMember(groups, assignments, "zed", EMPTY_HISTORY))).toBe("That person is not in any group.");
  });
});

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

const people = (n: number) => Array.from({ length: n }, (_, i) => `p${i + 1}`);

function expectWellFormed(assignment: RoleAssignment, g: Group) {
  expect(assignment.groupId).toBe(g.id);
  expect(assignment.staffId).not.toBe(assignment.patientId);
  expect(assignment.observerIds).not.toContain(assignment.staffId);
  expect(assignment.observerIds).not.toContain(assignment.patientId);
  // Exactly the group's members, each once: one patient, one staff, the rest observers.
  expect([...membersOf(assignment)].sort()).toEqual([...g.memberIds].sort());
}

const spread = (counts: number[]) => Math.max(...counts) - Math.min(...counts);

describe("rotation properties over random lobbies", () => {
  const lobby = fc.record({
    n: fc.integer({ min: 3, max: 40 }),
    targetSize: fc.integer({ min: 3, max: 6 }),
    seed: fc.integer(),
    extraRounds: fc.integer({ min: 0, max: 6 }),
  });

  it("every round: one patient, one staff, everyone else observing; every person in exactly one group", () => {
    fc.assert(
      fc.property(lobby, ({ n, targetSize, seed, extraRounds }) => {
        const formed = formGroups(people(n), { targetSize }, seeded(seed));
        const groups = ok(formed).groups;
        expect(groups.flatMap((g) => g.memberIds).sort()).toEqual(people(n).sort());
        const sizes = groups.map((g) => g.memberIds.length);
        expect(spread(sizes)).toBeLessThanOrEqual(1);

        for (const g of groups) {
          for (const assignment of plan(g, g.memberIds.length + extraRounds)) expectWellFormed(assignment, g);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("with rounds ≥ group size, everyone plays staff and patient; nobody is patient (or staff) twice before everyone once", () => {
    fc.assert(
      fc.property(lobby, ({ n, targetSize, seed, extraRounds }) => {
        for (const g of ok(formGroups(people(n), { targetSize }, seeded(seed))).groups) {
          const size = g.memberIds.length;
          const rounds = plan(g, size + extraRounds);
          const staff = new Map(g.memberIds.map((id) => [id, 0]));
          const patient = new Map(g.memberIds.map((id) => [id, 0]));
          for (const r of rounds) {
            // About to play the patient again: everyone else must have had as many patient turns.
            const turnsBefore = patient.get(r.patientId)!;
            for (const count of patient.values()) expect(count).toBeGreaterThanOrEqual(turnsBefore);
            patient.set(r.patientId, turnsBefore + 1);
            staff.set(r.staffId, staff.get(r.staffId)! + 1);
            expect(spread([...staff.values()])).toBeLessThanOrEqual(1);
          }
          const afterOneCycle = played(rounds.slice(0, size));
          for (const id of g.memberIds) {
            expect(tallyOf(afterOneCycle, id).staff).toBe(1);
            expect(tallyOf(afterOneCycle, id).patient).toBe(1);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("in groups of four or more, nobody performs in two rounds running", () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 8 }), fc.integer({ min: 1, max: 24 }), (size, rounds) => {
        expect(performedBackToBack(plan(group("g1", ...people(size)), rounds))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

describe("assignRoles properties over any history", () => {
  const lastRound = fc.option(fc.integer({ min: 1, max: 4 }), { nil: null });
  const tally = fc.record({
    staff: fc.nat(4),
    patient: fc.nat(4),
    lastStaffRound: lastRound,
    lastPatientRound: lastRound,
  });
  const situation = fc.record({
    tallies: fc.array(tally, { minLength: 2, maxLength: 8 }),
    round: fc.constantFrom(5, 6),
    rounds: fc.integer({ min: 1, max: 16 }),
  });
  const historyOf = (ids: string[], tallies: RoleTally[]): RoleHistory =>
    Object.fromEntries(ids.map((id, i) => [id, tallies[i]!]));

  /** Lower is more due: longest since the last turn (never first), then fewest turns. */
  const dueKey = (t: RoleTally, role: "staff" | "patient"): [number, number] =>
    role === "staff"
      ? [t.lastStaffRound ?? -Infinity, t.staff]
      : [t.lastPatientRound ?? -Infinity, t.patient];
  const moreDue = (a: [number, number], b: [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

  it("the patient is someone most due for it, and the staff member someone most due for it among the rest", () => {
    fc.assert(
      fc.property(situation, ({ tallies, round }) => {
        const ids = people(tallies.length);
        const history = historyOf(ids, tallies);
        const g = group("g1", ...ids);
        const assignment = ok(assignRoles(g, history, round)).assignment;
        expectWellFormed(assignment, g);
        const patientKey = dueKey(tallyOf(history, assignment.patientId), "patient");
        for (const id of ids) expect(moreDue(dueKey(tallyOf(history, id), "patient"), patientKey)).toBe(false);
        const staffKey = dueKey(tallyOf(history, assignment.staffId), "staff");
        for (const id of ids.filter((id) => id !== assignment.patientId)) {
          expect(moreDue(dueKey(tallyOf(history, id), "staff"), staffKey)).toBe(false);
        }
        expect(assignRoles(g, history, round)).toEqual({ ok: true, assignment });
      }),
      { numRuns: 300 },
    );
  });

  it("from any history, nobody plays the patient again before everyone else in the group has played it since", () => {
    fc.assert(
      fc.property(situation, ({ tallies, round, rounds }) => {
        const ids = people(tallies.length);
        const planned = plan(group("g1", ...ids), rounds, historyOf(ids, tallies), round);
        planned.forEach((r, i) => {
          const previous = planned.slice(0, i).map((q) => q.patientId).lastIndexOf(r.patientId);
          if (previous < 0) return;
          const since = new Set(planned.slice(previous + 1, i).map((q) => q.patientId));
          for (const id of ids) if (id !== r.patientId) expect(since).toContain(id);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("from any history, nobody is staff again before everyone else has been, unless they were the patient that round", () => {
    fc.assert(
      fc.property(situation, ({ tallies, round, rounds }) => {
        const ids = people(tallies.length);
        const planned = plan(group("g1", ...ids), rounds, historyOf(ids, tallies), round);
        planned.forEach((r, i) => {
          const previous = planned.slice(0, i).map((q) => q.staffId).lastIndexOf(r.staffId);
          if (previous < 0) return;
          const since = new Set(planned.slice(previous + 1, i).map((q) => q.staffId));
          for (const id of ids) if (id !== r.staffId && id !== r.patientId) expect(since).toContain(id);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("a newcomer gets a staff turn within a rotation, and nobody who has been staff goes before them", () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 6 }), fc.integer({ min: 0, max: 12 }), (size, roundsBefore) => {
        const g = group("g1", ...people(size));
        const before = roundsBefore === 0 ? [] : plan(g, roundsBefore);
        const history = played(before);
        const joined = group("g1", ...g.memberIds, "newcomer");
        const after = plan(joined, size + 1, history, roundsBefore + 1);
        const newcomerStaff = after.findIndex((r) => r.staffId === "newcomer");
        expect(newcomerStaff).toBeGreaterThanOrEqual(0);
        // Until then, only someone who has never been staff either takes the staff turn,
        // unless the newcomer is busy playing the patient that round.
        let sofar = history;
        after.slice(0, newcomerStaff).forEach((r, i) => {
          if (r.patientId !== "newcomer") expect(tallyOf(sofar, r.staffId).staff).toBe(0);
          sofar = recordRound(sofar, [r], roundsBefore + 1 + i);
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe("edit properties", () => {
  type Edit = { kind: "move"; who: number; to: number } | { kind: "join"; who: number } | { kind: "remove"; who: number };
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({ kind: fc.constant("move" as const), who: fc.nat(60), to: fc.nat(12) }),
    fc.record({ kind: fc.constant("join" as const), who: fc.nat(60) }),
    fc.record({ kind: fc.constant("remove" as const), who: fc.nat(60) }),
  );

  it("after any sequence of moves, late joins and removals, everyone is in exactly one group of two or more with a full cast", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 40 }),
        fc.integer({ min: 3, max: 6 }),
        fc.integer(),
        fc.array(edit, { maxLength: 30 }),
        (n, targetSize, seed, edits) => {
          let groups = ok(formGroups(people(n), { targetSize }, seeded(seed))).groups;
          let assignments = groups.map((g) => ok(assignRoles(g, EMPTY_HISTORY, 1)).assignment);
          const inWorkshop = new Set(people(n));
          for (const e of edits) {
            const who = `p${e.who + 1}`;
            if (e.kind === "move") {
              const moved = moveMember(groups, who, `g${(e.to % groups.length) + 1}`);
              if (moved.ok) {
                groups = moved.groups;
                // Roles are recomputed for the two changed groups, as the decider would.
                assignments = assignments.map((a) =>
                  moved.changedGroupIds.includes(a.groupId)
                    ? ok(assignRoles(groups.find((g) => g.id === a.groupId)!, EMPTY_HISTORY, 1)).assignment
                    : a,
                );
              }
            } else if (e.kind === "join") {
              const placed = placeLateJoiner(groups, assignments, who);
              expect(placed.ok).toBe(!inWorkshop.has(who));
              if (placed.ok) {
                ({ groups, assignments } = placed);
                inWorkshop.add(who);
              }
            } else {
              const removed = removeMember(groups, assignments, who, EMPTY_HISTORY);
              if (removed.ok) {
                ({ groups, assignments } = removed);
                inWorkshop.delete(who);
              }
            }
            const placed = groups.flatMap((g) => g.memberIds);
            expect(placed.sort()).toEqual([...inWorkshop].sort());
            groups.forEach((g, i) => {
              expect(g.memberIds.length).toBeGreaterThanOrEqual(2);
              expectWellFormed(assignments[i]!, g);
            });
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("swapRoles and reassignRole keep one patient and one staff among the same people", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.nat(7), fc.nat(7), fc.boolean(), (size, a, b, toStaff) => {
        const g = group("g1", ...people(size));
        const assignment = ok(assignRoles(g, EMPTY_HISTORY, 1)).assignment;
        const [x, y] = [`p${(a % size) + 1}`, `p${(b % size) + 1}`];
        const swapped = swapRoles(assignment, x, y);
        if (swapped.ok) {
          expectWellFormed(swapped.assignment, g);
          expect(roleOf(swapped.assignment, x)).toBe(roleOf(assignment, y));
          expect(roleOf(swapped.assignment, y)).toBe(roleOf(assignment, x));
        }
        const role = toStaff ? "staff" : "patient";
        const reassigned = reassignRole(assignment, x, role);
        expect(reassigned.ok).toBe(roleOf(assignment, x) !== role);
        if (reassigned.ok) {
          expectWellFormed(reassigned.assignment, g);
          expect(roleOf(reassigned.assignment, x)).toBe(role);
        }
      }),
    );
  });
});
