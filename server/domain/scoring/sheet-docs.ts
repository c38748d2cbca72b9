/**
 * Names of the scoring documents. A name says everything the server needs to
 * authorize it: which workshop, group and round, and whose private sheet.
 *
 *   workshop/{w}/group/{g}/round/{n}/rubric               the group's shared sheet
 *   workshop/{w}/group/{g}/round/{n}/observer/{p}         one observer's own scores
 */

export type SheetDocAddress =
  | { kind: "rubric"; workshopId: string; groupId: string; round: number }
  | { kind: "observer"; workshopId: string; groupId: string; round: number; participantId: string };

const ID = "[A-Za-z0-9-]{1,64}";
const ROUND = "[1-9][0-9]{0,3}";
const SHEET = new RegExp(`^workshop/(${ID})/group/(${ID})/round/(${ROUND})/(rubric|observer/(${ID}))$`);

export function sharedSheetDocName(workshopId: string, groupId: string, round: number): string {
  return `workshop/${workshopId}/group/${groupId}/round/${round}/rubric`;
}

export function observerSheetDocName(workshopId: string, groupId: string, round: number, participantId: string): string {
  return `workshop/${workshopId}/group/${groupId}/round/${round}/observer/${participantId}`;
}

export function parseSheetDocName(name: string): SheetDocAddress | null {
  const match = SHEET.exec(name);
  if (!match) return null;
  const [, workshopId, groupId, round, tail, participantId] = match as unknown as [string, string, string, string, string, string | undefined];
  const base = { workshopId, groupId, round: Number(round) };
  if (tail === "rubric") return { kind: "rubric", ...base };
  return participantId ? { kind: "observer", ...base, participantId } : null;
}
