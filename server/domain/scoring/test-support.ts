/**
 * A workshop harness for scoring tests: the workshop test harness with a
 * scenario library that also knows a small rubric, and helpers to bring a
 * group to a phase with known roles.
 */
import { rubricSchema, type Rubric } from "../scenario-schema";
import { decide } from "../workshop/decide";
import { evolve } from "../workshop/evolve";
import { FACILITATOR, LIBRARY, PLAN, participant, WorkshopHarness } from "../workshop/test-support";
import type { Actor, GroupPhase, ScenarioLibrary, WorkshopCommand } from "../workshop/types";

export const RUBRIC: Rubric = rubricSchema.parse({
  id: "core-skills",
  title: "Core skills",
  description: "Two criteria are enough to test with.",
  source: "Tests",
  scale: { min: 1, max: 4 },
  criteria: [
    {
      id: "empathy",
      title: "Empathy",
      description: "Listens for the concern under the words.",
      shortcut: "e",
      levels: [1, 2, 3, 4].map((value) => ({ value, label: `E${value}`, description: `Empathy level ${value}` })),
      behaviours: [
        { id: "reflects", text: "Reflects back" },
        { id: "opens-door", text: "Opens the door" },
      ],
    },
    {
      id: "plain",
      title: "Plain language",
      description: "Everyday words, checked.",
      shortcut: "p",
      levels: [1, 2, 3, 4].map((value) => ({ value, label: `P${value}`, description: `Plain level ${value}` })),
      behaviours: [{ id: "teach-back", text: "Uses teach-back" }],
    },
  ],
});

export const SCORING_LIBRARY: ScenarioLibrary = { ...LIBRARY, rubric: (id) => (id === RUBRIC.id ? RUBRIC : undefined) };

export const CONTENT = { scenario: () => undefined, rubric: (id: string) => (id === RUBRIC.id ? RUBRIC : undefined) };

export const FULL = { empathy: 3, plain: 2 };

export class ScoringHarness extends WorkshopHarness {
  override run(command: WorkshopCommand, actor: Actor = FACILITATOR) {
    const decision = decide(this.state, command, actor, { now: this.now, random: this.random, library: SCORING_LIBRARY });
    if (decision.ok) {
      for (const event of decision.events) this.state = evolve(this.state, event);
      this.events.push(...decision.events);
    }
    return decision;
  }

  /**
   * One group of `size` (p1…pN) with p1 as staff, p2 as patient and the rest
   * observing, brought into round 1's `phase`.
   */
  static inPhase(phase: GroupPhase, size = 5): ScoringHarness {
    const h = new ScoringHarness();
    h.must({ type: "createWorkshop", workshopId: "w1", code: "ABCDEF", title: "Test", teamLabel: null, askTeamAndShift: false });
    for (let i = 1; i <= size; i++) {
      h.must({ type: "joinWorkshop", participantId: `p${i}`, displayName: `Person ${i}`, team: null, shift: null }, participant(`p${i}`));
    }
    h.must({ type: "setPlan", plan: { ...PLAN, groupSize: size } });
    h.must({ type: "formGroups" });
    h.must({ type: "setRole", groupId: "g1", participantId: "p1", role: "staff" });
    h.must({ type: "setRole", groupId: "g1", participantId: "p2", role: "patient" });
    for (let i = 3; i <= size; i++) h.must({ type: "setRole", groupId: "g1", participantId: `p${i}`, role: "observer" });
    h.must({ type: "startRound" });
    h.goTo(phase);
    return h;
  }

  /** Advances group g1 until it is in `phase`. */
  goTo(phase: GroupPhase) {
    const order: GroupPhase[] = ["briefing", "roleplay", "reset", "debrief", "done"];
    while (order.indexOf(this.group().phase) < order.indexOf(phase)) {
      this.now += 1_000;
      this.must({ type: "advanceGroups", groupIds: ["g1"] });
    }
    return this;
  }

  submit(id: string, scores: Record<string, number> = FULL, behaviours: Record<string, string[]> = {}) {
    return this.run({ type: "submitScores", scores, behaviours }, participant(id));
  }
}

export { FACILITATOR, participant };
