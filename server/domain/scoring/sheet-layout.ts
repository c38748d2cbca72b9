import { NOTE_KINDS, type BehaviourTicks, type NoteKind, type ScoreMap } from "./types";

/**
 * What each scoring document holds, shared by the browser (which writes it)
 * and the server (which reads it when scores are submitted or a round ends).
 * Documents are written by clients, so everything read back is checked here
 * against the rubric; anything malformed is left out, never trusted.
 *
 * Shared sheet (`…/rubric`):
 *   meta    Y.Map   seeded by the server: rubricId, scenarioId, groupId, round, criteria [{id,title}]
 *   notes   Y.Array of SheetNote (plain objects; a note is added whole, removed by its author)
 *   agreed  Y.Map   criterion id → the group's agreed level, set in the room debrief
 * Observer sheet (`…/observer/{p}`):
 *   scores      Y.Map criterion id → level
 *   behaviours  Y.Map "criterionId/behaviourId" → true (unticking deletes the key)
 */
export const SHARED_SHEET_KEYS = { meta: "meta", notes: "notes", agreed: "agreed" } as const;
export const OBSERVER_SHEET_KEYS = { scores: "scores", behaviours: "behaviours" } as const;

export const NOTE_MAX_CHARS = 500;

export interface SheetNote {
  id: string;
  authorId: string;
  authorName: string;
  kind: NoteKind;
  criterionId: string | null;
  /** Time since the role-play started when the note was begun; null if it had not started. */
  offsetMs: number | null;
  /** For a phrase swap, the better line; otherwise the note itself. */
  text: string;
  /** For a phrase swap: the line to replace ("instead of …"). */
  insteadOf: string | null;
  /** The author's clock when the note was added, for ordering only. */
  at: number;
}

/** The part of a rubric these checks need (a whole Rubric will do). */
export interface RubricCriteria {
  criteria: readonly { id: string; title: string; levels: readonly { value: number }[]; behaviours?: readonly { id: string }[] }[];
}

export const behaviourKey = (criterionId: string, behaviourId: string) => `${criterionId}/${behaviourId}`;

export function isLevelOf(rubric: RubricCriteria, criterionId: string, value: unknown): value is number {
  const criterion = rubric.criteria.find((c) => c.id === criterionId);
  return typeof value === "number" && Boolean(criterion?.levels.some((l) => l.value === value));
}

export function hasBehaviour(rubric: RubricCriteria, criterionId: string, behaviourId: string): boolean {
  return Boolean(rubric.criteria.find((c) => c.id === criterionId)?.behaviours?.some((b) => b.id === behaviourId));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Scores from a map of criterion → level, keeping only real criteria and levels, in rubric order. */
export function parseScores(json: unknown, rubric: RubricCriteria): ScoreMap {
  const scores: ScoreMap = {};
  if (!isRecord(json)) return scores;
  for (const criterion of rubric.criteria) {
    const value = json[criterion.id];
    if (isLevelOf(rubric, criterion.id, value)) scores[criterion.id] = value;
  }
  return scores;
}

/** Ticks from the behaviours map, grouped by criterion in rubric order; only criteria with ticks appear. */
export function parseBehaviourTicks(json: unknown, rubric: RubricCriteria): BehaviourTicks {
  const ticks: BehaviourTicks = {};
  if (!isRecord(json)) return ticks;
  for (const criterion of rubric.criteria) {
    const ticked = (criterion.behaviours ?? []).filter((b) => json[behaviourKey(criterion.id, b.id)] === true).map((b) => b.id);
    if (ticked.length > 0) ticks[criterion.id] = ticked;
  }
  return ticks;
}

export function parseObserverSheet(json: { scores?: unknown; behaviours?: unknown }, rubric: RubricCriteria): { scores: ScoreMap; behaviours: BehaviourTicks } {
  return { scores: parseScores(json.scores, rubric), behaviours: parseBehaviourTicks(json.behaviours, rubric) };
}

const cleanText = (value: unknown, max: number): string | null => {
  if (typeof value !== "string") return null;
  const text = value.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "").trim();
  return text ? text.slice(0, max) : null;
};

/** Notes as written, minus anything malformed, oldest first, one per id. */
export function parseNotes(json: unknown, rubric: RubricCriteria | null): SheetNote[] {
  if (!Array.isArray(json)) return [];
  const seen = new Set<string>();
  const notes: SheetNote[] = [];
  for (const raw of json) {
    if (!isRecord(raw)) continue;
    const id = cleanText(raw.id, 64);
    const authorId = cleanText(raw.authorId, 80);
    const kind = NOTE_KINDS.find((k) => k === raw.kind);
    const text = cleanText(raw.text, NOTE_MAX_CHARS);
    if (!id || !authorId || !kind || !text || seen.has(id)) continue;
    const criterionId = typeof raw.criterionId === "string" && (!rubric || rubric.criteria.some((c) => c.id === raw.criterionId)) ? raw.criterionId : null;
    const offsetMs = typeof raw.offsetMs === "number" && Number.isFinite(raw.offsetMs) && raw.offsetMs >= 0 ? Math.round(raw.offsetMs) : null;
    seen.add(id);
    notes.push({
      id,
      authorId,
      authorName: cleanText(raw.authorName, 40) ?? "Someone",
      kind,
      criterionId,
      offsetMs,
      text,
      insteadOf: kind === "swap" ? cleanText(raw.insteadOf, NOTE_MAX_CHARS) : null,
      at: typeof raw.at === "number" && Number.isFinite(raw.at) ? raw.at : 0,
    });
  }
  return notes;
}

/** Which criteria still lack a score, in rubric order. */
export function missingCriteria(rubric: RubricCriteria, scores: ScoreMap): { id: string; title: string }[] {
  return rubric.criteria.filter((c) => !isLevelOf(rubric, c.id, scores[c.id])).map((c) => ({ id: c.id, title: c.title }));
}

/** "1:05" from milliseconds since the role-play started. */
export function formatOffset(offsetMs: number | null): string {
  if (offsetMs === null) return "before the role-play";
  const total = Math.floor(offsetMs / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}
