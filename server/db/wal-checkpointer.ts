import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";

/**
 * Moves SQLite's WAL checkpoints off the event loop. With WAL and
 * synchronous=NORMAL a commit does not wait for the disk, but every ~1000
 * pages the committing connection copies the WAL into the database and
 * fsyncs it, inside that commit. Under the load bench that stalled one Yjs
 * update (and everything queued behind it) for ~400 ms on a busy disk.
 *
 * Here the main connection checkpoints only as a safety net (every 10,000
 * pages), and a worker thread with its own connection runs a PASSIVE
 * checkpoint every second: it never blocks the writer, and its fsync blocks
 * only the worker. Durability is unchanged (same journal mode and sync level).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("busy_timeout = 5000");
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch (error) { parentPort.postMessage(String(error && error.message || error)); }
}, workerData.everyMs);
parentPort.on("message", (message) => {
  if (message !== "close") return;
  clearInterval(timer);
  try { db.close(); } catch {}
  parentPort.close();
});
`;

export function startWalCheckpointer(filePath: string, sqlite: Database.Database, log: (line: string) => void, everyMs = 1_000): () => Promise<void> {
  if (filePath === ":memory:") return async () => {};
  sqlite.pragma("wal_autocheckpoint = 10000");
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path: filePath, everyMs } });
  worker.unref();
  let failures = 0;
  worker.on("message", (message: string) => {
    if (failures++ < 3) log(`WAL checkpoint failed (the writer's own checkpoints still run): ${message}`);
  });
  worker.on("error", (error) => log(`WAL checkpointer stopped (the writer's own checkpoints still run): ${error.message}`));
  return async () => {
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    worker.postMessage("close");
    const timer = setTimeout(() => void worker.terminate(), 2_000);
    await exited;
    clearTimeout(timer);
  };
}
