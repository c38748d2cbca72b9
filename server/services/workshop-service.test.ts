import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, type Db } from "../db/client";
import { createFacilitatorRepository } from "../db/facilitator-repository";
import { createWorkshopRepository } from "../db/workshop-repository";
import type { Actor } from "../domain/workshop";
import { createWorkshopService, type WorkshopChange } from "./workshop-service";

/** A real SQLite file per test, opened the way the server opens it. */
let dir: string;
let dbPath: string;
const openDbs: Db[] = [];

function open(): Db {
  const db = openDatabase(dbPath);
  migrateDatabase(db);
  openDbs.push(db);
  return db;
}

let clock = 1_000;
function serviceOn(db: Db, randomInt: (n: number) => number = (n) => Math.floor(Math.random() * n)) {
  let ids = 0;
  return createWorkshopService({
    repo: createWorkshopRepository(db),
    now: () => ++clock,
    randomInt,
    random: () => 0,
    library: { hasScenario: () => false, hasRubric: () => false, curveballIds: () => [] },
    newId: () => `w-${Date.now().toString(36)}-${++ids}-${Math.random().toString(36).slice(2, 8)}`,
  });
}

const owner: Actor = { kind: "facilitator", facilitatorId: "fac-1" };
const participant = (id: string): Actor => ({ kind: "participant", participantId: id });
const join = (id: string, displayName: string) => ({ type: "joinWorkshop" as const, participantId: id, displayName, team: null, shift: null });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-ws-"));
  dbPath = path.join(dir, "rolecall.db");
  const db = open();
  createFacilitatorRepository(db).insert({ id: "fac-1", name: "Dana", email: "dana@example.org", passwordHash: "x", createdAt: 0 });
});

