import * as Y from "yjs";
import type { Rubric } from "../domain/scenario-schema";
import { parseSheetDocName } from "../domain/scoring/sheet-docs";
import { OBSERVER_SHEET_KEYS, SHARED_SHEET_KEYS } from "../domain/scoring/sheet-layout";
import { sheetOf } from "../domain/scoring/sheets";
import type { SheetReader } from "../services/scoring-service";
import type { WorkshopService } from "../services/workshop-service";

/**
 * The server's side of the scoring documents: what a new shared sheet starts
 * with, and reading sheets back as plain data for the scoring service.
 */

/** Seeds a new shared sheet with what it is about, so the document describes itself. */
export function createSheetSeeder(deps: { workshops: WorkshopService; rubric: (id: string) => Rubric | undefined }) {
  return (docName: string, doc: Y.Doc) => {
    const address = parseSheetDocName(docName);
    if (!address || address.kind !== "rubric") return;
    const state = deps.workshops.load(address.workshopId)?.state;
    const sheet = state ? sheetOf(state, address.groupId, address.round) : undefined;
    if (!sheet) return;
    const rubric = sheet.rubricId ? deps.rubric(sheet.rubricId) : undefined;
    const meta = doc.getMap(SHARED_SHEET_KEYS.meta);
    meta.set("groupId", sheet.groupId);
    meta.set("round", sheet.round);
    meta.set("scenarioId", sheet.scenarioId);
    meta.set("rubricId", sheet.rubricId);
    meta.set("criteria", rubric?.criteria.map((c) => ({ id: c.id, title: c.title })) ?? []);
  };
}

export function createSheetReader(readDoc: <T>(docName: string, read: (doc: Y.Doc) => T) => T): SheetReader {
  return {
    observerSheet: (docName) =>
      readDoc(docName, (doc) => ({
        scores: doc.getMap(OBSERVER_SHEET_KEYS.scores).toJSON(),
        behaviours: doc.getMap(OBSERVER_SHEET_KEYS.behaviours).toJSON(),
      })),
    sharedSheet: (docName) =>
      readDoc(docName, (doc) => ({
        notes: doc.getArray(SHARED_SHEET_KEYS.notes).toJSON(),
        agreed: doc.getMap(SHARED_SHEET_KEYS.agreed).toJSON(),
        meta: doc.getMap(SHARED_SHEET_KEYS.meta).toJSON(),
      })),
  };
}
