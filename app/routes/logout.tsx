import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { readSignedString } from "../../server/http/cookies";

export async function action({ request, context }: ActionFunctionArgs) {
  const sessionId = await readSignedString(context.cookies.facilitatorSession, request.headers.get("Cookie"));
  context.services.auth.endSession(sessionId);
  throw redirect("/login", {
    headers: { "Set-Cookie": await context.cookies.facilitatorSession.serialize("", { maxAge: 0 }) },
  });
}

export function loader() {
  return redirect("/");
}
