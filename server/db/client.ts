import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** migrations/ sits at the repo root; the server runs from source or from build/. */
export function findMigrationsFolder(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.resolve(here, "../../migrations"), path.resolve(here, "../migrations"), path.resolve("migrations")]) {
    if (fs.existsSync(path.join(candidate, "meta", "_journal.json"))) return candidate;
  }
  throw new Error("Could not find the migrations/ folder next to the server. Reinstall or rebuild Rolecall.");
}

export function openDatabase(filePath: string): Db {
  if (filePath !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true });
  const sqlite = new Database(filePath);
  // WAL lets readers continue during a write; NORMAL sync is durable across
  // a process crash (kill -9), which is the failure we design for.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return drizzle(sqlite, { schema }) as Db;
}

/**
 * Options for a transaction that writes: take the write lock at BEGIN. Two
 * processes write this file (the main one and the Yjs process). A deferred
 * transaction that reads first and then writes after the other process has
 * committed fails at once with SQLITE_BUSY (its snapshot is stale), without
 * the busy timeout; an immediate one waits its turn for the lock instead.
 */
export const WRITE = { behavior: "immediate" } as const;

export function migrateDatabase(db: Db, migrationsFolder = findMigrationsFolder()): void {
  migrate(db, { migrationsFolder });
}
