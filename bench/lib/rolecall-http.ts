/**
 * The HTTP steps a browser takes, as the integration tests take them: the
 * first-run set-up, creating a workshop on the dashboard, and joining with
 * the room code through the /join form. Redirects are not followed.
 */

function post(url: string, pathname: string, fields: Record<string, string>, cookie?: string): Promise<Response> {
  return fetch(new URL(pathname, url), {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}

const cookiesFrom = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");

export async function setUpFacilitator(url: string): Promise<string> {
  const response = await post(url, "/setup", { name: "Bench Trainer", email: "bench@example.org", password: "correct horse battery" });
  const cookie = cookiesFrom(response);
  if (response.status !== 302 || !cookie.startsWith("rc_session=")) throw new Error(`set-up failed: ${response.status}`);
  return cookie;
}

export async function createWorkshop(url: string, cookie: string, title: string): Promise<{ workshopId: string; code: string }> {
  const response = await post(url, "/dashboard", { title, teamLabel: "" }, cookie);
  const location = response.headers.get("location") ?? "";
  if (response.status !== 302 || !location.startsWith("/w/")) throw new Error(`creating a workshop failed: ${response.status}`);
  const workshopId = location.slice("/w/".length);
  const html = await (await fetch(new URL(location, url), { headers: { Cookie: cookie } })).text();
  const code = /\/join\?code=([A-Z0-9]{6})/.exec(html)?.[1];
  if (!code) throw new Error(`no room code on the console of ${workshopId}`);
  return { workshopId, code };
}

/** The /join form's POST; returns the participant cookie. */
export async function join(url: string, code: string, displayName: string): Promise<{ cookie: string; workshopId: string }> {
  const response = await post(url, `/join?code=${code}`, { intent: "join", code, displayName });
  const location = response.headers.get("location") ?? "";
  const workshopId = location.replace(/^\/p\//, "");
  const cookie = cookiesFrom(response);
  if (response.status !== 302 || !cookie.includes(`rc_p_${workshopId}=`)) throw new Error(`joining as ${displayName} failed: ${response.status}`);
  return { cookie, workshopId };
}
