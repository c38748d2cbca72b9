/**
 * What the debrief board's Yjs document (`workshop/{id}/debrief`) holds. The
 * server is its only writer; every browser opens it read-only and renders it.
 *
 *   meta     Y.Map   step, votesPerPerson, showNames, spotlight, themes (see PublicBoardMeta)
 *   cards    Y.Map   card id → PublicCard (plain objects, replaced whole when they change)
 *   results  Y.Map   "wall" → the results wall (criteria × groups), refreshed as rounds end
 */
export const BOARD_DOC_KEYS = { meta: "meta", cards: "cards", results: "results" } as const;
export const RESULTS_WALL_KEY = "wall";

export const boardDocName = (workshopId: string) => `workshop/${workshopId}/debrief`;
