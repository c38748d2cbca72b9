/**
 * The order of a workshop's phases. Each round runs briefing → role-play →
 * reset → debrief; after the last round everyone meets for the plenary (the
 * debrief board), and then the workshop is closed.
 *
 * The facilitator leads: they may move on before a timer runs out, or step
 * back when a group needs more time, so both directions are plain functions of
 * the current phase and the plan. Timers live in timer.ts.
 */
import { z } from "zod";

export const ROUND_PHASES = ["briefing", "roleplay", "reset", "debrief"] as const;
export type RoundPhase = (typeof ROUND_PHASES)[number];
export type PhaseName = RoundPhase | "plenary" | "closed";

export type PhasePosition =
  | { phase: RoundPhase; round: number }
  | { phase: "plenary" }
  | { phase: "closed" };

export interface PhaseDurations {
  briefingSeconds: number;
  roleplaySeconds: number;
  resetSeconds: number;
  debriefSeconds: number;
}

export interface PhasePlan {
  rounds: number;
  durations: PhaseDurations;
}

export const MIN_ROUNDS = 1;
export const MAX_ROUNDS = 10;

/**
 * Short repetitions with feedback: seven minutes is long enough for a hard
 * conversation to turn, and the debrief gets almost as long as the role-play.
 */
export const DEFAULT_PHASE_PLAN: PhasePlan = {
  rounds: 3,
  durations: { briefingSeconds: 120, roleplaySeconds: 420, resetSeconds: 60, debriefSeconds: 300 },
};

const minutes = (seconds: number) => {
  if (seconds < 60) return `${seconds} seconds`;
  const m = seconds / 60;
  return m === 1 ? "1 minute" : `${m} minutes`;
};

/** Whole seconds within [min, max], with messages naming the phase ("role-play") and the range. */
function seconds(phase: string, min: number, max: number, fallback: number) {
  const range = `The ${phase} must last between ${minutes(min)} and ${minutes(max)}.`;
  return z
    .number({ error: `Give the ${phase} length in seconds.` })
    .int({ error: `Give the ${phase} length in whole seconds.` })
    .min(min, { error: range })
    .max(max, { error: range })
    .default(fallback);
}

const d = DEFAULT_PHASE_PLAN.durations;

/**
 * Checked where a facilitator sets up the workshop. Missing values take the
 * defaults, so `phasePlanSchema.parse({})` is the default plan.
 */
export const phasePlanSchema = z.object({
  rounds: z
    .number({ error: "Give the number of rounds." })
    .int({ error: "Give the number of rounds as a whole number." })
    .min(MIN_ROUNDS, { error: `Choose between ${MIN_ROUNDS} and ${MAX_ROUNDS} rounds.` })
    .max(MAX_ROUNDS, { error: `Choose between ${MIN_ROUNDS} and ${MAX_ROUNDS} rounds.` })
    .default(DEFAULT_PHASE_PLAN.rounds),
  durations: z
    .object({
      // Long enough to read a brief, short enough not to lose the room.
      briefingSeconds: seconds("briefing", 30, 600, d.briefingSeconds),
      roleplaySeconds: seconds("role-play", 120, 1200, d.roleplaySeconds),
      // A reset after a heavy conversation: a breath, not a break.
      resetSeconds: seconds("reset", 15, 300, d.resetSeconds),
      debriefSeconds: seconds("debrief", 60, 1200, d.debriefSeconds),
    })
    .prefault({}),
});

// The schema and the hand-written type must describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesType: Same<z.output<typeof phasePlanSchema>, PhasePlan> = true;
void schemaMatchesType;

export type PhaseMove = { ok: true; position: PhasePosition } | { ok: false; message: string };

export const firstPhase = (): PhasePosition => ({ phase: "briefing", round: 1 });

const isRoundPhase = (name: PhaseName): name is RoundPhase => (ROUND_PHASES as readonly string[]).includes(name);

/** A round number the plan cannot have means the state and plan disagree; say so rather than guess. */
function badRound(position: PhasePosition, plan: PhasePlan): string | null {
  if (!("round" in position)) return null;
  if (Number.isInteger(position.round) && position.round >= 1 && position.round <= plan.rounds) return null;
  return `Round ${position.round} is not part of this workshop's ${plan.rounds} round${plan.rounds === 1 ? "" : "s"}.`;
}

export function nextPhase(current: PhasePosition, plan: PhasePlan): PhaseMove {
  const invalid = badRound(current, plan);
  if (invalid) return { ok: false, message: invalid };
  switch (current.phase) {
    case "closed":
      return { ok: false, message: "The workshop is closed; there is no next phase." };
    case "plenary":
      return { ok: true, position: { phase: "closed" } };
    default: {
      const index = ROUND_PHASES.indexOf(current.phase);
      const following = ROUND_PHASES[index + 1];
      if (following) return { ok: true, position: { phase: following, round: current.round } };
      if (current.round < plan.rounds) return { ok: true, position: { phase: "briefing", round: current.round + 1 } };
      return { ok: true, position: { phase: "plenary" } };
    }
  }
}

export function previousPhase(current: PhasePosition, plan: PhasePlan): PhaseMove {
  const invalid = badRound(current, plan);
  if (invalid) return { ok: false, message: invalid };
  switch (current.phase) {
    // Closing ends the workshop for everyone and freezes its report; reopening is not a step back.
    case "closed":
      return { ok: false, message: "The workshop is closed and cannot be reopened." };
    case "plenary":
      return { ok: true, position: { phase: "debrief", round: plan.rounds } };
    default: {
      const index = ROUND_PHASES.indexOf(current.phase);
      const preceding = ROUND_PHASES[index - 1];
      if (preceding) return { ok: true, position: { phase: preceding, round: current.round } };
      if (current.round > 1) return { ok: true, position: { phase: "debrief", round: current.round - 1 } };
      return { ok: false, message: "This is the first phase of the workshop; there is nothing to go back to." };
    }
  }
}

/** Every phase from the first briefing to closed, e.g. for a progress bar ("step 5 of 14"). */
export function phaseSequence(plan: PhasePlan): PhasePosition[] {
  const sequence: PhasePosition[] = [];
  for (let round = 1; round <= plan.rounds; round++) {
    for (const phase of ROUND_PHASES) sequence.push({ phase, round });
  }
  sequence.push({ phase: "plenary" }, { phase: "closed" });
  return sequence;
}

/** Seconds the phase is timed for; the plenary runs as long as the facilitator needs, and closed is not timed. */
export function phaseDurationSeconds(position: PhasePosition, plan: PhasePlan): number | null {
  if (!isRoundPhase(position.phase)) return null;
  return plan.durations[`${position.phase}Seconds`];
}

export function samePhase(a: PhasePosition, b: PhasePosition): boolean {
  return a.phase === b.phase && ("round" in a ? a.round : null) === ("round" in b ? b.round : null);
}

const phaseTitles: Record<PhaseName, string> = {
  briefing: "Briefing",
  roleplay: "Role-play",
  reset: "Reset",
  debrief: "Debrief",
  plenary: "Plenary debrief",
  closed: "Closed",
};

/** "Round 2 of 3 · Role-play", as shown on the facilitator's board. */
export function describePhase(position: PhasePosition, plan: PhasePlan): string {
  const title = phaseTitles[position.phase];
  return "round" in position ? `Round ${position.round} of ${plan.rounds} · ${title}` : title;
}
