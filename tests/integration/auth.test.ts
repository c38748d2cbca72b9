import { createCookie } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addFacilitator,
  cookiesFrom,
  decodeHtml,
  errorMessages,
  FIRST_FACILITATOR,
  getPage,
  postForm,
  signIn,
  signUpFirstFacilitator,
  startTestServer,
  type TestServer,
} from "../support/test-server";

const SESSION_SECRET = "integration-test-secret-0123456789abcdef";
const GENERIC_FAILURE = "That e-mail and password do not match an account. Check both and try again.";

let server: TestServer;
let url: string;
const MALLORY = { name: "Mallory Quinn", email: "mallory@example.org", password: "another long password" };
/** Whoever won the first-run race, and their session from it. */
let first: typeof FIRST_FACILITATOR;
let firstCookie: string;

beforeAll(async () => {
  server = await startTestServer({ LOGIN_FAILURES_PER_15_MINUTES: "3", SESSION_SECRET });
  url = server.url;
});
afterAll(() => server?.close());

const sessionCookie = createCookie("rc_session", { secrets: [SESSION_SECRET] });

/** The session id inside a signed rc_session cookie header. */
async function sessionIdOf(cookieHeader: string): Promise<string> {
  const id = await sessionCookie.parse(cookieHeader);
  if (typeof id !== "string") throw new Error(`no session id in ${cookieHeader}`);
  return id;
}

async function isSignedIn(cookie: string): Promise<boolean> {
  const response = await getPage(url, "/dashboard", cookie);
  if (response.status === 200) return true;
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toBe("/login?redirectTo=%2Fdashboard");
  return false;
}

describe("first-run setup", () => {
  it("sends everyone to /setup while there is no facilitator", async () => {
    for (const path of ["/", "/login", "/dashboard"]) {
      const response = await getPage(url, path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location"), path).toBe("/setup");
    }
    expect((await getPage(url, "/setup")).status).toBe(200);
  });

  it("refuses a short password with a message, creating nobody", async () => {
    const response = await postForm(url, "/setup", { ...FIRST_FACILITATOR, password: "short" });
    expect(response.status).toBe(400);
    expect(errorMessages(await response.text())).toContain("Use a password of at least 12 characters.");
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(server.services.auth.needsSetup()).toBe(true);
  });

  it("creates exactly one first facilitator even when two set-ups race", async () => {
    const [a, b] = await Promise.all([
      postForm(url, "/setup", FIRST_FACILITATOR),
      postForm(url, "/setup", MALLORY),
    ]);
    const winners = [a, b].filter((r) => r.headers.get("location") === "/dashboard");
    const losers = [a, b].filter((r) => r.headers.get("location") !== "/dashboard");
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    // The refused set-up is sent to sign in, without a session.
    expect(losers[0]!.status).toBe(302);
    expect(losers[0]!.headers.get("location")).toBe("/login");
    expect(losers[0]!.headers.getSetCookie()).toEqual([]);
    expect(server.services.auth.listFacilitators()).toHaveLength(1);

    // The winner is whoever the server served first; the rest of the file uses them.
    first = server.services.auth.listFacilitators()[0]!.email === MALLORY.email ? MALLORY : FIRST_FACILITATOR;
    firstCookie = cookiesFrom(winners[0]!);
    expect(firstCookie).toMatch(/^rc_session=/);
    expect(winners[0]!.headers.get("location")).toBe("/dashboard");
  });

  it("is not offered again once someone has set up", async () => {
    const page = await getPage(url, "/setup");
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/login");

    const again = await postForm(url, "/setup", { name: "Eve", email: "eve@example.org", password: "eve's long password" });
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe("/login");
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(server.services.auth.listFacilitators().map((f) => f.email)).not.toContain("eve@example.org");
  });
});

describe("sessions", () => {
  it("lets the signed-in facilitator see the dashboard", async () => {
    const response = await getPage(url, "/dashboard", firstCookie);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Your workshops");
  });

  it("redirects to /login (and back) when signed out", async () => {
    expect(await isSignedIn("")).toBe(false);
    const facilitators = await getPage(url, "/facilitators");
    expect(facilitators.status).toBe(302);
    expect(facilitators.headers.get("location")).toBe("/login?redirectTo=%2Ffacilitators");
  });

  it("rejects a tampered cookie", async () => {
    const value = firstCookie.slice("rc_session=".length);
    const [payload, signature] = decodeURIComponent(value).split(".");
    const flippedSignature = `rc_session=${encodeURIComponent(`${payload}.${signature!.startsWith("A") ? "B" : "A"}${signature!.slice(1)}`)}`;
    const otherPayload = `rc_session=${encodeURIComponent(`${Buffer.from(JSON.stringify("someone-else")).toString("base64")}.${signature}`)}`;
    expect(await isSignedIn(flippedSignature)).toBe(false);
    expect(await isSignedIn(otherPayload)).toBe(false);
    // The genuine cookie still works, so the refusals above are about the tampering.
    expect(await isSignedIn(firstCookie)).toBe(true);
  });

  it("rejects a real session id signed with another secret", async () => {
    const sessionId = await sessionIdOf(firstCookie);
    const forged = await createCookie("rc_session", { secrets: ["an attacker's guess at the secret!!"] }).serialize(sessionId);
    expect(await isSignedIn(forged.split(";")[0]!)).toBe(false);
  });

  it("ends the session on the server when signing out, so the old cookie is dead", async () => {
    const cookie = await signIn(url, first.email, first.password);
    expect(await isSignedIn(cookie)).toBe(true);
    const sessionId = await sessionIdOf(cookie);

    const out = await postForm(url, "/logout", {}, cookie);
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/login");
    expect(out.headers.getSetCookie().join()).toMatch(/rc_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);

    // Replaying the cookie a browser was told to forget does not work either.
    expect(server.services.auth.facilitatorForSession(sessionId)).toBeNull();
    expect(await isSignedIn(cookie)).toBe(false);
    // Other sessions of the same person are unaffected.
    expect(await isSignedIn(firstCookie)).toBe(true);
  });
});

describe("sign-in", () => {
  it("signs in with the right password, case-insensitively on the e-mail", async () => {
    const cookie = await signIn(url, `  ${first.email.toUpperCase()} `, first.password);
    expect(await isSignedIn(cookie)).toBe(true);
  });

  it("gives the same generic message for a wrong password and an unknown e-mail", async () => {
    const [wrongPassword, unknownEmail] = await Promise.all([
      postForm(url, "/login", { email: first.email, password: "not the password" }),
      postForm(url, "/login", { email: "nobody@example.org", password: "not the password" }),
    ]);
    for (const response of [wrongPassword, unknownEmail]) {
      expect(response.status).toBe(400);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(errorMessages(await response.text())).toEqual([GENERIC_FAILURE]);
    }
  });

  it("slows down guessing after LOGIN_FAILURES_PER_15_MINUTES failures, even for the right password", async () => {
    const lee = { name: "Lee Park", email: "lee@example.org", password: "lee's long password" };
    expect((await addFacilitator(url, firstCookie, lee)).status).toBe(200);

    const guesses = await Promise.all([0, 1, 2].map((i) => postForm(url, "/login", { email: lee.email, password: `wrong guess ${i}` })));
    for (const response of guesses) expect(errorMessages(await response.text())).toEqual([GENERIC_FAILURE]);
    const blocked = await postForm(url, "/login", { email: lee.email, password: lee.password });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.getSetCookie()).toEqual([]);
    const [message] = errorMessages(await blocked.text());
    expect(message).toMatch(/^Too many sign-in attempts\. Please wait \d+ (seconds|minutes?) and try again\.$/);

    // Someone else on the same address is not locked out by Lee's typos.
    expect(await isSignedIn(await signIn(url, first.email, first.password))).toBe(true);
  });
});

