/**
 * Who plays what in each round, and the facilitator's adjustments before a round starts.
 *
 * Every round a group has exactly one patient, one staff member, and observers.
 * Turns go round like a queue: whoever has waited longest for a role gets it
 * next, and someone who has never had it has waited longest of all. So nobody
 * plays the patient a second time before everyone in their group has played it
 * once, everyone gets a staff turn within one round per member, and a late
 * joiner gets their turns soon without then being made to "catch up" on every
 * turn they missed. Where it can be avoided, nobody performs in two rounds back
 * to back: a heavy conversation followed straight by another leaves no room to
 * recover.
 *
 * Everything here is a pure function of the group's member order, the role
 * history and the round number, so a restart recomputes exactly the same roles.
 */
import { groupLabel, type Group } from "./form-groups";

export const ROLES = ["patient", "staff", "observer"] as const;
export type Role = (typeof ROLES)[number];
export type PerformerRole = Exclude<Role, "observer">;

/** A role-play needs someone on each side of the desk. */
export const MIN_PERFORMERS = 2;

export interface RoleAssignment {
  groupId: string;
  patientId: string;
  staffId: string;
  /** Everyone else in the group, in the group's member order. */
  observerIds: string[];
}

/**
 * What one participant has played so far in this workshop, whichever groups
 * they were in. The last-round fields are optional so plain staff/patient
 * counts are a valid history too; without them the queue falls back to fewest
 * turns first (and then someone far behind would catch up turn after turn).
 */
export interface RoleTally {
  staff: number;
  patient: number;
  lastStaffRound?: number | null;
  lastPatientRound?: number | null;
}

/** Per participant; someone missing (a late joiner) has played nothing yet. */
export type RoleHistory = Readonly<Record<string, RoleTally>>;

export const EMPTY_HISTORY: RoleHistory = {};

export type Outcome<T> = ({ ok: true } & T) | { ok: false; message: string };

const refuse = (message: string): { ok: false; message: string } => ({ ok: false, message });

export function tallyOf(history: RoleHistory, participantId: string): RoleTally {
  return history[participantId] ?? { staff: 0, patient: 0, lastStaffRound: null, lastPatientRound: null };
}

/** Folds one played round into the history (the event-sourced state can call this when a round starts). */
export function recordRound(
  history: RoleHistory,
  assignments: readonly RoleAssignment[],
  roundNumber: number,
): RoleHistory {
  const next: Record<string, RoleTally> = { ...history };
  for (const assignment of assignments) {
    const staff = tallyOf(next, assignment.staffId);
    next[assignment.staffId] = { ...staff, staff: staff.staff + 1, lastStaffRound: roundNumber };
    const patient = tallyOf(next, assignment.patientId);
    next[assignment.patientId] = { ...patient, patient: patient.patient + 1, lastPatientRound: roundNumber };
  }
  return next;
}

export function roleOf(assignment: RoleAssignment, participantId: string): Role | null {
  if (assignment.patientId === participantId) return "patient";
  if (assignment.staffId === participantId) return "staff";
  return assignment.observerIds.includes(participantId) ? "observer" : null;
}

/** The same assignment keyed by participant, for state that stores roles per person. */
export function rolesByParticipant(assignment: RoleAssignment): Record<string, Role> {
  const roles: Record<string, Role> = {};
  for (const id of assignment.observerIds) roles[id] = "observer";
  roles[assignment.staffId] = "staff";
  roles[assignment.patientId] = "patient";
  return roles;
}

export function membersOf(assignment: RoleAssignment): string[] {
  return [assignment.patientId, assignment.staffId, ...assignment.observerIds];
}

// ---------------------------------------------------------------------------
// Who is due: the queue order for a role
// ---------------------------------------------------------------------------

/**
 * Ranks members by how overdue they are for a role: 0 is most due. Longest
 * since their last turn first (never is longest), then fewest turns (which is
 * all there is to go on when history has no rounds). Equal rank = equally due.
 */
