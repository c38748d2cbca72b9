/**
 * The starting-difficulty index: how hard a conversation is *before* anyone speaks.
 *
 * Reports put it next to scores so that whoever drew the grieving caller with a denied
 * claim is not judged on the same baseline as whoever drew a calm address change.
 * The index is additive on purpose: a trainer can read the breakdown and check every
 * point by hand, which matters more here than statistical finesse.
 */
import type { ArrivalState, ContactKind, Resolvability, Stake, StartingDifficulty } from "./scenario-schema";

export const DIFFICULTY_LEVELS = ["gentle", "moderate", "hard", "very hard"] as const;
export type DifficultyLevel = (typeof DIFFICULTY_LEVELS)[number];

export type DifficultyFactor =
  | "base"
  | "arrivalState"
  | "departmentsInvolved"
  | "contact"
  | "stakes"
  | "urgentTiming"
  | "staffCanResolve"
  | "cap";

export interface DifficultyReason {
  factor: DifficultyFactor;
  label: string;
  points: number;
}

export interface DifficultyIndex {
  /** 1 (gentlest) to 10 (hardest). */
  score: number;
  level: DifficultyLevel;
  /** Every factor, including those adding nothing; the points always sum to `score`. */
  reasons: DifficultyReason[];
}

export const DIFFICULTY_MIN = 1;
export const DIFFICULTY_MAX = 10;

// Each weight comes with the reason it has that size; DIFFICULTY_EXPLANATION is built
// from these same tables so the catalog page can never disagree with the arithmetic.

const ARRIVAL_POINTS: Record<ArrivalState, number> = {
  calm: 0,
  anxious: 1,
  overwhelmed: 2,
  distressed: 2,
  grieving: 3,
  hostile: 3,
};
const ARRIVAL_WHY =
  "Before any fact can land, the staff member has to meet the feeling. Anxiety needs orientation (+1). " +
  "Someone overwhelmed or distressed needs slowing down and small choices first (+2). " +
  "Grief cannot be fixed and punishes a routine tone; hostility makes the staff member the target (+3 each).";

function departmentPoints(n: number): number {
  if (n <= 1) return 0;
  if (n <= 3) return 1;
  return 2;
}
const DEPARTMENTS_WHY =
  "Every extra department or organisation is a hand-off the patient can fall through and a part of the " +
  "system the staff member has to explain without running it: 2–3 parties +1, 4 or more +2.";

const CONTACT_POINTS: Record<ContactKind, number> = { first: 0, repeat: 2 };
const CONTACT_WHY =
  "A repeat contact after an earlier failure starts with trust already spent: the patient expects to be " +
  "let down again, so it has to be rebuilt before anything else moves (+2).";

const MAX_STAKES_POINTS = 2;
const STAKES_WHY =
  "Every conversation has something at stake; each additional thing (care, medicine, money, legal rights, " +
  "timing) is one more fear to hear and one more thread to keep straight (+1 each beyond the first, at most +2).";

const URGENT_POINTS = 1;
const URGENT_WHY =
  "Urgent timing takes away the usual way out, \"we'll get back to you\": the answer has to come within the conversation's own clock (+1).";

const RESOLVE_POINTS: Record<Resolvability, number> = { yes: 0, partly: 1, no: 2 };
const RESOLVE_WHY =
  "When the staff member can only partly fix it (+1), or can only explain a block owned by someone else (+2), " +
  "they carry the frustration without the remedy, and owning the hand-off becomes their only real move.";

const LEVEL_BANDS: { upTo: number; level: DifficultyLevel }[] = [
  { upTo: 3, level: "gentle" },
  { upTo: 5, level: "moderate" },
  { upTo: 7, level: "hard" },
  { upTo: DIFFICULTY_MAX, level: "very hard" },
];

const ARRIVAL_LABELS: Record<ArrivalState, string> = {
  calm: "Arrives calm",
  anxious: "Arrives anxious",
  overwhelmed: "Arrives overwhelmed",
  distressed: "Arrives distressed",
  grieving: "Arrives grieving",
  hostile: "Arrives hostile",
};

const STAKE_LABELS: Record<Stake, string> = {
  "care-access": "access to care",
  medication: "medication",
  money: "money",
  "legal-rights": "legal rights",
  "urgent-timing": "urgent timing",
};

const RESOLVE_LABELS: Record<Resolvability, string> = {
  yes: "Staff can resolve it",
  partly: "Staff can only partly resolve it",
  no: "Staff can only explain a block owned by someone else",
};

export function difficultyLevel(score: number): DifficultyLevel {
  return LEVEL_BANDS.find((band) => score <= band.upTo)?.level ?? "very hard";
}

export function difficultyIndex(d: StartingDifficulty): DifficultyIndex {
  const stakes = [...new Set(d.stakes)];
  const reasons: DifficultyReason[] = [
    { factor: "base", label: "Every conversation starts at 1", points: DIFFICULTY_MIN },
    { factor: "arrivalState", label: ARRIVAL_LABELS[d.arrivalState], points: ARRIVAL_POINTS[d.arrivalState] },
    {
      factor: "departmentsInvolved",
      label: d.departmentsInvolved === 1 ? "One department involved" : `${d.departmentsInvolved} departments or organisations involved`,
      points: departmentPoints(d.departmentsInvolved),
    },
    {
      factor: "contact",
      label: d.contact === "repeat" ? "Repeat contact after an earlier failure" : "First contact",
      points: CONTACT_POINTS[d.contact],
    },
    {
      factor: "stakes",
      label: `At stake: ${stakes.map((s) => STAKE_LABELS[s]).join(", ")}`,
      points: Math.min(Math.max(stakes.length - 1, 0), MAX_STAKES_POINTS),
    },
    {
      factor: "urgentTiming",
      label: stakes.includes("urgent-timing") ? "Time is short" : "No urgent deadline",
      points: stakes.includes("urgent-timing") ? URGENT_POINTS : 0,
    },
    { factor: "staffCanResolve", label: RESOLVE_LABELS[d.staffCanResolve], points: RESOLVE_POINTS[d.staffCanResolve] },
  ];

  const raw = reasons.reduce((sum, r) => sum + r.points, 0);
  const score = Math.min(raw, DIFFICULTY_MAX);
  if (raw > score) reasons.push({ factor: "cap", label: `The index stops at ${DIFFICULTY_MAX}`, points: score - raw });
  return { score, level: difficultyLevel(score), reasons };
}

export const DIFFICULTY_EXPLANATION = [
  `The difficulty index (${DIFFICULTY_MIN}–${DIFFICULTY_MAX}) describes how hard a conversation is before it begins, ` +
    "so scores can be read fairly: a 3 on a very hard scenario may be better work than a 4 on a gentle one. " +
    `It starts at ${DIFFICULTY_MIN} and adds points for each starting condition, stopping at ${DIFFICULTY_MAX}.`,
  `State on arrival (0–3). ${ARRIVAL_WHY}`,
  `Departments involved (0–2). ${DEPARTMENTS_WHY}`,
  `First contact or repeat (0–2). ${CONTACT_WHY}`,
  `What is at stake (0–${MAX_STAKES_POINTS}). ${STAKES_WHY}`,
  `Urgent timing (0–${URGENT_POINTS}). ${URGENT_WHY}`,
  `Can the staff member resolve it? (0–2). ${RESOLVE_WHY}`,
  "Levels: " + LEVEL_BANDS.map((band, i) => `${(LEVEL_BANDS[i - 1]?.upTo ?? 0) + 1}–${band.upTo} ${band.level}`).join(", ") + ".",
].join("\n\n");
