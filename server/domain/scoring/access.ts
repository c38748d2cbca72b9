import type { WorkshopState } from "../workshop/types";
import type { SheetDocAddress } from "./sheet-docs";
import type { RoundSheet } from "./types";
import { placeSheetAccess, type SheetAccess } from "./place-rules";
import { isSheetLive, sheetOf, sheetRoleOf } from "./sheets";

/** Who opens a document: the same people the workshop knows, from their cookie. */
export type DocPrincipal = { kind: "facilitator"; facilitatorId: string } | { kind: "participant"; participantId: string };

export type DocAccessDecision = { access: "write" | "read" } | { access: "none"; status: 403 | 404; message: string };

const write: DocAccessDecision = { access: "write" };
const read: DocAccessDecision = { access: "read" };
const none = (status: 403 | 404, message: string): DocAccessDecision => ({ access: "none", status, message });

/**
 * Who may open which scoring document, and whether they may write, right now.
 * Checked on upgrade and again whenever the workshop changes, so a phase
 * change, a submission or a reassigned role takes effect on open connections.
 *
 * | document            | observer (this round)          | staff / patient     | facilitator            |
 * | shared sheet        | write while live, else read    | none until reveal,  | write while live,      |
 * |                     |                                | then read           | else read              |
 * | own observer sheet  | write while live and not yet   | none                | read                   |
 * |                     | submitted, else read           |                     |                        |
 * | another's sheet     | none                           | none                | read                   |
 *
 * Live: the group is in this round's role-play, reset or debrief and the
 * workshop is open. Briefing, a finished round and an ended workshop are read-only.
 */
export function sheetDocAccess(state: WorkshopState, address: SheetDocAddress, who: DocPrincipal): DocAccessDecision {
  return sheetDocAccessRule(state, address)(who);
}

/**
 * The same decision in two steps: what the document is (its sheet, whether it
 * is live) is found once, then each person is judged against it. Every open
 * connection is re-checked on each change to the workshop, three or four per
 * document, so the document's part is not repeated per person.
 */
export function sheetDocAccessRule(state: WorkshopState, address: SheetDocAddress): (who: DocPrincipal) => DocAccessDecision {
  if (address.workshopId !== state.id) return () => none(404, "That document belongs to another workshop.");
  const sheet = sheetOf(state, address.groupId, address.round);
  if (!sheet) return () => none(404, "There is no scoring sheet for that group and round.");
  if (address.kind === "observer" && !sheet.observerIds.includes(address.participantId)) {
    return () => none(404, "That person does not observe in this group this round.");
  }
  const live = isSheetLive(state, sheet);
  return (who) => {
    if (who.kind === "facilitator") {
      if (who.facilitatorId !== state.facilitatorId) return none(403, "This workshop belongs to another facilitator.");
      if (address.kind === "observer") return read;
      return live ? write : read;
    }

    const role = sheetRoleOf(sheet, who.participantId);
    if (role === null) return none(403, "This scoring sheet belongs to another group.");
    if (address.kind === "observer" && address.participantId !== who.participantId) {
      return none(403, role === "observer" ? "Each observer's scores stay private until they are revealed." : "Observers' own sheets are private.");
    }
    const access = placeSheetAccess({ role, submitted: Boolean(sheet.submissions[who.participantId]), live, revealed: sheet.revealed !== null });
    const granted = address.kind === "rubric" ? access.sheet : access.own;
    if (granted) return { access: granted };
    return address.kind === "rubric"
      ? none(403, "The scoring sheet opens for performers once the scores are revealed in the room debrief.")
      : none(403, "Observers' own sheets are private.");
  };
}

export type { SheetAccess } from "./place-rules";

/** What a participant with this role in the sheet may do with the shared sheet and their own sheet. */
export function participantSheetAccess(
  state: WorkshopState,
  sheet: RoundSheet,
  role: "staff" | "patient" | "observer",
  submitted: boolean,
): { sheet: SheetAccess; own: SheetAccess } {
  return placeSheetAccess({ role, submitted, live: isSheetLive(state, sheet), revealed: sheet.revealed !== null });
}
