import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  DEFAULT_PHASE_PLAN,
  describePhase,
  firstPhase,
  nextPhase,
  phaseDurationSeconds,
  phasePlanSchema,
  phaseSequence,
  previousPhase,
  samePhase,
  type PhaseMove,
  type PhasePlan,
  type PhasePosition,
} from "./phase-machine";

const twoRounds: PhasePlan = { ...DEFAULT_PHASE_PLAN, rounds: 2 };

function moved(move: PhaseMove): PhasePosition {
  if (!move.ok) throw new Error(`expected a phase, got: ${move.message}`);
  return move.position;
}
function refused(move: PhaseMove): string {
  if (move.ok) throw new Error(`expected a refusal, got ${JSON.stringify(move.position)}`);
  return move.message;
}

describe("the phase sequence", () => {
  it("runs briefing, role-play, reset, debrief each round, then the plenary, then closed", () => {
    expect(phaseSequence(twoRounds)).toEqual([
      { phase: "briefing", round: 1 },
      { phase: "roleplay", round: 1 },
      { phase: "reset", round: 1 },
      { phase: "debrief", round: 1 },
      { phase: "briefing", round: 2 },
      { phase: "roleplay", round: 2 },
      { phase: "reset", round: 2 },
      { phase: "debrief", round: 2 },
      { phase: "plenary" },
      { phase: "closed" },
    ]);
  });

  it("starts at the first round's briefing", () => {
    expect(firstPhase()).toEqual({ phase: "briefing", round: 1 });
  });
});

describe("nextPhase", () => {
  it("moves within a round, into the next round, and from the last debrief to the plenary", () => {
    expect(moved(nextPhase({ phase: "roleplay", round: 1 }, twoRounds))).toEqual({ phase: "reset", round: 1 });
    expect(moved(nextPhase({ phase: "debrief", round: 1 }, twoRounds))).toEqual({ phase: "briefing", round: 2 });
    expect(moved(nextPhase({ phase: "debrief", round: 2 }, twoRounds))).toEqual({ phase: "plenary" });
    expect(moved(nextPhase({ phase: "plenary" }, twoRounds))).toEqual({ phase: "closed" });
  });

  it("goes to the plenary after a single round's debrief", () => {
    expect(moved(nextPhase({ phase: "debrief", round: 1 }, { ...twoRounds, rounds: 1 }))).toEqual({ phase: "plenary" });
  });

  it("refuses to go past closed", () => {
    expect(refused(nextPhase({ phase: "closed" }, twoRounds))).toBe("The workshop is closed; there is no next phase.");
  });

  it("refuses a round the plan does not have", () => {
    expect(refused(nextPhase({ phase: "reset", round: 3 }, twoRounds))).toBe(
      "Round 3 is not part of this workshop's 2 rounds.",
    );
    expect(refused(nextPhase({ phase: "reset", round: 0 }, { ...twoRounds, rounds: 1 }))).toBe(
      "Round 0 is not part of this workshop's 1 round.",
    );
  });
});

describe("previousPhase", () => {
  it("steps back within a round, into the previous round's debrief, and from the plenary to the last debrief", () => {
    expect(moved(previousPhase({ phase: "reset", round: 2 }, twoRounds))).toEqual({ phase: "roleplay", round: 2 });
    expect(moved(previousPhase({ phase: "briefing", round: 2 }, twoRounds))).toEqual({ phase: "debrief", round: 1 });
    expect(moved(previousPhase({ phase: "plenary" }, twoRounds))).toEqual({ phase: "debrief", round: 2 });
  });

  it("refuses to step back from the first briefing or out of closed", () => {
    expect(refused(previousPhase(firstPhase(), twoRounds))).toBe(
      "This is the first phase of the workshop; there is nothing to go back to.",
    );
    expect(refused(previousPhase({ phase: "closed" }, twoRounds))).toBe("The workshop is closed and cannot be reopened.");
  });
});

describe("phase helpers", () => {
  it("times round phases from the plan and leaves the plenary and closed untimed", () => {
    expect(phaseDurationSeconds({ phase: "briefing", round: 1 }, DEFAULT_PHASE_PLAN)).toBe(120);
    expect(phaseDurationSeconds({ phase: "roleplay", round: 2 }, DEFAULT_PHASE_PLAN)).toBe(420);
    expect(phaseDurationSeconds({ phase: "reset", round: 1 }, DEFAULT_PHASE_PLAN)).toBe(60);
    expect(phaseDurationSeconds({ phase: "debrief", round: 3 }, DEFAULT_PHASE_PLAN)).toBe(300);
    expect(phaseDurationSeconds({ phase: "plenary" }, DEFAULT_PHASE_PLAN)).toBeNull();
    expect(phaseDurationSeconds({ phase: "closed" }, DEFAULT_PHASE_PLAN)).toBeNull();
  });

  it("describes a phase the way the board shows it", () => {
    expect(describePhase({ phase: "roleplay", round: 2 }, DEFAULT_PHASE_PLAN)).toBe("Round 2 of 3 · Role-play");
    expect(describePhase({ phase: "plenary" }, DEFAULT_PHASE_PLAN)).toBe("Plenary debrief");
  });

  it("compares positions by phase and round", () => {
    expect(samePhase({ phase: "reset", round: 2 }, { phase: "reset", round: 2 })).toBe(true);
    expect(samePhase({ phase: "reset", round: 2 }, { phase: "reset", round: 1 })).toBe(false);
    expect(samePhase({ phase: "plenary" }, { phase: "closed" })).toBe(false);
  });
});

