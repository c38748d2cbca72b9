import type { IncomingMessage } from "node:http";
import type { DocPrincipal } from "../domain/scoring/access";
import { sheetDocAccessRule } from "../domain/scoring/access";
import { isActiveParticipant, type WorkshopState } from "../domain/workshop";
import type { Cookies } from "../http/cookies";
import { identifyForWorkshop } from "../http/identify";
import type { AuthService } from "../services/auth-service";
import type { WorkshopService } from "../services/workshop-service";
import { docNameFromUrl, parseDocName, type DocAddress } from "./doc-names";
import type { DocAccess, UpgradeDecision } from "./yjs-server";

type Refusal = Extract<UpgradeDecision<DocPrincipal>, { ok: false }>;

/** How to decide who may do what with this document in this state: the document's part once, then per person. */
function accessRule(state: WorkshopState, address: DocAddress): (who: DocPrincipal) => { access: DocAccess } | Refusal {
  if (address.kind === "lobby") return () => ({ access: "write" });
  if (address.kind === "debrief") return (who) => debriefAccess(state, who);
  const sheetRule = sheetDocAccessRule(state, address);
  return (who) => {
    const decision = sheetRule(who);
    return decision.access === "none" ? { ok: false, status: decision.status, message: decision.message } : { access: decision.access };
  };
}

/**
 * The debrief board is read-only for everyone: the server writes it from
 * commands it has checked (see server/services/board). It opens with the
 * plenary; after the workshop ends only its facilitator still reads it.
 */
function debriefAccess(state: WorkshopState, who: DocPrincipal): { access: DocAccess } | Refusal {
  if (state.stage !== "plenary") return { ok: false, status: 403, message: "The debrief board opens when the facilitator starts the plenary debrief." };
  if (who.kind === "participant" && state.status === "ended") return { ok: false, status: 403, message: "This workshop has ended." };
  return { access: "read" };
}

/**
 * Who may open which document: the cookie says who (as for socket.io), the
 * document's name says what, and the scoring rules in server/domain/scoring
 * say whether to read or write. `?as=facilitator` picks the facilitator's
 * cookie; anything else is a participant.
 */
export function createDocAccess(deps: { auth: AuthService; workshops: WorkshopService; cookies: Cookies }) {
  return {
    async authorize(request: IncomingMessage): Promise<UpgradeDecision<DocPrincipal>> {
      const docName = docNameFromUrl(request.url);
      const address = docName === null ? null : parseDocName(docName);
      if (!docName || !address) return { ok: false, status: 400, message: "Unknown document name." };
      const as = new URL(request.url ?? "/", "http://x").searchParams.get("as") === "facilitator" ? "facilitator" : "participant";
      const identity = await identifyForWorkshop(deps, request.headers.cookie, address.workshopId, as);
      if (!identity.ok) return { ok: false, status: identity.status, message: identity.message };
      const state = deps.workshops.load(address.workshopId)?.state;
      if (!state) return { ok: false, status: 404, message: "This workshop does not exist." };
      const decision = accessRule(state, address)(identity.actor);
      if ("ok" in decision) return decision;
      return { ok: true, docName, access: decision.access, principal: identity.actor };
    },

    /** Access for the open connections to a document now, one person at a time; null when a connection should be closed. */
    accessOf(docName: string): (who: DocPrincipal) => DocAccess | null {
      const address = parseDocName(docName);
      const state = address ? deps.workshops.load(address.workshopId)?.state : undefined;
      if (!address || !state) return () => null;
      const rule = accessRule(state, address);
      return (who) => {
        if (who.kind === "participant" && !isActiveParticipant(state, who.participantId)) return null;
        if (who.kind === "facilitator" && who.facilitatorId !== state.facilitatorId) return null;
        const decision = rule(who);
        return "ok" in decision ? null : decision.access;
      };
    },
  };
}
