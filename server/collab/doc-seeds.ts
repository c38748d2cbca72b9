import type * as Y from "yjs";
import type { PublicBoard } from "../domain/board/public-board";
import type { Rubric } from "../domain/scenario-schema";
import { parseSheetDocName } from "../domain/scoring/sheet-docs";
import { SHARED_SHEET_KEYS } from "../domain/scoring/sheet-layout";
import { sheetOf } from "../domain/scoring/sheets";
import type { ResultsWall } from "../services/board/results-wall";
import type { WorkshopService } from "../services/workshop-service";
import { writeBoardDoc } from "./board-doc";

/**
 * What a new document starts with, as plain data: the main process works it
 * out from the workshop (it holds the state), the Yjs host writes it into the
 * document (it holds the document). A shared sheet says what it is about; the
 * debrief board starts as the stored board.
 */
export type DocSeed =
  | { kind: "sheet"; meta: { groupId: string; round: number; scenarioId: string | null; rubricId: string | null; criteria: { id: string; title: string }[] } }
  | { kind: "board"; board: PublicBoard; wall: ResultsWall | null };

/** The main process's side: the seed for a document, or null when it starts empty. */
export function createSeedSource(deps: {
  workshops: WorkshopService;
  rubric: (id: string) => Rubric | undefined;
  board: (docName: string) => { board: PublicBoard; wall: ResultsWall | null } | null;
}) {
  return (docName: string): DocSeed | null => {
    if (/^workshop\/[^/]+\/debrief$/.test(docName)) {
      const board = deps.board(docName);
      return board ? { kind: "board", ...board } : null;
    }
    const address = parseSheetDocName(docName);
    if (!address || address.kind !== "rubric") return null;
    const state = deps.workshops.load(address.workshopId)?.state;
    const sheet = state ? sheetOf(state, address.groupId, address.round) : undefined;
    if (!sheet) return null;
    const rubric = sheet.rubricId ? deps.rubric(sheet.rubricId) : undefined;
    return {
      kind: "sheet",
      meta: {
        groupId: sheet.groupId,
        round: sheet.round,
        scenarioId: sheet.scenarioId ?? null,
        rubricId: sheet.rubricId ?? null,
        criteria: rubric?.criteria.map((c) => ({ id: c.id, title: c.title })) ?? [],
      },
    };
  };
}

/**
 * The host's side. The seed arrives a moment after the document was loaded
 * (it is asked for across processes), so clients may have written in the
 * meantime: the sheet's description is written only while it has none, and
 * the board is brought in line (it is only ever written by the server).
 */
export function writeSeed(doc: Y.Doc, seed: DocSeed): void {
  if (seed.kind === "board") return writeBoardDoc(doc, seed.board, seed.wall);
  const meta = doc.getMap(SHARED_SHEET_KEYS.meta);
  if (meta.size > 0) return;
  doc.transact(() => {
    for (const [key, value] of Object.entries(seed.meta)) meta.set(key, value);
  });
}
