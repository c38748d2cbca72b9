import { describe, expect, it } from "vitest";
import { RUBRIC } from "../../server/domain/scoring/test-support";
import { rubricSchema } from "../../server/domain/scenario-schema";
import { interpretKey, isTypingTarget, type ShortcutState } from "./shortcuts";

const idle: ShortcutState = { criterionId: null, awaitingLevel: false };

/** Runs keys in order and returns the actions. */
function press(keys: string[], rubric = RUBRIC, state = idle) {
  const actions = [];
  for (const key of keys) {
    const { action, next } = interpretKey(key, state, rubric);
    actions.push(action);
    state = next;
  }
  return actions;
}

const digitRubric = rubricSchema.parse({
  ...RUBRIC,
  criteria: RUBRIC.criteria.map((c, i) => ({ ...c, scale: undefined, shortcut: String(i + 1) })),
});

describe("scoring shortcuts", () => {
  it("selects a criterion by its key, then sets its level by digit", () => {
    expect(press(["e", "3", "p", "1", "4"])).toEqual([
      { kind: "select", criterionId: "empathy" },
      { kind: "level", criterionId: "empathy", value: 3 },
      { kind: "select", criterionId: "plain" },
      { kind: "level", criterionId: "plain", value: 1 },
      { kind: "level", criterionId: "plain", value: 4 },
    ]);
  });

  it("ignores digits before a criterion is chosen and levels the rubric does not have", () => {
    expect(press(["3", "e", "9", "0"])).toEqual([{ kind: "none" }, { kind: "select", criterionId: "empathy" }, { kind: "none" }, { kind: "none" }]);
  });

  it("works with a rubric whose criteria are digits: the digit after a criterion key is its level", () => {
    expect(press(["2", "1", "1", "4", "2"], digitRubric)).toEqual([
      { kind: "select", criterionId: "plain" },
      { kind: "level", criterionId: "plain", value: 1 },
      { kind: "select", criterionId: "empathy" },
      { kind: "level", criterionId: "empathy", value: 4 },
      { kind: "select", criterionId: "plain" },
    ]);
  });

  it("starts a note with n, is case-insensitive, and Escape stops waiting for a level", () => {
    expect(press(["N"])).toEqual([{ kind: "note" }]);
    expect(press(["E", "Escape", "2"], digitRubric)).toEqual([{ kind: "none" }, { kind: "cancel" }, { kind: "select", criterionId: "plain" }]);
  });

  it("never counts keys typed into a text field", () => {
    const fake = (tagName: string, extra: Record<string, unknown> = {}) => ({ tagName, isContentEditable: false, ...extra }) as unknown as EventTarget;
    expect(isTypingTarget(fake("TEXTAREA"))).toBe(true);
    expect(isTypingTarget(fake("INPUT", { type: "text" }))).toBe(true);
    expect(isTypingTarget(fake("SELECT"))).toBe(true);
    expect(isTypingTarget(fake("DIV", { isContentEditable: true }))).toBe(true);
    expect(isTypingTarget(fake("INPUT", { type: "radio" }))).toBe(false);
    expect(isTypingTarget(fake("BUTTON"))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
