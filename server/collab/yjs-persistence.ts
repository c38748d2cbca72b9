import type { YjsRepository } from "../db/yjs-repository";
import type { DocPersistence } from "./yjs-server";

/**
 * Yjs documents in SQLite: each accepted update is one row, written
 * synchronously before the update is relayed (the updates of one turn of the
 * event loop in one transaction); compaction folds the rows into
 * one snapshot in a single transaction.
 */
export function createSqlitePersistence(deps: {
  repo: YjsRepository;
  now: () => number;
  /** Every stored document belongs to a workshop (its data is deleted with it). */
  workshopOf: (docName: string) => string | null;
}): DocPersistence {
  const lastSeq = new Map<string, number>();
  const workshopIdOf = (docName: string) => {
    const id = deps.workshopOf(docName);
    if (!id) throw new Error(`${docName} does not name a workshop's document`);
    return id;
  };
  return {
    load(docName) {
      const { snapshot, updates, lastSeq: seq } = deps.repo.load(docName);
      if (updates.length > 0) lastSeq.set(docName, seq);
      return { updates: snapshot ? [snapshot, ...updates] : updates, uncompacted: updates.length };
    },
    append(updates) {
      const rows = updates.map(({ docName, update }) => ({ docName, workshopId: workshopIdOf(docName), update }));
      for (const [docName, seq] of deps.repo.append(rows, deps.now())) lastSeq.set(docName, seq);
    },
    compact(docName, state) {
      // Only rows this process has loaded or written are folded in; anything newer stays as rows.
      deps.repo.compact(docName, workshopIdOf(docName), state, lastSeq.get(docName) ?? 0, deps.now());
      lastSeq.delete(docName);
    },
  };
}
