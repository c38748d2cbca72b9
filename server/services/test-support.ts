import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase, openDatabase, type Db } from "../db/client";
import { createWorkshopRepository } from "../db/workshop-repository";
import { LIBRARY, PLAN, seededRandom } from "../domain/workshop/test-support";
import { createWorkshopService, type WorkshopService } from "./workshop-service";

/*
 * For service tests: a real SQLite file, opened and migrated as the server
 * opens it, and the real workshop service on it. Tests only.
 */

export const OWNER = { kind: "facilitator" as const, facilitatorId: "fac-1" };

/** A fresh database file with one facilitator (OWNER); `close` removes it. */
export function openTestDb(prefix: string): { db: Db; close: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const db = openDatabase(path.join(dir, "test.db"));
  migrateDatabase(db);
  db.$client.prepare("INSERT INTO facilitators (id, name, email, password_hash, created_at) VALUES ('fac-1','F','f@example.org','x',0)").run();
  return {
    db,
    close() {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let ids = 0;

/** The workshop service on `db`, on the real clock (vitest's fake timers move it). */
export function createTestWorkshopService(db: Db): WorkshopService {
  return createWorkshopService({
    repo: createWorkshopRepository(db),
    now: () => Date.now(),
    randomInt: (n) => Math.floor(Math.random() * n),
    random: seededRandom(),
    newId: () => `id-${++ids}`,
    library: LIBRARY,
  });
}

/** A workshop of three in one group, its round started: in briefing, with a deadline. */
export function workshopInBriefing(workshops: WorkshopService, title = "T"): string {
  const { workshopId } = workshops.createWorkshop(OWNER.facilitatorId, { title, teamLabel: null, askTeamAndShift: false });
  for (const p of ["a", "b", "c"]) {
    workshops.execute(workshopId, { type: "joinWorkshop", participantId: p, displayName: p, team: null, shift: null }, { kind: "participant", participantId: p });
  }
  for (const command of [{ type: "setPlan" as const, plan: { ...PLAN, rounds: 1, scenarioIds: ["copay"] } }, { type: "formGroups" as const }, { type: "startRound" as const }]) {
    const result = workshops.execute(workshopId, command, OWNER);
    if (!result.ok) throw new Error(result.error.message);
  }
  return workshopId;
}
