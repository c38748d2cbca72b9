import { and, asc, count, eq, lte, max, sql } from "drizzle-orm";
import { WRITE, type Db } from "./client";
import { yjsSnapshots, yjsUpdates } from "./schema";

/**
 * Storage of Yjs documents: an append-only log of updates per document and
 * one snapshot that the log is folded into on compaction.
 */
export function createYjsRepository(db: Db) {
  // Prepared once: this runs for every accepted update, and building the query each time
  // cost more than the insert itself (bench/results/load.md).
  const insertUpdate = db
    .insert(yjsUpdates)
    .values({ docName: sql.placeholder("docName"), workshopId: sql.placeholder("workshopId"), update: sql.placeholder("update"), at: sql.placeholder("at") })
    .returning({ seq: yjsUpdates.seq })
    .prepare();
  const insertAll = (rows: readonly { docName: string; workshopId: string; update: Uint8Array }[], at: number) => {
    const lastSeq = new Map<string, number>();
    for (const { docName, workshopId, update } of rows) {
      const row = insertUpdate.get({ docName, workshopId, update: Buffer.from(update.buffer, update.byteOffset, update.byteLength), at });
      lastSeq.set(docName, row!.seq);
    }
    return lastSeq;
  };
  // better-sqlite3's own transaction wrapper, made once (drizzle's builds one per call).
  const insertAllInOneTransaction = db.$client.transaction(insertAll);
  return {
    /**
     * Appends updates in one transaction (all or none); returns the newest
     * sequence number per document. Synchronous: when it returns, they are on
     * disk. One commit for many rows: most of a commit's cost is writing the
     * touched pages to the WAL, which rows appended together share.
     */
    append(rows: readonly { docName: string; workshopId: string; update: Uint8Array }[], at: number): Map<string, number> {
      // A single INSERT is its own transaction: BEGIN and COMMIT around it would only add statements.
      return rows.length === 1 ? insertAll(rows, at) : insertAllInOneTransaction.immediate(rows, at);
    },

    /** The snapshot (if any) and every update after it, in order. */
    load(docName: string): { snapshot: Uint8Array | null; updates: Uint8Array[]; lastSeq: number } {
      const snapshot = db.select({ state: yjsSnapshots.state }).from(yjsSnapshots).where(eq(yjsSnapshots.docName, docName)).get();
      const rows = db
        .select({ seq: yjsUpdates.seq, update: yjsUpdates.update })
        .from(yjsUpdates)
        .where(eq(yjsUpdates.docName, docName))
        .orderBy(asc(yjsUpdates.seq))
        .all();
      return {
        snapshot: snapshot ? new Uint8Array(snapshot.state) : null,
        updates: rows.map((r) => new Uint8Array(r.update)),
        lastSeq: rows.at(-1)?.seq ?? 0,
      };
    },

    /**
     * Replaces the snapshot with `state` and deletes the updates it contains
     * (those up to `upToSeq`), in one transaction: a crash leaves either the
     * old snapshot and all rows, or the new snapshot and the rest.
     */
    compact(docName: string, workshopId: string, state: Uint8Array, upToSeq: number, at: number): void {
      const blob = Buffer.from(state.buffer, state.byteOffset, state.byteLength);
      db.transaction((tx) => {
        tx.insert(yjsSnapshots)
          .values({ docName, workshopId, state: blob, at })
          .onConflictDoUpdate({ target: yjsSnapshots.docName, set: { state: blob, at } })
          .run();
        tx.delete(yjsUpdates)
          .where(and(eq(yjsUpdates.docName, docName), lte(yjsUpdates.seq, upToSeq)))
          .run();
      }, WRITE);
    },

    /** How many update rows a document has, and the newest sequence number. */
    stats(docName: string): { updates: number; lastSeq: number; hasSnapshot: boolean } {
      const row = db
        .select({ n: count(), last: max(yjsUpdates.seq) })
        .from(yjsUpdates)
        .where(eq(yjsUpdates.docName, docName))
        .get();
      const snapshot = db.select({ d: yjsSnapshots.docName }).from(yjsSnapshots).where(eq(yjsSnapshots.docName, docName)).get();
      return { updates: row?.n ?? 0, lastSeq: row?.last ?? 0, hasSnapshot: Boolean(snapshot) };
    },
  };
}

export type YjsRepository = ReturnType<typeof createYjsRepository>;
