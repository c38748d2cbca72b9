import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decide } from "../domain/workshop/decide";
import { evolveAll } from "../domain/workshop/evolve";
import { ctxAt, FACILITATOR, participant } from "../domain/workshop/test-support";
import type { Actor, WorkshopCommand, WorkshopEvent, WorkshopState } from "../domain/workshop/types";
import { migrateDatabase, openDatabase, type Db } from "./client";
import { createWorkshopRepository, DuplicateCodeError, StaleVersionError } from "./workshop-repository";

/** The event store against a real SQLite file: events and the projection row move together or not at all. */
describe("workshop repository", () => {
  let db: Db;
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-workshop-repo-"));
    db = openDatabase(path.join(dir, "test.db"));
    migrateDatabase(db);
    db.$client.prepare("INSERT INTO facilitators (id, name, email, password_hash, created_at) VALUES ('fac-1','F','f@example.org','x',0)").run();
  });

  afterEach(() => {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function step(state: WorkshopState | null, command: WorkshopCommand, actor: Actor = FACILITATOR): { events: WorkshopEvent[]; next: WorkshopState } {
    const decision = decide(state, command, actor, ctxAt(1_000));
    if (!decision.ok) throw new Error(decision.error.message);
    return { events: decision.events, next: evolveAll(state, decision.events)! };
  }

  const create = (workshopId: string, code: string) => step(null, { type: "createWorkshop", workshopId, code, title: "T", teamLabel: null, askTeamAndShift: false });
  const countEvents = (id: string) => (db.$client.prepare("SELECT count(*) AS n FROM workshop_events WHERE workshop_id = ?").get(id) as { n: number }).n;

  it("appends events after the expected version and keeps the projection in step", () => {
    const repo = createWorkshopRepository(db);
    const created = create("w1", "ABCDEF");
    expect(repo.append("w1", 0, created.events, created.next)).toBe(1);
    const joined = step(created.next, { type: "joinWorkshop", participantId: "p1", displayName: "Ana", team: null, shift: null }, participant("p1"));
    expect(repo.append("w1", 1, joined.events, joined.next)).toBe(2);
    expect(repo.findById("w1")).toMatchObject({ code: "ABCDEF", status: "open", participantCount: 1, version: 2, facilitatorId: "fac-1" });
    expect(repo.loadEvents("w1").map((e) => [e.version, e.event.type])).toEqual([
      [1, "workshopCreated"],
      [2, "participantJoined"],
    ]);
  });

  it("refuses a stale version and writes neither events nor the projection", () => {
    const repo = createWorkshopRepository(db);
    const created = create("w1", "ABCDEF");
    repo.append("w1", 0, created.events, created.next);
    const joined = step(created.next, { type: "joinWorkshop", participantId: "p1", displayName: "Ana", team: null, shift: null }, participant("p1"));
    expect(() => repo.append("w1", 0, joined.events, joined.next)).toThrow(StaleVersionError);
    expect(countEvents("w1")).toBe(1);
    expect(repo.findById("w1")).toMatchObject({ participantCount: 0, version: 1 });
  });

  it("refuses a second workshop with a code already taken, writing nothing for it", () => {
    const repo = createWorkshopRepository(db);
    const first = create("w1", "ABCDEF");
    repo.append("w1", 0, first.events, first.next);
    const second = create("w2", "ABCDEF");
    expect(() => repo.append("w2", 0, second.events, second.next)).toThrow(DuplicateCodeError);
    expect(countEvents("w2")).toBe(0);
    expect(repo.findById("w2")).toBeUndefined();
  });

  it("writes all of a batch or none of it", () => {
    const repo = createWorkshopRepository(db);
    const created = create("w1", "ABCDEF");
    repo.append("w1", 0, created.events, created.next);
    const joined = step(created.next, { type: "joinWorkshop", participantId: "p1", displayName: "Ana", team: null, shift: null }, participant("p1"));
    // A trigger fails the second of two inserts: the first event and the projection must not stay.
    const clash = [...joined.events, ...joined.events];
    db.$client.exec("CREATE TRIGGER fail_second AFTER INSERT ON workshop_events WHEN NEW.version = 3 BEGIN SELECT RAISE(ABORT, 'boom'); END");
    expect(() => repo.append("w1", 1, clash, joined.next)).toThrow(/boom/);
    expect(countEvents("w1")).toBe(1);
    expect(repo.findById("w1")).toMatchObject({ participantCount: 0, version: 1 });
  });
});
