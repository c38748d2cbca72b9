import type { Actor } from "../domain/workshop";
import { isActiveParticipant } from "../domain/workshop";
import type { AuthService } from "../services/auth-service";
import type { WorkshopService } from "../services/workshop-service";
import { readSignedString, type Cookies } from "./cookies";

/** A person: the server's own "system" actor never arrives over a connection. */
export type PersonActor = Exclude<Actor, { kind: "system" }>;

export type Identity =
  | { ok: true; actor: PersonActor }
  | { ok: false; status: 401 | 403 | 404; message: string };

/**
 * Who a request or connection is, for one workshop, from its cookies alone.
 * Used by socket.io's handshake and the Yjs upgrade, before any data flows.
 */
export async function identifyForWorkshop(
  deps: { auth: AuthService; workshops: WorkshopService; cookies: Cookies },
  cookieHeader: string | undefined,
  workshopId: string,
  as: "facilitator" | "participant",
): Promise<Identity> {
  const loaded = deps.workshops.load(workshopId);
  if (!loaded) return { ok: false, status: 404, message: "This workshop does not exist." };

  if (as === "facilitator") {
    const sessionId = await readSignedString(deps.cookies.facilitatorSession, cookieHeader);
    const facilitator = deps.auth.facilitatorForSession(sessionId);
    if (!facilitator) return { ok: false, status: 401, message: "Sign in as a facilitator to open this workshop." };
    if (facilitator.id !== loaded.state.facilitatorId) {
      return { ok: false, status: 403, message: "This workshop belongs to another facilitator." };
    }
    return { ok: true, actor: { kind: "facilitator", facilitatorId: facilitator.id } };
  }

  const participantId = await readSignedString(deps.cookies.participant(workshopId), cookieHeader);
  if (!participantId || !loaded.state.participants[participantId]) {
    return { ok: false, status: 401, message: "Join this workshop with its room code first." };
  }
  if (!isActiveParticipant(loaded.state, participantId)) {
    return { ok: false, status: 403, message: "You are no longer in this workshop." };
  }
  return { ok: true, actor: { kind: "participant", participantId } };
}
