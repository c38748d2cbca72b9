import { redirect, type AppLoadContext } from "@remix-run/node";
import type { PublicFacilitator } from "../../server/services/auth-service";
import { readSignedString } from "../../server/http/cookies";

/** The signed-in facilitator, or null. */
export async function getFacilitator(request: Request, context: AppLoadContext): Promise<PublicFacilitator | null> {
  const sessionId = await readSignedString(context.cookies.facilitatorSession, request.headers.get("Cookie"));
  return context.services.auth.facilitatorForSession(sessionId);
}

/** The signed-in facilitator, or a redirect to sign in (and back here afterwards). */
export async function requireFacilitator(request: Request, context: AppLoadContext): Promise<PublicFacilitator> {
  const facilitator = await getFacilitator(request, context);
  if (facilitator) return facilitator;
  if (context.services.auth.needsSetup()) throw redirect("/setup");
  const url = new URL(request.url);
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** Starts a session and returns the Set-Cookie header for it. */
export async function signInHeaders(context: AppLoadContext, facilitatorId: string): Promise<HeadersInit> {
  const session = context.services.auth.startSession(facilitatorId);
  return { "Set-Cookie": await context.cookies.facilitatorSession.serialize(session.id) };
}

/** Only same-site paths, so a crafted link cannot bounce a sign-in elsewhere. */
export function safeRedirect(to: FormDataEntryValue | string | null, fallback = "/dashboard"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

/** The workshop, if it belongs to this facilitator; 404 otherwise (no hint it exists). */
export function requireOwnWorkshop(context: AppLoadContext, facilitator: PublicFacilitator, workshopId: string | undefined) {
  const loaded = workshopId ? context.services.workshops.load(workshopId) : null;
  if (!loaded || loaded.state.facilitatorId !== facilitator.id) {
    throw new Response("No workshop here. Open it from your dashboard.", { status: 404, statusText: "Not Found" });
  }
  return loaded;
}
