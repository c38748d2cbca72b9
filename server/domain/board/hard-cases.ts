import { difficultyLevel, type DifficultyLevel } from "../difficulty";

/**
 * DOMAIN.md: hard cases that went well are worth as much discussion as the
 * ones that went badly. A turn counts as one when its scenario started hard
 * or very hard and the observers' weighted overall reached three quarters of
 * the scale (4 of 5 on a 1–5 rubric). Both thresholds are stated on the board
 * beside the highlight so nobody has to guess why a turn was picked.
 */
export const HARD_CASE_LEVELS: readonly DifficultyLevel[] = ["hard", "very hard"];
export const WENT_WELL_AT = 0.75;

export function wentWellOnHardCase(turn: { difficulty: number | null; overall: number | null }): boolean {
  if (turn.difficulty === null || turn.overall === null) return false;
  return HARD_CASE_LEVELS.includes(difficultyLevel(turn.difficulty)) && turn.overall >= WENT_WELL_AT;
}
