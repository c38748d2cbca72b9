/**
 * Workshop plans the socket tests set through `setPlan`: groups of three, the
 * core-skills rubric, the catalog's first two scenarios, minimum-ish durations
 * (no test waits for a deadline).
 */
const DURATIONS = { briefingSeconds: 60, roleplaySeconds: 300, resetSeconds: 30, debriefSeconds: 120 };

export const TWO_ROUNDS_OF_THREE = {
  rubricId: "core-skills",
  groupSize: 3,
  rounds: 2,
  scenarioIds: ["surprise-copay-at-check-in", "long-wait-after-time-off"],
  durations: DURATIONS,
};

export const ONE_ROUND_OF_THREE = { ...TWO_ROUNDS_OF_THREE, rounds: 1, scenarioIds: ["surprise-copay-at-check-in"] };
