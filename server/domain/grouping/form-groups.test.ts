import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formGroups, groupLabel, groupSizes, MAX_GROUP_SIZE, MIN_GROUP_SIZE, type Group } from "./form-groups";

/** A small seeded generator (mulberry32), so a failing property can be replayed. */
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

/** A random source that always picks the last remaining person leaves the lobby order as it is. */
const keepOrder = () => 0.999999;

const people = (n: number) => Array.from({ length: n }, (_, i) => `p${i + 1}`);

function groupsOf(result: ReturnType<typeof formGroups>): Group[] {
  if (!result.ok) throw new Error(`expected groups, got: ${result.message}`);
  return result.groups;
}

describe("groupSizes: how many groups, and how large", () => {
  it.each([
    // [people, target, sizes]
    [3, 4, [3]],
    [5, 4, [5]],
    [6, 4, [3, 3]], // 6/4 = 1.5 rounds up: two groups of 3 rather than one of 6
    [7, 4, [4, 3]],
    [8, 4, [4, 4]],
    [10, 4, [4, 3, 3]],
    [12, 4, [4, 4, 4]],
    [13, 4, [5, 4, 4]],
    [40, 4, Array(10).fill(4)],
    [12, 3, [3, 3, 3, 3]],
    [12, 6, [6, 6]],
    [9, 6, [5, 4]], // 9/6 = 1.5 rounds up to two groups
  ])("%i people aiming for groups of %i → %j", (n, target, sizes) => {
    expect(groupSizes(n, target)).toEqual(sizes);
  });

  it("adds a group rather than let one grow past 6", () => {
    // 7 people aiming for 6 would be one group of 7.
    expect(groupSizes(7, 6)).toEqual([4, 3]);
    expect(groupSizes(20, 6)).toEqual([5, 5, 5, 5]);
  });

  it("merges groups rather than let one fall below 3", () => {
    // 5 aiming for 3 would be groups of 3 and 2; 8 aiming for 3 would be 3, 3, 2.
    expect(groupSizes(5, 3)).toEqual([5]);
    expect(groupSizes(8, 3)).toEqual([4, 4]);
  });

  it("makes no groups below 3 people", () => {
    expect(groupSizes(2, 4)).toEqual([]);
  });
});

describe("formGroups", () => {
  it("deals the shuffled lobby into groups g1, g2, … in order", () => {
    const groups = groupsOf(formGroups(people(7), { targetSize: 4 }, keepOrder));
    expect(groups).toEqual([
      { id: "g1", memberIds: ["p1", "p2", "p3", "p4"] },
      { id: "g2", memberIds: ["p5", "p6", "p7"] },
    ]);
  });

  it("shuffles with the injected randomness: same draws, same groups", () => {
    const first = groupsOf(formGroups(people(12), { targetSize: 4 }, seeded(7)));
    const again = groupsOf(formGroups(people(12), { targetSize: 4 }, seeded(7)));
    const other = groupsOf(formGroups(people(12), { targetSize: 4 }, seeded(8)));
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it("draws once per swap of the shuffle (n − 1 draws)", () => {
    let draws = 0;
    formGroups(people(9), { targetSize: 3 }, () => {
      draws++;
      return 0.5;
    });
    expect(draws).toBe(8);
  });

  it("survives a random source that returns 1", () => {
    const groups = groupsOf(formGroups(people(6), { targetSize: 3 }, () => 1));
    expect(groups.flatMap((g) => g.memberIds).sort()).toEqual(people(6).sort());
  });

  it("puts someone listed twice in one group only", () => {
    const groups = groupsOf(formGroups(["ana", "ben", "ana", "cleo"], { targetSize: 3 }, keepOrder));
    expect(groups).toEqual([{ id: "g1", memberIds: ["ana", "ben", "cleo"] }]);
  });

  it.each([
    [0, "Form groups needs at least 3 people in the lobby; 0 have joined."],
    [1, "Form groups needs at least 3 people in the lobby; 1 has joined."],
    [2, "Form groups needs at least 3 people in the lobby; 2 have joined."],
  ])("refuses with %i people, saying how many have joined", (n, message) => {
    expect(formGroups(people(n), { targetSize: 4 }, keepOrder)).toEqual({ ok: false, message });
  });

  it.each([2, 7, 3.5, Number.NaN])("refuses a target group size of %s", (targetSize) => {
    expect(formGroups(people(8), { targetSize }, keepOrder)).toEqual({
      ok: false,
      message: "Choose a group size between 3 and 6 people.",
    });
  });
});

describe("groupLabel", () => {
  it("shows group ids the way the board does", () => {
    expect(groupLabel("g1")).toBe("Group 1");
    expect(groupLabel("g12")).toBe("Group 12");
    expect(groupLabel("blue")).toBe("Group blue");
  });
});

describe("formGroups properties", () => {
  const lobby = fc.record({
    n: fc.integer({ min: 3, max: 40 }),
    targetSize: fc.integer({ min: 3, max: 6 }),
    seed: fc.integer(),
  });

  it("puts every person in exactly one group, with sizes 3..6 differing by at most one", () => {
    fc.assert(
      fc.property(lobby, ({ n, targetSize, seed }) => {
        const ids = people(n);
        const groups = groupsOf(formGroups(ids, { targetSize }, seeded(seed)));
        const placed = groups.flatMap((g) => g.memberIds);
        expect(placed).toHaveLength(n);
        expect([...placed].sort()).toEqual([...ids].sort());

        const sizes = groups.map((g) => g.memberIds.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        for (const size of sizes) {
          expect(size).toBeGreaterThanOrEqual(MIN_GROUP_SIZE);
          expect(size).toBeLessThanOrEqual(MAX_GROUP_SIZE);
        }
        expect(groups.map((g) => g.id)).toEqual(groups.map((_, i) => `g${i + 1}`));
      }),
    );
  });

  it("makes round(n / target) groups whenever that keeps sizes within 3..6", () => {
    fc.assert(
      fc.property(lobby, ({ n, targetSize, seed }) => {
        const wished = Math.max(1, Math.round(n / targetSize));
        const fits = n / wished >= MIN_GROUP_SIZE && n / wished <= MAX_GROUP_SIZE;
        fc.pre(fits);
        expect(groupsOf(formGroups(people(n), { targetSize }, seeded(seed)))).toHaveLength(wished);
      }),
    );
  });
});
