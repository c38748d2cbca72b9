import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { migrateDatabase, openDatabase, type Db } from "../db/client";
import { createWorkshopRepository } from "../db/workshop-repository";
import { LIBRARY, PLAN, seededRandom } from "../domain/workshop/test-support";
import { createPhaseScheduler } from "./phase-scheduler";
import { createWorkshopService, type WorkshopService } from "./workshop-service";

/**
 * The scheduler with an injected clock (vitest's fake timers drive both
 * setTimeout and Date.now), against a real SQLite file.
 */
describe("phase scheduler", () => {
  let db: Db;
  let dir: string;
  let ids = 0;

  const makeService = () =>
    createWorkshopService({
      repo: createWorkshopRepository(db),
      now: () => Date.now(),
      randomInt: () => 0,
      random: seededRandom(),
      newId: () => `id-${++ids}`,
      library: LIBRARY,
    });

  function startedWorkshop(workshops: WorkshopService) {
    db.$client.prepare("INSERT INTO facilitators (id, name, email, password_hash, created_at) VALUES ('fac-1','F','f@example.org','x',0)").run();
    const { workshopId } = workshops.createWorkshop("fac-1", { title: "T", teamLabel: null, askTeamAndShift: false });
    const f = { kind: "facilitator" as const, facilitatorId: "fac-1" };
    for (const p of ["a", "b", "c"]) {
      workshops.execute(workshopId, { type: "joinWorkshop", participantId: p, displayName: p, team: null, shift: null }, { kind: "participant", participantId: p });
    }
    for (const command of [{ type: "setPlan" as const, plan: { ...PLAN, rounds: 1, scenarioIds: ["copay"] } }, { type: "formGroups" as const }, { type: "startRound" as const }]) {
      const result = workshops.execute(workshopId, command, f);
      if (!result.ok) throw new Error(result.error.message);
    }
    return workshopId;
  }

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-scheduler-"));
    db = openDatabase(path.join(dir, "test.db"));
    migrateDatabase(db);
  });

  afterEach(() => {
    vi.useRealTimers();
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("moves a group on when its deadline passes, and not a moment before", () => {
    const workshops = makeService();
    const scheduler = createPhaseScheduler({ workshops, now: () => Date.now() });
    const id = startedWorkshop(workshops);
    const phase = () => workshops.load(id)!.state.groups[0]!.phase;
    expect(phase()).toBe("briefing");
    vi.advanceTimersByTime(PLAN.durations.briefingSeconds * 1000 - 1);
    expect(phase()).toBe("briefing");
    vi.advanceTimersByTime(1);
    expect(phase()).toBe("roleplay");
    vi.advanceTimersByTime(PLAN.durations.roleplaySeconds * 1000);
    expect(phase()).toBe("reset");
    scheduler.stop();
  });

  it("does not expire a paused group, and honours an extension", () => {
    const workshops = makeService();
    const scheduler = createPhaseScheduler({ workshops, now: () => Date.now() });
    const id = startedWorkshop(workshops);
    const f = { kind: "facilitator" as const, facilitatorId: "fac-1" };
    workshops.execute(id, { type: "pauseGroup", groupId: "g1" }, f);
    vi.advanceTimersByTime(10 * 60_000);
    expect(workshops.load(id)!.state.groups[0]!.phase).toBe("briefing");
    workshops.execute(id, { type: "resumeGroup", groupId: "g1" }, f);
    workshops.execute(id, { type: "extendGroup", groupId: "g1", seconds: 30 }, f);
    vi.advanceTimersByTime(PLAN.durations.briefingSeconds * 1000);
    expect(workshops.load(id)!.state.groups[0]!.phase).toBe("briefing");
    vi.advanceTimersByTime(30_000);
    expect(workshops.load(id)!.state.groups[0]!.phase).toBe("roleplay");
    scheduler.stop();
  });

  it("re-arms deadlines from stored state after a restart, firing ones already past", () => {
    const first = makeService();
    const id = startedWorkshop(first);
    // The process dies; time passes while it is down.
    vi.setSystemTime(Date.now() + PLAN.durations.briefingSeconds * 1000 + 5_000);
    const workshops = makeService();
    const scheduler = createPhaseScheduler({ workshops, now: () => Date.now() });
    expect(workshops.load(id)!.state.groups[0]!.phase).toBe("briefing");
    scheduler.start();
    expect(scheduler.armedCount()).toBe(1);
    vi.advanceTimersByTime(0);
    expect(workshops.load(id)!.state.groups[0]!.phase).toBe("roleplay");
    scheduler.stop();
  });
});
