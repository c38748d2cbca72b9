import type { GroupPhase } from "../workshop/types";

/*
 * What a scoring place may do and see, from facts a participant's own view
 * also holds. Kept apart from the state so the browser can apply a group's
 * phase step (workshop/group-step.ts) by the very rules the server's views
 * use, instead of a copy of them.
 */

export type SheetAccess = "write" | "read" | null;

export interface ScoringPlaceFacts {
  role: "staff" | "patient" | "observer";
  submitted: boolean;
  /** This round's sheet, the group in role-play, reset or room debrief, the workshop open. */
  live: boolean;
  revealed: boolean;
}

/** The shared sheet and the viewer's own sheet: observers write while live (their own until they submit); performers read the shared sheet once revealed. */
export function placeSheetAccess(place: ScoringPlaceFacts): { sheet: SheetAccess; own: SheetAccess } {
  if (place.role !== "observer") return { sheet: place.revealed ? "read" : null, own: null };
  return { sheet: place.live ? "write" : "read", own: place.live && !place.submitted ? "write" : "read" };
}

/** Whether the scoring view carries the rubric: observers always, everyone after the reveal, the staff member for the room debrief's self-assessment. */
export function placeShowsRubric(place: Pick<ScoringPlaceFacts, "role" | "revealed">, phase: GroupPhase): boolean {
  return place.role === "observer" || place.revealed || (place.role === "staff" && phase === "debrief");
}
