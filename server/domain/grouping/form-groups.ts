/**
 * Splits the lobby into small role-play groups.
 *
 * A group needs a patient and a staff member, and the rest observe and score.
 * Three is the smallest group that leaves someone to score; past six, observers
 * wait too long for a turn and the audio room gets crowded. So groups are kept
 * between 3 and 6 people and as even as possible.
 */

export const MIN_GROUP_SIZE = 3;
export const MAX_GROUP_SIZE = 6;
export const DEFAULT_TARGET_SIZE = 4;

export interface Group {
  /** Stable and short ("g1", "g2", …) so rubric docs and audio rooms can be keyed by it. */
  id: string;
  memberIds: string[];
}

export interface FormGroupsOptions {
  /** The size the facilitator would like, 3..6; the actual sizes may differ by one. */
  targetSize: number;
}

export type FormGroupsResult = { ok: true; groups: Group[] } | { ok: false; message: string };

export const groupId = (index: number): string => `g${index + 1}`;

/** "g2" → "Group 2", the way facilitators see groups on the board. */
export function groupLabel(id: string): string {
  const match = /^g(\d+)$/.exec(id);
  return match ? `Group ${match[1]}` : `Group ${id}`;
}

/**
 * How many groups `n` people make, and how large each is (largest first).
 *
 * The rule: start from the facilitator's wish, `round(n / targetSize)` groups
 * (at least one; a half rounds up, so ties favour smaller groups and shorter
 * waits for a turn), then clamp that count into the range that keeps every group
 * within 3..6 once people are dealt out evenly:
 *   - at most  floor(n / 3) groups, or the smallest group would fall below 3;
 *   - at least ceil(n / 6) groups, or the largest group would exceed 6.
 * For every n ≥ 3 that range is non-empty (for n ≥ 6 it spans n/6 ≥ 1, and
 * 3..5 people make one group), so the clamp never has to give up.
 * Returns [] below 3 people.
 */
export function groupSizes(n: number, targetSize: number): number[] {
  if (n < MIN_GROUP_SIZE) return [];
  const wished = Math.max(1, Math.round(n / targetSize));
  const fewest = Math.ceil(n / MAX_GROUP_SIZE);
  const most = Math.floor(n / MIN_GROUP_SIZE);
  const count = Math.min(most, Math.max(fewest, wished));
  const base = Math.floor(n / count);
  const larger = n % count;
  return Array.from({ length: count }, (_, i) => (i < larger ? base + 1 : base));
}

/**
 * Fisher–Yates with injected randomness (`random()` in [0, 1)), so the domain
 * stays pure and a test can fix the draw. A misbehaving source returning 1 is
 * clamped rather than allowed to index past the end.
 */
function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.max(0, Math.floor(random() * (i + 1))));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function formGroups(
  participantIds: readonly string[],
  options: FormGroupsOptions,
  random: () => number,
): FormGroupsResult {
  const { targetSize } = options;
  if (!Number.isInteger(targetSize) || targetSize < MIN_GROUP_SIZE || targetSize > MAX_GROUP_SIZE) {
    return {
      ok: false,
      message: `Choose a group size between ${MIN_GROUP_SIZE} and ${MAX_GROUP_SIZE} people.`,
    };
  }
  // A person listed twice must still land in exactly one group.
  const people = [...new Set(participantIds)];
  if (people.length < MIN_GROUP_SIZE) {
    const joined = people.length === 1 ? "1 has joined" : `${people.length} have joined`;
    return {
      ok: false,
      message: `Form groups needs at least ${MIN_GROUP_SIZE} people in the lobby; ${joined}.`,
    };
  }

  const shuffled = shuffle(people, random);
  const groups: Group[] = [];
  let next = 0;
  for (const [index, size] of groupSizes(people.length, targetSize).entries()) {
    groups.push({ id: groupId(index), memberIds: shuffled.slice(next, next + size) });
    next += size;
  }
  return { ok: true, groups };
}
