import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "../db/client";
import { PLAN } from "../domain/workshop/test-support";
import { startIdleWorkshopSweep } from "./idle-workshops";
import { createPhaseScheduler } from "./phase-scheduler";
import { createPresenceRegistry } from "./presence";
import { createTestWorkshopService, OWNER, openTestDb, workshopInBriefing } from "./test-support";
import type { WorkshopService } from "./workshop-service";

/**
 * The sweep with the real workshop service on a real SQLite file, the real
 * presence registry and scheduler; vitest's fake timers drive the clock.
 */
describe("idle workshops", () => {
  const IDLE_MS = 20_000;
  let db: Db;
  let closeDb: () => void;
  const makeService = () => createTestWorkshopService(db);

  const inMemory = (workshops: WorkshopService) => workshops.inMemory().map((w) => w.workshopId);

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    ({ db, close: closeDb } = openTestDb("rolecall-idle-"));
  });

  afterEach(() => {
    vi.useRealTimers();
    closeDb();
  });

  it("lets a workshop go once nobody is connected and nothing has used it for the idle time, and folds it back whole", () => {
    const workshops = makeService();
    const presence = createPresenceRegistry();
    const sweep = startIdleWorkshopSweep({ workshops, presence, now: () => Date.now(), idleMs: IDLE_MS, everyMs: 1_000 });
    const evicted: string[] = [];
    workshops.onEvicted((id) => evicted.push(id));
    const id = workshopInBriefing(workshops);
    const before = workshops.load(id)!;

    vi.advanceTimersByTime(IDLE_MS - 1_000);
    expect(inMemory(workshops)).toEqual([id]);
    vi.advanceTimersByTime(1_000);
    expect(inMemory(workshops)).toEqual([]);
    expect(evicted).toEqual([id]);

    // Read again from its events: the same workshop at the same version.
    const after = workshops.load(id)!;
    expect(after.state).not.toBe(before.state);
    expect(after.version).toBe(before.version);
    expect(after.state).toEqual(before.state);
    expect(inMemory(workshops)).toEqual([id]);
    // Commands go on from where it was: no stale version.
    expect(workshops.execute(id, { type: "startRoleplay" }, OWNER).ok).toBe(true);
    sweep.stop();
  });

  it("keeps a workshop someone is connected to, however long it sits unchanged, and one that was just used", () => {
    const workshops = makeService();
    const presence = createPresenceRegistry();
    const sweep = startIdleWorkshopSweep({ workshops, presence, now: () => Date.now(), idleMs: IDLE_MS, everyMs: 1_000 });
    const watched = workshopInBriefing(workshops);
    const read = workshopInBriefing(workshops);
    presence.connect(watched, "facilitator:fac-1");

    for (let minute = 0; minute < 5; minute++) {
      vi.advanceTimersByTime(IDLE_MS / 2);
      workshops.load(read); // a report page, say, every half idle time
    }
    expect(inMemory(workshops).sort()).toEqual([watched, read].sort());

    presence.disconnect(watched, "facilitator:fac-1");
    vi.advanceTimersByTime(1_000);
    expect(inMemory(workshops)).toEqual([read]);
    vi.advanceTimersByTime(IDLE_MS);
    expect(inMemory(workshops)).toEqual([]);
    sweep.stop();
  });

  it("still moves a group on at its deadline after the workshop has left memory", () => {
    const workshops = makeService();
    const presence = createPresenceRegistry();
    const scheduler = createPhaseScheduler({ workshops, now: () => Date.now() });
    const sweep = startIdleWorkshopSweep({ workshops, presence, now: () => Date.now(), idleMs: IDLE_MS, everyMs: 1_000 });
    const id = workshopInBriefing(workshops);
    expect(PLAN.durations.briefingSeconds * 1000).toBeGreaterThan(IDLE_MS);

    vi.advanceTimersByTime(IDLE_MS);
    expect(inMemory(workshops)).toEqual([]);
    vi.advanceTimersByTime(PLAN.durations.briefingSeconds * 1000 - IDLE_MS);
    expect(workshops.load(id)!.state.groups[0]!.phase).toBe("roleplay");
    scheduler.stop();
    sweep.stop();
  });

  it("stops looking when stopped", () => {
    const workshops = makeService();
    const sweep = startIdleWorkshopSweep({ workshops, presence: createPresenceRegistry(), now: () => Date.now(), idleMs: IDLE_MS, everyMs: 1_000 });
    const id = workshopInBriefing(workshops);
    sweep.stop();
    vi.advanceTimersByTime(10 * IDLE_MS);
    expect(inMemory(workshops)).toEqual([id]);
    expect(sweep.sweep()).toEqual([id]);
  });
});
