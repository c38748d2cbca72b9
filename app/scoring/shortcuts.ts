import type { Rubric } from "../../server/domain/scenario-schema";

/**
 * Keyboard scoring, one hand while listening. A criterion's shortcut key
 * selects it; the next digit sets its level. Where shortcuts are digits too
 * (a rubric may use 1–5 for its criteria), the digit right after a criterion
 * key is the level, and otherwise a digit that is a shortcut selects. "n"
 * starts a note now (unless the rubric uses "n"). Keys never count while
 * typing in a field or with a modifier held.
 */
export interface ShortcutState {
  criterionId: string | null;
  /** A criterion was just chosen by key: the next digit is its level. */
  awaitingLevel: boolean;
}

export type ShortcutAction =
  | { kind: "select"; criterionId: string }
  | { kind: "level"; criterionId: string; value: number }
  | { kind: "note" }
  | { kind: "cancel" }
  | { kind: "none" };

export const NOTE_KEY = "n";

export function interpretKey(key: string, state: ShortcutState, rubric: Pick<Rubric, "criteria">): { action: ShortcutAction; next: ShortcutState } {
  const lower = key.toLowerCase();
  const levelOf = (criterionId: string | null) => {
    if (!criterionId || !/^[0-9]$/.test(lower)) return null;
    const value = Number(lower);
    return rubric.criteria.find((c) => c.id === criterionId)?.levels.some((l) => l.value === value) ? value : null;
  };

  if (key === "Escape") return { action: { kind: "cancel" }, next: { ...state, awaitingLevel: false } };

  if (state.awaitingLevel) {
    const value = levelOf(state.criterionId);
    if (value !== null) return { action: { kind: "level", criterionId: state.criterionId!, value }, next: { criterionId: state.criterionId, awaitingLevel: false } };
  }
  const byShortcut = rubric.criteria.find((c) => c.shortcut?.toLowerCase() === lower);
  if (byShortcut) return { action: { kind: "select", criterionId: byShortcut.id }, next: { criterionId: byShortcut.id, awaitingLevel: true } };
  const value = levelOf(state.criterionId);
  if (value !== null) return { action: { kind: "level", criterionId: state.criterionId!, value }, next: { ...state, awaitingLevel: false } };
  if (lower === NOTE_KEY) return { action: { kind: "note" }, next: { ...state, awaitingLevel: false } };
  return { action: { kind: "none" }, next: state };
}

/** Typing in a field is typing, not a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== "string") return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  if (element.tagName === "TEXTAREA" || element.tagName === "SELECT") return true;
  if (element.tagName !== "INPUT") return false;
  // Radio buttons and checkboxes take no text: shortcuts still work on them.
  return !["radio", "checkbox", "button", "submit", "reset"].includes((element as HTMLInputElement).type);
}
