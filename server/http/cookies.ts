import { createCookie, type Cookie } from "@remix-run/node";
import { SESSION_MAX_AGE_SECONDS } from "../services/session-length";

/**
 * Signed, HttpOnly, SameSite cookies. Both Remix routes and the socket and
 * Yjs upgrades read identities through these, so there is one definition.
 */
export interface Cookies {
  facilitatorSession: Cookie;
  participant(workshopId: string): Cookie;
}

const PARTICIPANT_DAYS = 30;

export function createCookies(options: { secret: string; secure: boolean }): Cookies {
  const base = {
    httpOnly: true,
    sameSite: "lax" as const,
    path: "/",
    secure: options.secure,
    secrets: [options.secret],
  };
  const participantCookies = new Map<string, Cookie>();
  return {
    facilitatorSession: createCookie("rc_session", { ...base, maxAge: SESSION_MAX_AGE_SECONDS }),
    participant(workshopId: string) {
      let cookie = participantCookies.get(workshopId);
      if (!cookie) {
        // One cookie per workshop, so someone in two workshops is two people.
        cookie = createCookie(`rc_p_${workshopId}`, { ...base, maxAge: PARTICIPANT_DAYS * 86_400 });
        participantCookies.set(workshopId, cookie);
      }
      return cookie;
    },
  };
}

/** A signed cookie's value as a string, or null when absent or tampered with. */
export async function readSignedString(cookie: Cookie, header: string | null | undefined): Promise<string | null> {
  if (!header) return null;
  const value = await cookie.parse(header);
  return typeof value === "string" && value.length > 0 && value.length <= 100 ? value : null;
}