function dueRanks(tallies: readonly RoleTally[], role: PerformerRole): number[] {
  const keyOf = (t: RoleTally): [number, number] =>
    role === "staff"
      ? [t.lastStaffRound ?? Number.NEGATIVE_INFINITY, t.staff]
      : [t.lastPatientRound ?? Number.NEGATIVE_INFINITY, t.patient];
  const keys = tallies.map(keyOf);
  const distinctKeys = [...new Map(keys.map((k) => [k.join("|"), k])).values()].sort(
    (a, b) => a[0] - b[0] || a[1] - b[1],
  );
  return keys.map((k) => distinctKeys.findIndex((d) => d[0] === k[0] && d[1] === k[1]));
}

/** Who of `candidates` is most due for `role` (the earliest listed on a tie). */
function mostDue(history: RoleHistory, candidates: readonly string[], role: PerformerRole): string | undefined {
  const ranks = dueRanks(candidates.map((id) => tallyOf(history, id)), role);
  let best: number | undefined;
  ranks.forEach((rank, i) => {
    if (best === undefined || rank < (ranks[best] as number)) best = i;
  });
  return best === undefined ? undefined : candidates[best];
}

// ---------------------------------------------------------------------------
// Choosing roles for a round
// ---------------------------------------------------------------------------

/**
 * Costs of a plan, compared as one number. One round in which the person most
 * due for staff cannot have it must outweigh every back-to-back performance a
 * plan could contain (at most two a round over the horizon), so fairness
 * always wins over rest.
 */
const STAFF_GAP_COST = 1000;
const BACK_TO_BACK_COST = 1;

/**
 * How many rounds ahead a choice is judged. A whole rotation (one round per
 * member) is what exposes a bad early choice, e.g. in a group of five pairing
 * the wrong two in round 3 forces someone to perform twice running in round 5.
 * Capped so an oversized group still decides instantly.
 */
const MAX_HORIZON = 6;

interface Node {
  /** Queue position per member (0 = most due), so equivalent states share a memo entry. */
  staffDue: number[];
  patientDue: number[];
  /** Members (by index) who performed in the round just before this one. */
  performedLast: boolean[];
}

interface Move {
  staff: number;
  patient: number;
  cost: number;
}

/** Renumbers ranks 0, 1, 2, … keeping their order and ties. */
const dense = (ranks: number[]): number[] => {
  const order = [...new Set(ranks)].sort((a, b) => a - b);
  return ranks.map((r) => order.indexOf(r));
};

/**
 * The two rules every round obeys, whatever comes later:
 *   - the patient is someone most due for the patient role (so nobody plays the
 *     patient again before everyone in the group has, since their last turn);
 *   - the staff member is someone most due for staff among everyone else.
 * Only when the one person most due for staff must also be the patient does
 * staff go to someone less due; that is a gap in staff fairness, which the
 * lookahead steers away from. Listed staff first, in member order.
 */
function movesFrom(node: Node): Move[] {
  const moves: Move[] = [];
  node.patientDue.forEach((patientRank, p) => {
    if (patientRank > 0) return;
    const mostDueStaff = Math.min(...node.staffDue.filter((_, i) => i !== p));
    node.staffDue.forEach((staffRank, s) => {
      if (s === p || staffRank !== mostDueStaff) return;
      const backToBack = (node.performedLast[s] ? 1 : 0) + (node.performedLast[p] ? 1 : 0);
      const gap = staffRank > 0 ? 1 : 0;
      moves.push({ staff: s, patient: p, cost: gap * STAFF_GAP_COST + backToBack * BACK_TO_BACK_COST });
    });
  });
  return moves.sort((a, b) => a.staff - b.staff || a.patient - b.patient);
}

/** After a turn the player goes to the back of that role's queue. */
function play(node: Node, move: Move): Node {
  const toBack = (ranks: number[], who: number) => {
    const last = Math.max(...ranks) + 1;
    return dense(ranks.map((r, i) => (i === who ? last : r)));
  };
  return {
    staffDue: toBack(node.staffDue, move.staff),
    patientDue: toBack(node.patientDue, move.patient),
    performedLast: node.performedLast.map((_, i) => i === move.staff || i === move.patient),
  };
}

type Memo = Map<string, { value: number; exact: boolean }>;