afterEach(() => {
  for (const db of openDbs.splice(0)) db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("workshop service on SQLite", () => {
  it("creates a workshop at version 1 with a well-formed code, findable by that code", () => {
    const service = serviceOn(openDbs[0]!);
    const { workshopId, code } = service.createWorkshop("fac-1", { title: "Front desk", teamLabel: null, askTeamAndShift: false });
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
    const loaded = service.load(workshopId);
    expect(loaded?.version).toBe(1);
    expect(loaded?.state).toMatchObject({ id: workshopId, code, title: "Front desk", facilitatorId: "fac-1", status: "open" });
    expect(service.findOpenByCode(code)?.id).toBe(workshopId);
    expect(service.listForFacilitator("fac-1").map((w) => w.id)).toEqual([workshopId]);
  });

  it("picks another code when the first one is taken", () => {
    // Every draw is 0 until the second workshop's first attempt has clashed.
    let draws = 0;
    const service = serviceOn(openDbs[0]!, (n) => (draws++ < 12 ? 0 : (draws % n)));
    const first = service.createWorkshop("fac-1", { title: "One", teamLabel: null, askTeamAndShift: false });
    const second = service.createWorkshop("fac-1", { title: "Two", teamLabel: null, askTeamAndShift: false });
    expect(first.code).toBe("222222");
    expect(second.code).not.toBe(first.code);
    expect(service.findOpenByCode(second.code)?.id).toBe(second.workshopId);
  });

  it("refuses a stale expectedVersion and appends nothing", () => {
    const db = openDbs[0]!;
    const repo = createWorkshopRepository(db);
    const service = serviceOn(db);
    const { workshopId } = service.createWorkshop("fac-1", { title: "Front desk", teamLabel: null, askTeamAndShift: false });
    expect(service.execute(workshopId, join("p-ana", "Ana"), participant("p-ana")).ok).toBe(true);
    const before = repo.loadEvents(workshopId);
    expect(before).toHaveLength(2);

    const stale = service.execute(workshopId, { type: "endWorkshop" }, owner, { expectedVersion: 1 });
    expect(stale.ok).toBe(false);
    if (!stale.ok) {
      expect(stale.error.code).toBe("stale");
      expect(stale.error.message).toMatch(/was not applied/);
    }
    expect(repo.loadEvents(workshopId)).toEqual(before);
    expect(service.load(workshopId)).toMatchObject({ version: 2, state: { status: "open" } });
    expect(repo.findById(workshopId)?.version).toBe(2);

    const fresh = service.execute(workshopId, { type: "endWorkshop" }, owner, { expectedVersion: 2 });
    expect(fresh).toMatchObject({ ok: true, version: 3 });
    expect(repo.loadEvents(workshopId).map((r) => r.event.type)).toEqual(["workshopCreated", "participantJoined", "workshopEnded"]);
  });

  it("appends nothing when the domain refuses a command", () => {
    const db = openDbs[0]!;
    const repo = createWorkshopRepository(db);
    const service = serviceOn(db);
    const { workshopId } = service.createWorkshop("fac-1", { title: "Front desk", teamLabel: null, askTeamAndShift: false });
    service.execute(workshopId, join("p-ana", "Ana"), participant("p-ana"));
    const refused = service.execute(workshopId, { type: "endWorkshop" }, participant("p-ana"));
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(repo.loadEvents(workshopId)).toHaveLength(2);
    expect(service.load(workshopId)?.state.status).toBe("open");
  });

  it("publishes each applied change once, and nothing for refusals", () => {
    const service = serviceOn(openDbs[0]!);
    const changes: WorkshopChange[] = [];
    const unsubscribe = service.onChange((c) => changes.push(c));
    const { workshopId } = service.createWorkshop("fac-1", { title: "Front desk", teamLabel: null, askTeamAndShift: false });
    service.execute(workshopId, join("p-ana", "Ana"), participant("p-ana"));
    service.execute(workshopId, { type: "endWorkshop" }, participant("p-ana"));
    service.execute(workshopId, { type: "endWorkshop" }, owner, { expectedVersion: 0 });
    unsubscribe();
    service.execute(workshopId, { type: "endWorkshop" }, owner);
    expect(changes.map((c) => [c.version, c.events.map((e) => e.type)])).toEqual([
      [1, ["workshopCreated"]],
      [2, ["participantJoined"]],
    ]);
  });

  it("rebuilds the same state from stored events in a new service instance (a restart)", () => {
    const first = serviceOn(openDbs[0]!);
    const { workshopId, code } = first.createWorkshop("fac-1", { title: "Front desk", teamLabel: "Outpatients", askTeamAndShift: true });
    first.execute(workshopId, { ...join("p-ana", "Ana"), team: "Registration", shift: "Late" }, participant("p-ana"));
    first.execute(workshopId, join("p-ben", "Ben"), participant("p-ben"));
    first.execute(workshopId, join("p-cleo", "Cleo"), participant("p-cleo"));
    first.execute(workshopId, { type: "leaveWorkshop" }, participant("p-cleo"));
    first.execute(workshopId, { type: "removeParticipant", participantId: "p-ben", reason: "Wrong room" }, owner);
    const before = first.load(workshopId)!;
    expect(before.version).toBe(6);

    // A new connection to the same file, and a new service with an empty cache.
    openDbs.shift()!.$client.close();
    const restarted = serviceOn(open());
    const after = restarted.load(workshopId);
    expect(after).toEqual(before);
    expect(after?.state.participants["p-ana"]).toMatchObject({ team: "Registration", shift: "Late", departure: null });
    expect(after?.state.participants["p-ben"]?.departure).toMatchObject({ kind: "removed", reason: "Wrong room" });
    expect(restarted.findOpenByCode(code)?.id).toBe(workshopId);

    // And it carries on from the stored version.
    expect(restarted.execute(workshopId, { type: "endWorkshop" }, owner, { expectedVersion: 6 })).toMatchObject({ ok: true, version: 7 });
    expect(restarted.findOpenByCode(code)).toBeNull();
  });

  it("refuses as stale when another writer got there first, then recovers on reload", () => {
    const a = serviceOn(openDbs[0]!);
    const b = serviceOn(open());
    const { workshopId } = a.createWorkshop("fac-1", { title: "Front desk", teamLabel: null, askTeamAndShift: false });
    expect(a.load(workshopId)?.version).toBe(1); // cached in a
    expect(b.execute(workshopId, join("p-ana", "Ana"), participant("p-ana"))).toMatchObject({ ok: true, version: 2 });

    const late = a.execute(workshopId, join("p-ben", "Ben"), participant("p-ben"));
    expect(late).toMatchObject({ ok: false, error: { code: "stale" } });
    expect(createWorkshopRepository(openDbs[0]!).loadEvents(workshopId)).toHaveLength(2);

    const retry = a.execute(workshopId, join("p-ben", "Ben"), participant("p-ben"));
    expect(retry).toMatchObject({ ok: true, version: 3 });
    expect(Object.keys(a.load(workshopId)!.state.participants)).toEqual(["p-ana", "p-ben"]);
  });

  it("returns null for a workshop that does not exist, and refuses commands on it", () => {
    const service = serviceOn(openDbs[0]!);
    expect(service.load("nope")).toBeNull();
    expect(service.execute("nope", { type: "endWorkshop" }, owner)).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect(createWorkshopRepository(openDbs[0]!).loadEvents("nope")).toEqual([]);
  });
});
