import type { YjsRepository } from "../db/yjs-repository";
import type { DocPersistence } from "./yjs-server";

/**
 * Yjs documents in SQLite: each accepted update is one row, written
 * synchronously before the update is relayed; compaction folds the rows into
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
    append(docName, update) {
      lastSeq.set(docName, deps.repo.append(docName, workshopIdOf(docName), update, deps.now()));
    },
    compact(docName, state) {
      // Only rows this process has loaded or written are folded in; anything newer stays as rows.
      deps.repo.compact(docName, workshopIdOf(docName), state, lastSeq.get(docName) ?? 0, deps.now());
      lastSeq.delete(docName);
    },
  };
}
