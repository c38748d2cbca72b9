import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { migrateDatabase, openDatabase, type Db } from "../db/client";
import { createWorkshopRepository } from "../db/workshop-repository";
import { LIBRARY, PLAN, seededRandom } from "../domain/workshop/test-support";
import { startIdleWorkshopSweep } from "./idle-workshops";
import { createPhaseScheduler } from "./phase-scheduler";
import { createPresenceRegistry } from "./presence";
import { createWorkshopService, type WorkshopService } from "./workshop-service";

/**
 * The sweep with the real workshop service on a real SQLite file, the real
 * presence registry and scheduler; vitest's fake timers drive the clock.
 */
describe("idle workshops", () => {
  const IDLE_MS = 20_000;
  const facilitator = { kind: "facilitator" as const, facilitatorId: "fac-1" };
  let db: Db;
  let dir: string;
  let ids = 0;

  const makeService = () =>
    createWorkshopService({
      repo: createWorkshopRepository(db),
      now: () => Date.now(),
      randomInt: (n) => Math.floor(Math.random() * n),
      random: seededRandom(),
      newId: () => `id-${++ids}`,
      library: LIBRARY,
    });

  function workshopInBriefing(workshops: WorkshopService) {
    const { workshopId } = workshops.createWorkshop("fac-1", { title: "After lunch", teamLabel: null, askTeamAndShift: false });
    for (const p of ["a", "b", "c"]) {
      workshops.execute(workshopId, { type: "joinWorkshop", participantId: p, displayName: p, team: null, shift: null }, { kind: "participant", participantId: p });
    }
    for (const command of [{ type: "setPlan" as const, plan: { ...PLAN, rounds: 1, scenarioIds: ["copay"] } }, { type: "formGroups" as const }, { type: "startRound" as const }]) {
      const result = workshops.execute(workshopId, command, facilitator);
      if (!result.ok) throw new Error(result.error.message);
    }
    return workshopId;
  }

  const inMemory = (workshops: WorkshopService) => workshops.inMemory().map((w) => w.workshopId);

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-idle-"));
    db = openDatabase(path.join(dir, "test.db"));
    migrateDatabase(db);
    db.$client.prepare("INSERT INTO facilitators (id, name, email, password_hash, created_at) VALUES ('fac-1','F','f@example.org','x',0)").run();
  });

  afterEach(() => {
    vi.useRealTimers();
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
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
    expect(workshops.execute(id, { type: "startRoleplay" }, facilitator).ok).toBe(true);
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
