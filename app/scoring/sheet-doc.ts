import type * as Y from "yjs";
import {
  behaviourKey,
  OBSERVER_SHEET_KEYS,
  parseNotes,
  parseObserverSheet,
  parseScores,
  SHARED_SHEET_KEYS,
  type RubricCriteria,
  type SheetNote,
} from "../../server/domain/scoring/sheet-layout";
import type { BehaviourTicks, ScoreMap } from "../../server/domain/scoring/types";

/** Reading and writing the scoring documents in the browser (layout: server/domain/scoring/sheet-layout.ts). */

export function readObserverSheet(doc: Y.Doc, rubric: RubricCriteria): { scores: ScoreMap; behaviours: BehaviourTicks } {
  return parseObserverSheet(
    { scores: doc.getMap(OBSERVER_SHEET_KEYS.scores).toJSON(), behaviours: doc.getMap(OBSERVER_SHEET_KEYS.behaviours).toJSON() },
    rubric,
  );
}

export function setScore(doc: Y.Doc, criterionId: string, value: number) {
  doc.getMap(OBSERVER_SHEET_KEYS.scores).set(criterionId, value);
}

export function setBehaviour(doc: Y.Doc, criterionId: string, behaviourId: string, ticked: boolean) {
  const map = doc.getMap(OBSERVER_SHEET_KEYS.behaviours);
  if (ticked) map.set(behaviourKey(criterionId, behaviourId), true);
  else map.delete(behaviourKey(criterionId, behaviourId));
}

export function readSharedSheet(doc: Y.Doc, rubric: RubricCriteria | null): { notes: SheetNote[]; agreed: ScoreMap } {
  return {
    notes: parseNotes(doc.getArray(SHARED_SHEET_KEYS.notes).toJSON(), rubric),
    agreed: rubric ? parseScores(doc.getMap(SHARED_SHEET_KEYS.agreed).toJSON(), rubric) : {},
  };
}

export function addNote(doc: Y.Doc, note: SheetNote) {
  doc.getArray(SHARED_SHEET_KEYS.notes).push([note]);
}

/** Removes a note by id (only its author is offered this). */
export function removeNote(doc: Y.Doc, noteId: string) {
  const notes = doc.getArray<{ id?: unknown }>(SHARED_SHEET_KEYS.notes);
  doc.transact(() => {
    for (let i = notes.length - 1; i >= 0; i--) if (notes.get(i)?.id === noteId) notes.delete(i, 1);
  });
}

export function setAgreed(doc: Y.Doc, criterionId: string, value: number | null) {
  const agreed = doc.getMap(SHARED_SHEET_KEYS.agreed);
  if (value === null) agreed.delete(criterionId);
  else agreed.set(criterionId, value);
}

export function newNoteId(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
