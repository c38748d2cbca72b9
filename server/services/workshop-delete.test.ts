import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { migrateDatabase, openDatabase, type Db } from "../db/client";
import { createWorkshopRepository } from "../db/workshop-repository";
import { LIBRARY, PLAN, seededRandom } from "../domain/workshop/test-support";
import { createPhaseScheduler } from "./phase-scheduler";
import { createWorkshopService, type WorkshopService } from "./workshop-service";

/** Deleting a workshop: owner only, every event gone, listeners told, timers disarmed. */
describe("deleting a workshop", () => {
  let db: Db;
  let dir: string;
  let workshops: WorkshopService;
  let ids = 0;
  const owner = { kind: "facilitator" as const, facilitatorId: "fac-1" };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-del-"));
    db = openDatabase(path.join(dir, "rolecall.db"));
    migrateDatabase(db);
    db.$client.prepare("INSERT INTO facilitators (id, name, email, password_hash, created_at) VALUES ('fac-1','F','f@example.org','x',0), ('fac-2','G','g@example.org','x',0)").run();
    workshops = createWorkshopService({ repo: createWorkshopRepository(db), now: () => Date.now(), randomInt: (n) => Math.floor(Math.random() * n), random: seededRandom(), newId: () => `id-${++ids}`, library: LIBRARY });
  });
  afterEach(() => {
    vi.useRealTimers();
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function runningWorkshop() {
    const { workshopId } = workshops.createWorkshop("fac-1", { title: "T", teamLabel: null, askTeamAndShift: false });
    for (const p of ["a", "b", "c"]) workshops.execute(workshopId, { type: "joinWorkshop", participantId: p, displayName: p, team: null, shift: null }, { kind: "participant", participantId: p });
    for (const command of [{ type: "setPlan" as const, plan: { ...PLAN, rounds: 1, scenarioIds: ["copay"] } }, { type: "formGroups" as const }, { type: "startRound" as const }]) {
      const result = workshops.execute(workshopId, command, owner);
      if (!result.ok) throw new Error(result.error.message);
    }
    return workshopId;
  }

  const rows = (sql: string, id: string) => db.$client.prepare(sql).all(id).length;

  it("refuses anyone but the owner and changes nothing", () => {
    const id = runningWorkshop();
    const heard: string[] = [];
    workshops.onDeleted((w) => heard.push(w));
    expect(workshops.delete(id, "fac-2")).toEqual({ ok: false, error: { code: "not-found", message: "No workshop here. Open it from your dashboard." } });
    expect(workshops.delete("no-such-workshop", "fac-1")).toMatchObject({ ok: false });
    expect(workshops.load(id)).not.toBeNull();
    expect(heard).toEqual([]);
  });

  it("removes the workshop and its events, forgets it in memory and tells listeners once", () => {
    const id = runningWorkshop();
    const other = runningWorkshop();
    const heard: string[] = [];
    const stop = workshops.onDeleted((w) => heard.push(w));
    expect(workshops.delete(id, "fac-1")).toEqual({ ok: true });
    expect(heard).toEqual([id]);
    expect(rows("select 1 from workshops where id = ?", id)).toBe(0);
    expect(rows("select 1 from workshop_events where workshop_id = ?", id)).toBe(0);
    expect(workshops.load(id)).toBeNull();
    expect(workshops.listForFacilitator("fac-1").map((w) => w.id)).toEqual([other]);
    // A command for it now finds nothing to change, and nothing is written.
    expect(workshops.execute(id, { type: "startRoleplay" }, owner)).toMatchObject({ ok: false });
    expect(rows("select 1 from workshop_events where workshop_id = ?", id)).toBe(0);
    stop();
    workshops.delete(other, "fac-1");
    expect(heard).toEqual([id]);
  });

  it("disarms the deleted workshop's deadlines", () => {
    vi.useFakeTimers();
    const scheduler = createPhaseScheduler({ workshops, now: () => Date.now() });
    const id = runningWorkshop();
    expect(scheduler.armedCount()).toBe(1);
    workshops.delete(id, "fac-1");
    expect(scheduler.armedCount()).toBe(0);
    scheduler.stop();
  });
});
