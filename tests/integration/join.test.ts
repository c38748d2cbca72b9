import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNKNOWN_CODE_MESSAGE } from "../../server/services/join-service";
import {
  createWorkshop,
  decodeHtml,
  errorMessages,
  getPage,
  joinWorkshop,
  postForm,
  signUpFirstFacilitator,
  startTestServer,
  type TestServer,
} from "../support/test-server";

let server: TestServer;
let url: string;
let facilitatorCookie: string;

beforeAll(async () => {
  // Generous wrong-code allowance here; the limit itself is tested on its own server below.
  server = await startTestServer({ JOIN_WRONG_CODES_PER_MINUTE: "1000" });
  url = server.url;
  facilitatorCookie = await signUpFirstFacilitator(url);
});
afterAll(() => server?.close());

/** A well-formed code that no workshop on this server has. */
function unusedCode(): string {
  const alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  for (;;) {
    const code = Array.from({ length: 6 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join("");
    if (!server.services.workshops.findOpenByCode(code)) return code;
  }
}

function activeNames(workshopId: string): string[] {
  const state = server.services.workshops.load(workshopId)!.state;
  return Object.values(state.participants)
    .filter((p) => !p.departure)
    .map((p) => p.displayName);
}

function endWorkshop(workshopId: string) {
  const { state } = server.services.workshops.load(workshopId)!;
  const result = server.services.workshops.execute(workshopId, { type: "endWorkshop" }, { kind: "facilitator", facilitatorId: state.facilitatorId });
  expect(result.ok).toBe(true);
}

async function codeStepError(code: string): Promise<{ status: number; messages: string[] }> {
  const response = await postForm(url, "/join", { intent: "code", code });
  return { status: response.status, messages: errorMessages(await response.text()) };
}

describe("entering a room code", () => {
  it("takes the code as people type it and shows the workshop", async () => {
    const { workshopId, code } = await createWorkshop(url, facilitatorCookie, "Front desk refresher");
    const typed = `${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`;
    const step = await postForm(url, "/join", { intent: "code", code: typed });
    expect(step.status).toBe(302);
    expect(step.headers.get("location")).toBe(`/join?code=${code}`);

    const details = await getPage(url, `/join?code=${code}`);
    expect(details.status).toBe(200);
    expect(decodeHtml(await details.text())).toContain("Join “Front desk refresher”");
    expect(server.services.workshops.load(workshopId)).not.toBeNull();
  });

  it("says the same thing for a wrong code and an ended code, with no hint which", async () => {
    const { workshopId, code: endedCode } = await createWorkshop(url, facilitatorCookie, "Ended before you came");
    endWorkshop(workshopId);

    const wrong = await codeStepError(unusedCode());
    const ended = await codeStepError(endedCode);
    expect(wrong).toEqual({ status: 400, messages: [UNKNOWN_CODE_MESSAGE] });
    expect(ended).toEqual(wrong);

    // The link form (GET ?code=) says the same, and shows the page normally.
    const viaLink = await getPage(url, `/join?code=${endedCode}`);
    expect(viaLink.status).toBe(200);
    expect(errorMessages(await viaLink.text())).toEqual([UNKNOWN_CODE_MESSAGE]);
  });

  it("explains the shape of a code when it cannot be one", async () => {
    expect(await codeStepError("12345")).toEqual({ status: 400, messages: [expect.stringMatching(/^Room codes are 6 letters and numbers/)] });
    expect(await codeStepError("")).toEqual({ status: 400, messages: ["Enter the room code."] });
  });
});

describe("joining", () => {
  let workshopId: string;
  let code: string;

  beforeAll(async () => {
    ({ workshopId, code } = await createWorkshop(url, facilitatorCookie, "Names"));
  });

  it.each([
    ["an empty name", "", "Enter a display name."],
    ["a blank name", "   ", "Enter a display name."],
    ["a 41-character name", "x".repeat(41), "Keep the display name to 40 characters or fewer."],
    ["a name with markup", "<b>x</b>", "Use letters, numbers and simple punctuation in your name (no < or >)."],
    ["a script tag", "<script>alert(1)</script>", "Use letters, numbers and simple punctuation in your name (no < or >)."],
  ])("refuses %s with a message and joins no one", async (_label, displayName, message) => {
    const before = activeNames(workshopId).length;
    const response = await postForm(url, `/join?code=${code}`, { intent: "join", code, displayName });
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(errorMessages(await response.text())).toContain(message);
    expect(activeNames(workshopId)).toHaveLength(before);
  });

  it("accepts exactly 40 characters", async () => {
    const name = "y".repeat(40);
    await joinWorkshop(url, code, name);
    expect(activeNames(workshopId)).toContain(name);
  });

  it("keeps a name with & \" ' as text, stored as typed and escaped on the page", async () => {
    const name = `Tom & "Jerry" O'Neil`;
    const { cookie, workshopId: joinedId } = await joinWorkshop(url, code, name);
    expect(joinedId).toBe(workshopId);
    expect(activeNames(workshopId)).toContain(name);

    const lobby = await getPage(url, `/p/${workshopId}`, cookie);
    expect(lobby.status).toBe(200);
    const html = await lobby.text();
    expect(html).toContain("Tom &amp; &quot;Jerry&quot; O&#x27;Neil");
    expect(html).not.toContain(`<strong>${name}</strong>`);
    expect(decodeHtml(html)).toContain(`You're in as <strong>${name}</strong>`);
  });

  it("strips invisible characters from a name", async () => {
    await joinWorkshop(url, code, "Zo\u200be\u202e");
    expect(activeNames(workshopId)).toContain("Zoe");
  });

  it("sends someone who already joined back to their lobby instead of joining them twice", async () => {
    const { cookie } = await joinWorkshop(url, code, "Rejoiner");
    const participantIds = () => Object.keys(server.services.workshops.load(workshopId)!.state.participants);
    const before = participantIds();

    const again = await postForm(url, `/join?code=${code}`, { intent: "join", code, displayName: "Rejoiner again" }, cookie);
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe(`/p/${workshopId}`);
    expect(again.headers.getSetCookie()).toEqual([]);

    const viaLink = await getPage(url, `/join?code=${code}`, cookie);
    expect(viaLink.status).toBe(302);
    expect(viaLink.headers.get("location")).toBe(`/p/${workshopId}`);

    expect(participantIds()).toEqual(before);
    expect(activeNames(workshopId).filter((n) => n.startsWith("Rejoiner"))).toEqual(["Rejoiner"]);
  });

  it("lets a participant leave, and a left participant is no longer in the lobby", async () => {
    const { cookie } = await joinWorkshop(url, code, "Leaver");
    const left = await postForm(url, `/p/${workshopId}`, { intent: "leave" }, cookie);
    expect(left.status).toBe(302);
    expect(activeNames(workshopId)).not.toContain("Leaver");
    const page = await getPage(url, `/p/${workshopId}`, cookie);
    expect(decodeHtml(await page.text())).toContain("You left this workshop");
  });

  it("sends someone without a participant cookie from the lobby to /join", async () => {
    const response = await getPage(url, `/p/${workshopId}`);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/join");
  });
});

describe("team and shift", () => {
  it("are kept when the workshop asks for them, for the facilitator only", async () => {
    const { workshopId, code } = await createWorkshop(url, facilitatorCookie, "Reports", { askTeamAndShift: true });
    const details = await getPage(url, `/join?code=${code}`);
    expect(decodeHtml(await details.text())).toContain("Team (optional)");
    await joinWorkshop(url, code, "Ana", { team: "Outpatient registration", shift: "Late" });
    const ana = Object.values(server.services.workshops.load(workshopId)!.state.participants)[0]!;
    expect(ana).toMatchObject({ displayName: "Ana", team: "Outpatient registration", shift: "Late" });
  });

  it("are dropped when the workshop does not ask, even if sent", async () => {
    const { workshopId, code } = await createWorkshop(url, facilitatorCookie, "No reports");
    await joinWorkshop(url, code, "Ben", { team: "Billing", shift: "Early" });
    const ben = Object.values(server.services.workshops.load(workshopId)!.state.participants)[0]!;
    expect(ben).toMatchObject({ displayName: "Ben", team: null, shift: null });
  });

  it("refuse an over-long team with a message", async () => {
    const { workshopId, code } = await createWorkshop(url, facilitatorCookie, "Long teams", { askTeamAndShift: true });
    const response = await postForm(url, `/join?code=${code}`, { intent: "join", code, displayName: "Cleo", team: "t".repeat(61), shift: "" });
    expect(response.status).toBe(400);
    expect(errorMessages(await response.text())).toContain("Keep the team to 60 characters or fewer.");
    expect(activeNames(workshopId)).toEqual([]);
  });
});

describe("an ended workshop", () => {
  it("stops its code working, for new and half-way joiners, and tells members it ended", async () => {
    const { workshopId, code } = await createWorkshop(url, facilitatorCookie, "Short session");
    const { cookie } = await joinWorkshop(url, code, "Early bird");
    expect((await postForm(url, "/join", { intent: "code", code })).status).toBe(302);

    endWorkshop(workshopId);

    expect(await codeStepError(code)).toEqual({ status: 400, messages: [UNKNOWN_CODE_MESSAGE] });
    // Someone who had the name form open already.
    const late = await postForm(url, `/join?code=${code}`, { intent: "join", code, displayName: "Latecomer" });
    expect(late.status).toBe(400);
    expect(late.headers.getSetCookie()).toEqual([]);
    expect(errorMessages(await late.text())).toContain(UNKNOWN_CODE_MESSAGE);
    expect(activeNames(workshopId)).toEqual(["Early bird"]);

    const lobby = await getPage(url, `/p/${workshopId}`, cookie);
    expect(decodeHtml(await lobby.text())).toContain("This workshop has ended");
  });
});

describe("wrong-code limit", () => {
  let limited: TestServer;
  let code: string;

  beforeAll(async () => {
    // Behind a proxy so the test can speak from two addresses.
    limited = await startTestServer({ JOIN_WRONG_CODES_PER_MINUTE: "3", TRUST_PROXY: "true" });
    const cookie = await signUpFirstFacilitator(limited.url);
    ({ code } = await createWorkshop(limited.url, cookie, "Guarded"));
  });
  afterAll(() => limited?.close());

  const tryCode = async (candidate: string, from: string) => {
    const response = await fetch(new URL("/join", limited.url), {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": from },
      body: new URLSearchParams({ intent: "code", code: candidate }).toString(),
    });
    return { status: response.status, location: response.headers.get("location"), messages: errorMessages(await response.text()) };
  };

  it("slows down an address after too many wrong codes, even for the right code, and only that address", async () => {
    const guesser = "203.0.113.7";
    const neighbour = "203.0.113.8";
    const wrong = code.startsWith("2") ? `3${code.slice(1)}` : `2${code.slice(1)}`;
    for (let i = 0; i < 3; i++) expect(await tryCode(wrong, guesser)).toMatchObject({ status: 400, messages: [UNKNOWN_CODE_MESSAGE] });

    const slowed = await tryCode(code, guesser);
    expect(slowed.status).toBe(429);
    expect(slowed.messages).toEqual([expect.stringMatching(/^Too many wrong room codes from this device\. Please wait (\d+ seconds|1 minute) and try again\.$/)]);

    const slowedLink = await fetch(new URL(`/join?code=${code}`, limited.url), { headers: { "X-Forwarded-For": guesser } });
    expect(slowedLink.status).toBe(429);

    expect(await tryCode(code, neighbour)).toMatchObject({ status: 302, location: `/join?code=${code}` });
  });

  it("counts a burst of wrong codes sent at once one by one", async () => {
    const burst = "203.0.113.10";
    const wrong = code.startsWith("2") ? `3${code.slice(1)}` : `2${code.slice(1)}`;
    const results = await Promise.all(Array.from({ length: 6 }, () => tryCode(wrong, burst)));
    expect(results.filter((r) => r.status === 400 && r.messages[0] === UNKNOWN_CODE_MESSAGE)).toHaveLength(3);
    expect(results.filter((r) => r.status === 429)).toHaveLength(3);
  });

  it("does not count an empty box as a guess", async () => {
    const tidy = "203.0.113.9";
    for (let i = 0; i < 5; i++) expect(await tryCode("", tidy)).toMatchObject({ status: 400, messages: ["Enter the room code."] });
    expect(await tryCode(code, tidy)).toMatchObject({ status: 302 });
  });
});