/**
 * Cheapest cost of the next `depth` rounds from `node`, assuming the group stays
 * as it is. Branch and bound: anything at or above `budget` is not worth
 * knowing exactly, so such a result is only a lower bound (and memoised as one).
 */
function cheapest(node: Node, depth: number, budget: number, memo: Memo): number {
  if (depth === 0) return 0;
  const key = `${depth}|${node.staffDue.join(",")}|${node.patientDue.join(",")}|${node.performedLast.map(Number).join("")}`;
  const known = memo.get(key);
  if (known && (known.exact || known.value >= budget)) return known.value;

  let bound = budget;
  const moves = movesFrom(node).sort((a, b) => a.cost - b.cost);
  for (const move of moves) {
    if (move.cost >= bound) break;
    const total = move.cost + cheapest(play(node, move), depth - 1, bound - move.cost, memo);
    if (total < bound) bound = total;
    if (bound === 0) break;
  }
  memo.set(key, { value: bound, exact: bound < budget });
  return bound;
}

/*
 * The best first move depends only on the start (ranks and who performed last)
 * and the horizon, never on who the members are; and most groups of a workshop
 * start alike (a fresh group of five looks like every other). So the search is
 * done once per distinct start: a round start for 200 groups searched 200
 * times (~20 ms) what it now searches a handful of times. Bounded, and pure: a
 * cached answer is the answer the search gives.
 */
const bestMoves = new Map<string, Move>();
const BEST_MOVES_KEPT = 5_000;

function bestMove(start: Node, horizon: number): Move {
  const key = `${horizon}|${start.staffDue.join(",")}|${start.patientDue.join(",")}|${start.performedLast.map(Number).join("")}`;
  const known = bestMoves.get(key);
  if (known) return known;
  const memo: Memo = new Map();
  // Member order, not cost order, so that ties fall to the earlier member.
  let chosen: Move | null = null;
  let best = Number.POSITIVE_INFINITY;
  for (const move of movesFrom(start)) {
    if (move.cost >= best) continue;
    const total = move.cost + cheapest(play(start, move), horizon - 1, best - move.cost, memo);
    if (total < best) {
      best = total;
      chosen = move;
    }
  }
  // There is always a move: at least two members, and someone is most due for the patient role.
  if (bestMoves.size >= BEST_MOVES_KEPT) bestMoves.clear();
  bestMoves.set(key, chosen as Move);
  return chosen as Move;
}