describe("phasePlanSchema", () => {
  const messages = (input: unknown) => {
    const result = phasePlanSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => i.message);
  };

  it("fills in the defaults: 3 rounds; briefing 2 min, role-play 7 min, reset 1 min, debrief 5 min", () => {
    expect(phasePlanSchema.parse({})).toEqual(DEFAULT_PHASE_PLAN);
    expect(DEFAULT_PHASE_PLAN).toEqual({
      rounds: 3,
      durations: { briefingSeconds: 120, roleplaySeconds: 420, resetSeconds: 60, debriefSeconds: 300 },
    });
    expect(phasePlanSchema.parse({ rounds: 5, durations: { roleplaySeconds: 600 } })).toEqual({
      rounds: 5,
      durations: { ...DEFAULT_PHASE_PLAN.durations, roleplaySeconds: 600 },
    });
  });

  it.each([
    [{ rounds: 0 }, "Choose between 1 and 10 rounds."],
    [{ rounds: 11 }, "Choose between 1 and 10 rounds."],
    [{ rounds: 2.5 }, "Give the number of rounds as a whole number."],
    [{ rounds: "three" }, "Give the number of rounds."],
    [{ durations: { roleplaySeconds: 119 } }, "The role-play must last between 2 minutes and 20 minutes."],
    [{ durations: { roleplaySeconds: 1201 } }, "The role-play must last between 2 minutes and 20 minutes."],
    [{ durations: { briefingSeconds: 20 } }, "The briefing must last between 30 seconds and 10 minutes."],
    [{ durations: { resetSeconds: 301 } }, "The reset must last between 15 seconds and 5 minutes."],
    [{ durations: { debriefSeconds: 30 } }, "The debrief must last between 1 minute and 20 minutes."],
    [{ durations: { debriefSeconds: 90.5 } }, "Give the debrief length in whole seconds."],
    [{ durations: { roleplaySeconds: "7" } }, "Give the role-play length in seconds."],
  ])("refuses %j: %s", (input, message) => {
    expect(messages(input)).toEqual([message]);
  });

  it("accepts the limits themselves", () => {
    expect(
      messages({
        rounds: 10,
        durations: { briefingSeconds: 30, roleplaySeconds: 1200, resetSeconds: 15, debriefSeconds: 60 },
      }),
    ).toEqual([]);
    expect(messages({ rounds: 1, durations: { roleplaySeconds: 120 } })).toEqual([]);
  });

  it("returns any plan within the limits unchanged (property)", () => {
    const validPlan = fc.record({
      rounds: fc.integer({ min: 1, max: 10 }),
      durations: fc.record({
        briefingSeconds: fc.integer({ min: 30, max: 600 }),
        roleplaySeconds: fc.integer({ min: 120, max: 1200 }),
        resetSeconds: fc.integer({ min: 15, max: 300 }),
        debriefSeconds: fc.integer({ min: 60, max: 1200 }),
      }),
    });
    fc.assert(
      fc.property(validPlan, (plan) => {
        expect(phasePlanSchema.parse(plan)).toEqual(plan);
      }),
    );
  });

  it("is a zod schema usable at the edge", () => {
    expect(phasePlanSchema).toBeInstanceOf(z.ZodObject);
  });
});

describe("phase machine properties", () => {
  const planArb = fc.integer({ min: 1, max: 10 }).map((rounds): PhasePlan => ({ ...DEFAULT_PHASE_PLAN, rounds }));

  it("walking forward from the first briefing visits the whole sequence, four phases a round plus two", () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const visited: PhasePosition[] = [firstPhase()];
        for (let move = nextPhase(firstPhase(), plan); move.ok; move = nextPhase(move.position, plan)) {
          visited.push(move.position);
        }
        expect(visited).toEqual(phaseSequence(plan));
        expect(visited).toHaveLength(plan.rounds * 4 + 2);
      }),
    );
  });

  it("stepping back undoes moving on, everywhere but the ends", () => {
    fc.assert(
      fc.property(planArb, fc.nat(), (plan, pick) => {
        const sequence = phaseSequence(plan);
        const at = pick % sequence.length;
        const position = sequence[at]!;
        const forward = nextPhase(position, plan);
        if (at === sequence.length - 1) expect(forward.ok).toBe(false);
        // Closed cannot be stepped back out of, so the undo stops at the plenary.
        else if (at < sequence.length - 2) expect(moved(previousPhase(moved(forward), plan))).toEqual(position);
        const back = previousPhase(position, plan);
        if (at === 0 || at === sequence.length - 1) expect(back.ok).toBe(false);
        else expect(moved(nextPhase(moved(back), plan))).toEqual(position);
      }),
    );
  });
});
