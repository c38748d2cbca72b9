import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, type Db } from "./client";
import { createYjsRepository } from "./yjs-repository";

/** Yjs updates appended together are one transaction: all stored, or none. */
describe("appending Yjs updates", () => {
  let db: Db;
  let dir: string;
  const bytes = (n: number) => new Uint8Array([n, n + 1, n + 2]);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-yjs-repo-"));
    db = openDatabase(path.join(dir, "rolecall.db"));
    migrateDatabase(db);
    db.$client.prepare("INSERT INTO facilitators (id, name, email, password_hash, created_at) VALUES ('fac-1','F','f@example.org','x',0)").run();
    db.$client
      .prepare("INSERT INTO workshops (id, code, title, facilitator_id, status, version, created_at) VALUES ('w1','ABC123','T','fac-1','lobby',1,0)")
      .run();
  });
  afterEach(() => {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("stores every row in order and answers each document's newest sequence number", () => {
    const repo = createYjsRepository(db);
    const seqs = repo.append(
      [
        { docName: "workshop/w1/a", workshopId: "w1", update: bytes(1) },
        { docName: "workshop/w1/b", workshopId: "w1", update: bytes(2) },
        { docName: "workshop/w1/a", workshopId: "w1", update: bytes(3) },
      ],
      5,
    );
    expect(Object.fromEntries(seqs)).toEqual({ "workshop/w1/a": 3, "workshop/w1/b": 2 });
    expect(repo.load("workshop/w1/a").updates.map((u) => [...u])).toEqual([[1, 2, 3], [3, 4, 5]]);
    expect(repo.load("workshop/w1/b").lastSeq).toBe(2);
  });

  it("stores none of them when one cannot be stored", () => {
    const repo = createYjsRepository(db);
    repo.append([{ docName: "workshop/w1/a", workshopId: "w1", update: bytes(1) }], 1);
    // The second row names a workshop that does not exist: the foreign key refuses it.
    expect(() =>
      repo.append(
        [
          { docName: "workshop/w1/a", workshopId: "w1", update: bytes(2) },
          { docName: "workshop/gone/a", workshopId: "gone", update: bytes(3) },
        ],
        2,
      ),
    ).toThrow(/FOREIGN KEY/);
    expect(repo.load("workshop/w1/a").updates.map((u) => [...u])).toEqual([[1, 2, 3]]);
    expect(repo.load("workshop/gone/a").updates).toEqual([]);
  });
});