function distinct(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function tooSmall(group: Group, size: number): string {
  const label = groupLabel(group.id);
  const has = size === 0 ? "has nobody in it" : size === 1 ? "has only 1 person" : `has only ${size} people`;
  return `${label} ${has}; a role-play needs a patient and a staff member. Move someone into ${label}.`;
}

/**
 * Roles for one group in round `roundNumber`. Among the choices the two rules
 * above allow, it takes the one that starts the best plan for the next few
 * rounds (as if the group stayed as it is): first no gaps in staff fairness,
 * then the fewest back-to-back performances; on a tie the earlier member in the
 * group's order is staff, then patient. The history covers the whole workshop,
 * so a late joiner or someone moved in from another group is judged by what
 * they have actually played.
 */
export function assignRoles(
  group: Group,
  history: RoleHistory,
  roundNumber: number,
): Outcome<{ assignment: RoleAssignment }> {
  const members = distinct(group.memberIds);
  if (members.length < MIN_PERFORMERS) return refuse(tooSmall(group, members.length));

  const tallies = members.map((id) => tallyOf(history, id));
  const start: Node = {
    staffDue: dueRanks(tallies, "staff"),
    patientDue: dueRanks(tallies, "patient"),
    performedLast: tallies.map(
      (t) => t.lastStaffRound === roundNumber - 1 || t.lastPatientRound === roundNumber - 1,
    ),
  };
  const horizon = Math.max(MIN_PERFORMERS, Math.min(members.length, MAX_HORIZON));
  const { staff, patient } = bestMove(start, horizon);
  const staffId = members[staff] as string;
  const patientId = members[patient] as string;
  return {
    ok: true,
    assignment: {
      groupId: group.id,
      patientId,
      staffId,
      observerIds: members.filter((id) => id !== staffId && id !== patientId),
    },
  };
}

export interface PlanRotationOptions {
  /** What has been played already; defaults to nothing. */
  history?: RoleHistory;
  /** The number of the first planned round; defaults to 1. */
  firstRound?: number;
}

/**
 * The roles of one group for `rounds` rounds in a row, assuming the group does
 * not change: round r of the plan is exactly what `assignRoles` returns for
 * round r after the earlier rounds were played. For a fresh group of n and at
 * least n rounds, everyone plays staff once and patient once per n rounds.
 */
export function planRotation(
  group: Group,
  rounds: number,
  options: PlanRotationOptions = {},
): Outcome<{ rounds: RoleAssignment[] }> {
  if (!Number.isInteger(rounds) || rounds < 1) return refuse("Plan at least one round.");
  let history = options.history ?? EMPTY_HISTORY;
  const firstRound = options.firstRound ?? 1;
  const planned: RoleAssignment[] = [];
  for (let round = firstRound; round < firstRound + rounds; round++) {
    const result = assignRoles(group, history, round);
    if (!result.ok) return result;
    planned.push(result.assignment);
    history = recordRound(history, [result.assignment], round);
  }
  return { ok: true, rounds: planned };
}

// ---------------------------------------------------------------------------
// Facilitator adjustments before a round starts
// ---------------------------------------------------------------------------

function findGroupOf(groups: readonly Group[], participantId: string): Group | undefined {
  return groups.find((g) => g.memberIds.includes(participantId));
}

/**
 * Moves someone to another group. Roles are not carried over: recompute both
 * changed groups with `assignRoles` (the history keeps the mover's turns, so
 * they are not sent to the back or the front of the queue unfairly).
 */
export function moveMember(
  groups: readonly Group[],
  participantId: string,
  toGroupId: string,
): Outcome<{ groups: Group[]; changedGroupIds: [from: string, to: string] }> {
  const target = groups.find((g) => g.id === toGroupId);
  if (!target) return refuse(`There is no ${groupLabel(toGroupId)}. Pick one of the groups on the board.`);
  const source = findGroupOf(groups, participantId);
  if (!source) return refuse("That person is not in any group yet. Place them in a group first.");
  if (source.id === target.id) return refuse(`That person is already in ${groupLabel(target.id)}.`);
  const left = source.memberIds.length - 1;
  if (left < MIN_PERFORMERS) {
    const label = groupLabel(source.id);
    return refuse(
      `Moving them would leave ${label} with ${left === 1 ? "1 person" : "nobody"}; a role-play needs a patient and a staff member. Move someone else, or move the rest of ${label} too.`,
    );
  }
  return {
    ok: true,
    groups: groups.map((g) => {
      if (g.id === source.id) return { ...g, memberIds: g.memberIds.filter((id) => id !== participantId) };
      if (g.id === target.id) return { ...g, memberIds: [...g.memberIds, participantId] };
      return g;
    }),
    changedGroupIds: [source.id, target.id],
  };
}

const roleNames: Record<Role, string> = { patient: "the patient", staff: "the staff member", observer: "an observer" };

/** An observer steps into a performing role whose holder is gone. */
function promote(assignment: RoleAssignment, observerId: string, role: PerformerRole): RoleAssignment {
  const observerIds = assignment.observerIds.filter((id) => id !== observerId);
  return role === "patient"
    ? { ...assignment, patientId: observerId, observerIds }
    : { ...assignment, staffId: observerId, observerIds };
}

/** Exchanges two people's roles within one group (e.g. someone would rather not play the patient today). */
export function swapRoles(
  assignment: RoleAssignment,
  a: string,
  b: string,
): Outcome<{ assignment: RoleAssignment }> {
  const label = groupLabel(assignment.groupId);
  const roleA = roleOf(assignment, a);
  const roleB = roleOf(assignment, b);
  if (!roleA || !roleB) return refuse(`Both people must be in ${label} to swap their roles.`);
  if (a === b) return refuse("Choose two different people to swap.");
  if (roleA === "observer" && roleB === "observer") {
    return refuse("Both are observers, so swapping them changes nothing. Pick the patient or the staff member.");
  }
  const swap = (id: string) => (id === a ? b : id === b ? a : id);
  return {
    ok: true,
    assignment: {
      groupId: assignment.groupId,
      patientId: swap(assignment.patientId),
      staffId: swap(assignment.staffId),
      observerIds: assignment.observerIds.map(swap),
    },
  };
}

/**
 * Gives someone a performing role; whoever held it takes their old role. For
 * "the staff member never came back", make an observer the staff member and the
 * absent one becomes an observer. (To take someone out of a performing role,
 * name who takes it over; a role is never left empty.)
 */
export function reassignRole(
  assignment: RoleAssignment,
  participantId: string,
  role: PerformerRole,
): Outcome<{ assignment: RoleAssignment }> {
  const current = roleOf(assignment, participantId);
  if (!current) return refuse(`That person is not in ${groupLabel(assignment.groupId)}.`);
  if (current === role) return refuse(`That person already plays ${roleNames[role]}.`);
  const holder = role === "patient" ? assignment.patientId : assignment.staffId;
  return swapRoles(assignment, participantId, holder);
}

/**
 * Someone who joins after groups were formed goes into the smallest group (the
 * first such on the board on a tie) as an observer, so the round can start
 * without reshuffling anyone; their turn comes next round, when the history
 * shows they have played nothing yet.
 */
export function placeLateJoiner(
  groups: readonly Group[],
  assignments: readonly RoleAssignment[],
  participantId: string,
): Outcome<{ groups: Group[]; assignments: RoleAssignment[]; groupId: string }> {
  const already = findGroupOf(groups, participantId);
  if (already) return refuse(`That person is already in ${groupLabel(already.id)}.`);
  const smallest = groups.reduce<Group | undefined>(
    (best, g) => (!best || g.memberIds.length < best.memberIds.length ? g : best),
    undefined,
  );
  if (!smallest) return refuse("There are no groups yet. Form groups first, and everyone in the lobby is placed.");
  return {
    ok: true,
    groups: groups.map((g) => (g.id === smallest.id ? { ...g, memberIds: [...g.memberIds, participantId] } : g)),
    assignments: assignments.map((a) =>
      a.groupId === smallest.id ? { ...a, observerIds: [...a.observerIds, participantId] } : a,
    ),
    groupId: smallest.id,
  };
}

/**
 * Takes someone who left out of their group. If they were performing, the
 * observer most due for that role (the earliest listed on a tie) takes it
 * over, so the rest of the group keeps the roles they were told.
 */
export function removeMember(
  groups: readonly Group[],
  assignments: readonly RoleAssignment[],
  participantId: string,
  history: RoleHistory,
): Outcome<{ groups: Group[]; assignments: RoleAssignment[] }> {
  const source = findGroupOf(groups, participantId);
  if (!source) return refuse("That person is not in any group.");
  const left = source.memberIds.length - 1;
  if (left < MIN_PERFORMERS) {
    const label = groupLabel(source.id);
    return refuse(
      `Taking them out would leave ${label} with ${left === 1 ? "1 person" : "nobody"}; a role-play needs a patient and a staff member. Move someone into ${label} first.`,
    );
  }

  const nextAssignments: RoleAssignment[] = [];
  for (const assignment of assignments) {
    const role = assignment.groupId === source.id ? roleOf(assignment, participantId) : null;
    if (!role) {
      nextAssignments.push(assignment);
    } else if (role === "observer") {
      nextAssignments.push({ ...assignment, observerIds: assignment.observerIds.filter((id) => id !== participantId) });
    } else {
      const stepIn = mostDue(history, assignment.observerIds, role);
      // A group of 3 or more always has an observer when it keeps 2 or more people.
      if (stepIn === undefined) return refuse(`${groupLabel(source.id)} has nobody left to take over the role.`);
      nextAssignments.push(promote(assignment, stepIn, role));
    }
  }
  return {
    ok: true,
    groups: groups.map((g) =>
      g.id === source.id ? { ...g, memberIds: g.memberIds.filter((id) => id !== participantId) } : g,
    ),
    assignments: nextAssignments,
  };
}