describe("sign-in limit under a burst", () => {
  let burst: TestServer;
  beforeAll(async () => {
    burst = await startTestServer({ LOGIN_FAILURES_PER_15_MINUTES: "3" });
    await signUpFirstFacilitator(burst.url);
  });
  afterAll(() => burst?.close());

  it("cannot be side-stepped by sending many guesses at once", async () => {
    // Checking a password is slow on purpose; guesses sent together must still count one by one.
    const guesses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => postForm(burst.url, "/login", { email: FIRST_FACILITATOR.email, password: `parallel guess ${i}` })),
    );
    const messages = (await Promise.all(guesses.map(async (r) => errorMessages(await r.text())))).map((m) => m[0]);
    expect(messages.filter((m) => m === GENERIC_FAILURE)).toHaveLength(3);
    expect(messages.filter((m) => m?.startsWith("Too many sign-in attempts."))).toHaveLength(5);
  });
});

describe("adding facilitators", () => {
  const sam = { name: "Sam Okafor", email: "sam@example.org", password: "sam's long password" };

  it("lets a signed-in facilitator add a colleague who can then sign in", async () => {
    const response = await addFacilitator(url, firstCookie, sam);
    expect(response.status).toBe(200);
    expect(decodeHtml(await response.text())).toContain("Sam Okafor can now sign in.");
    expect(server.services.auth.listFacilitators().map((f) => f.email)).toContain(sam.email);

    const samCookie = await signIn(url, sam.email, sam.password);
    const dashboard = await getPage(url, "/dashboard", samCookie);
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain("Sam Okafor");
  });

  it("refuses a duplicate e-mail with a message", async () => {
    const response = await addFacilitator(url, firstCookie, { ...sam, email: "SAM@example.org" });
    expect(response.status).toBe(400);
    expect(errorMessages(await response.text())).toContain("A facilitator with this e-mail already exists.");
  });

  it("does not let a signed-out visitor add anyone", async () => {
    const before = server.services.auth.listFacilitators().length;
    const response = await addFacilitator(url, "", { name: "Eve", email: "eve2@example.org", password: "eve's long password" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/login/);
    expect(server.services.auth.listFacilitators()).toHaveLength(before);
  });
});
