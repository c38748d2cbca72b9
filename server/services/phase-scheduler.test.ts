import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "../db/client";
import { PLAN } from "../domain/workshop/test-support";
import { createPhaseScheduler } from "./phase-scheduler";
import { createTestWorkshopService, openTestDb, workshopInBriefing } from "./test-support";

/**
 * The scheduler with an injected clock (vitest's fake timers drive both
 * setTimeout and Date.now), against a real SQLite file.
 */
describe("phase scheduler", () => {
  let db: Db;
  let closeDb: () => void;

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    ({ db, close: closeDb } = openTestDb("rolecall-scheduler-"));
  });

  afterEach(() => {
    vi.useRealTimers();
    closeDb();
  });

  it("moves a group on when its deadline passes, and not a moment before", () => {
    const workshops = createTestWorkshopService(db);
    const scheduler = createPhaseScheduler({ workshops, now: () => Date.now() });
    const id = workshopInBriefing(workshops);
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
    const workshops = createTestWorkshopService(db);
    const scheduler = createPhaseScheduler({ workshops, now: () => Date.now() });
    const id = workshopInBriefing(workshops);
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
    const first = createTestWorkshopService(db);
    const id = workshopInBriefing(first);
    // The process dies; time passes while it is down.
    vi.setSystemTime(Date.now() + PLAN.durations.briefingSeconds * 1000 + 5_000);
    const workshops = createTestWorkshopService(db);
    const scheduler = createPhaseScheduler({ workshops, now: () => Date.now() });
    expect(workshops.load(id)!.state.groups[0]!.phase).toBe("briefing");
    scheduler.start();
    expect(scheduler.armedCount()).toBe(1);
    vi.advanceTimersByTime(0);
    expect(workshops.load(id)!.state.groups[0]!.phase).toBe("roleplay");
    scheduler.stop();
  });
});
