/**
 * Builders for domain tests: a workshop is built by deciding real commands
 * and folding their events, never by hand-writing state.
 */
import { decide } from "./decide";
import { evolve } from "./evolve";
import type { Actor, DecideContext, ScenarioLibrary, WorkshopCommand, WorkshopEvent, WorkshopPlan, WorkshopState } from "./types";

export const FACILITATOR: Actor = { kind: "facilitator", facilitatorId: "fac-1" };
export const OTHER_FACILITATOR: Actor = { kind: "facilitator", facilitatorId: "fac-2" };
export const SYSTEM: Actor = { kind: "system" };
export const participant = (id: string): Actor => ({ kind: "participant", participantId: id });

export const LIBRARY: ScenarioLibrary = {
  hasScenario: (id) => ["copay", "wait", "denial"].includes(id),
  hasRubric: (id) => id === "core-skills",
  curveballIds: (id) => (id === "copay" ? ["receipt-found", "queue-comment"] : []),
};

/** A seeded generator so grouping is repeatable in tests. */
export function seededRandom(seed = 42): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function ctxAt(now: number, random = seededRandom()): DecideContext {
  return { now, random, library: LIBRARY };
}

export const PLAN: WorkshopPlan = {
  rubricId: "core-skills",
  groupSize: 4,
  rounds: 2,
  durations: { briefingSeconds: 60, roleplaySeconds: 300, resetSeconds: 30, debriefSeconds: 120 },
  scenarioIds: ["copay", "wait"],
};

/** A mutable test harness around one workshop: run commands, read state. */
export class WorkshopHarness {
  state: WorkshopState | null = null;
  events: WorkshopEvent[] = [];
  now = 1_000_000;
  readonly random = seededRandom();

  run(command: WorkshopCommand, actor: Actor = FACILITATOR) {
    const decision = decide(this.state, command, actor, { now: this.now, random: this.random, library: LIBRARY });
    if (decision.ok) {
      for (const event of decision.events) this.state = evolve(this.state, event);
      this.events.push(...decision.events);
    }
    return decision;
  }

  /** Runs a command that must succeed, failing the test with the refusal otherwise. */
  must(command: WorkshopCommand, actor: Actor = FACILITATOR) {
    const decision = this.run(command, actor);
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.error.message}`);
    return decision.events;
  }

  get s(): WorkshopState {
    if (!this.state) throw new Error("no workshop yet");
    return this.state;
  }

  static withParticipants(count: number, plan: WorkshopPlan | null = PLAN): WorkshopHarness {
    const h = new WorkshopHarness();
    h.must({ type: "createWorkshop", workshopId: "w1", code: "ABCDEF", title: "Test", teamLabel: null, askTeamAndShift: false });
    for (let i = 1; i <= count; i++) {
      const id = `p${i}`;
      h.must({ type: "joinWorkshop", participantId: id, displayName: `Person ${i}`, team: null, shift: null }, participant(id));
    }
    if (plan) h.must({ type: "setPlan", plan });
    return h;
  }

  group(id = "g1") {
    const group = this.s.groups.find((g) => g.id === id);
    if (!group) throw new Error(`no group ${id}`);
    return group;
  }

  holder(role: "patient" | "staff", groupId = "g1"): string {
    const group = this.group(groupId);
    const id = group.memberIds.find((m) => group.roles[m] === role);
    if (!id) throw new Error(`no ${role} in ${groupId}`);
    return id;
  }
}
