import { OBSERVER_SHEET_KEYS, SHARED_SHEET_KEYS } from "../domain/scoring/sheet-layout";
import type { SheetReader } from "../services/scoring-service";
import type { DocRoots } from "./yjs-host";

/**
 * The scoring documents read back as plain data for the scoring service,
 * through the Yjs host (which may be another process: hence asynchronous).
 * What a new shared sheet starts with is in doc-seeds.ts.
 */
export function createSheetReader(readRoots: (docName: string, roots: DocRoots) => Promise<Record<string, unknown>>): SheetReader {
  return {
    async observerSheet(docName) {
      const roots = await readRoots(docName, { [OBSERVER_SHEET_KEYS.scores]: "map", [OBSERVER_SHEET_KEYS.behaviours]: "map" });
      return { scores: roots[OBSERVER_SHEET_KEYS.scores], behaviours: roots[OBSERVER_SHEET_KEYS.behaviours] };
    },
    async sharedSheet(docName) {
      const roots = await readRoots(docName, { [SHARED_SHEET_KEYS.notes]: "array", [SHARED_SHEET_KEYS.agreed]: "map", [SHARED_SHEET_KEYS.meta]: "map" });
      return { notes: roots[SHARED_SHEET_KEYS.notes], agreed: roots[SHARED_SHEET_KEYS.agreed], meta: roots[SHARED_SHEET_KEYS.meta] };
    },
  };
}
