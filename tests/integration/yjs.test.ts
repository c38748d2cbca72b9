import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import {
  addFacilitator,
  createWorkshop,
  joinWorkshop,
  signIn,
  signUpFirstFacilitator,
  startTestServer,
  type TestServer,
} from "../support/test-server";
import { tryUpgrade as tryUpgradeAt, webSocketWithCookie } from "../support/collab";

let server: TestServer;
let wsUrl: string;
let ownerCookie: string;
let otherFacilitatorCookie: string;

beforeAll(async () => {
  server = await startTestServer({ YJS_PROCESS: "separate" });
  wsUrl = server.url.replace(/^http/, "ws");
  ownerCookie = await signUpFirstFacilitator(server.url);
  const other = { name: "Other Facilitator", email: "other@example.org", password: "other's long password" };
  expect((await addFacilitator(server.url, ownerCookie, other)).status).toBe(200);
  otherFacilitatorCookie = await signIn(server.url, other.email, other.password);
});
afterAll(() => server?.close());

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const lobbyPath = (workshopId: string) => `/yjs/workshop/${workshopId}/lobby`;

/** Attempts a raw WebSocket upgrade against this file's server. */
const tryUpgrade = (path: string, cookie?: string) => tryUpgradeAt(server.url, path, cookie);

function connectDoc(workshopId: string, cookie: string, as: "facilitator" | "participant") {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${wsUrl}/yjs`, `workshop/${workshopId}/lobby`, doc, {
    WebSocketPolyfill: webSocketWithCookie(cookie),
    params: as === "facilitator" ? { as } : {},
    // Providers in one process would otherwise sync over BroadcastChannel, bypassing the server.
    disableBc: true,
    maxBackoffTime: 200,
  });
  cleanups.push(() => {
    provider.destroy();
    doc.destroy();
  });
  return { doc, provider };
}

function synced(provider: WebsocketProvider): Promise<void> {
  return new Promise((resolve, reject) => {
    if (provider.synced) return resolve();
    const timer = setTimeout(() => reject(new Error("provider did not sync within 5 s")), 5_000);
    provider.once("sync", (isSynced: boolean) => {
      clearTimeout(timer);
      if (isSynced) resolve();
    });
  });
}

/** Resolves once `read()` returns `expected`; fails the test after a bounded wait. */
function textBecomes(text: Y.Text, expected: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (text.toString() === expected) return resolve();
    const timer = setTimeout(() => reject(new Error(`text is ${JSON.stringify(text.toString())}, never became ${JSON.stringify(expected)}`)), 5_000);
    const observer = () => {
      if (text.toString() !== expected) return;
      clearTimeout(timer);
      text.unobserve(observer);
      resolve();
    };
    text.observe(observer);
  });
}

describe("Yjs upgrade authorization", () => {
  let workshopId: string;
  let code: string;
  let participantCookie: string;

  beforeAll(async () => {
    ({ workshopId, code } = await createWorkshop(server.url, ownerCookie, "Docs"));
    ({ cookie: participantCookie } = await joinWorkshop(server.url, code, "Ana"));
  });

  it("opens for the workshop's participant and its facilitator", async () => {
    expect(await tryUpgrade(lobbyPath(workshopId), participantCookie)).toEqual({ opened: true });
    expect(await tryUpgrade(`${lobbyPath(workshopId)}?as=facilitator`, ownerCookie)).toEqual({ opened: true });
  });

  it("refuses a connection without a cookie with 401, before upgrading", async () => {
    expect(await tryUpgrade(lobbyPath(workshopId))).toEqual({ opened: false, status: 401, body: "Join this workshop with its room code first." });
    expect(await tryUpgrade(`${lobbyPath(workshopId)}?as=facilitator`)).toEqual({
      opened: false,
      status: 401,
      body: "Sign in as a facilitator to open this workshop.",
    });
  });

  it("refuses another workshop's document", async () => {
    const other = await createWorkshop(server.url, ownerCookie, "Other docs");
    expect(await tryUpgrade(lobbyPath(other.workshopId), participantCookie)).toMatchObject({ opened: false, status: 401 });
    expect(await tryUpgrade(`${lobbyPath(workshopId)}?as=facilitator`, otherFacilitatorCookie)).toMatchObject({ opened: false, status: 403 });
  });

  it("refuses a participant's cookie used to claim the facilitator role", async () => {
    expect(await tryUpgrade(`${lobbyPath(workshopId)}?as=facilitator`, participantCookie)).toMatchObject({ opened: false, status: 401 });
  });

  it.each([
    "/yjs/workshop/abc/other",
    "/yjs/workshop/abc",
    "/yjs/workshop//lobby",
    "/yjs/workshop/a%2Fb/lobby",
    "/yjs/workshop/%ZZ/lobby",
    "/yjs/workshop/abc/lobby/extra",
    "/yjs/workshop/a.b/lobby",
    `/yjs/workshop/${"x".repeat(65)}/lobby`,
    "/yjs/",
  ])("refuses the malformed document name %s with 400", async (path) => {
    expect(await tryUpgrade(path, ownerCookie)).toEqual({ opened: false, status: 400, body: "Unknown document name." });
  });

  it("refuses a workshop that does not exist with 404", async () => {
    expect(await tryUpgrade(lobbyPath("no-such-workshop"), ownerCookie)).toMatchObject({ opened: false, status: 404 });
  });

  it("refuses a removed participant with 403", async () => {
    const { cookie } = await joinWorkshop(server.url, code, "Ben");
    const loaded = server.services.workshops.load(workshopId)!;
    const ben = Object.values(loaded.state.participants).find((p) => p.displayName === "Ben")!;
    const removed = server.services.workshops.execute(
      workshopId,
      { type: "removeParticipant", participantId: ben.id, reason: null },
      { kind: "facilitator", facilitatorId: loaded.state.facilitatorId },
    );
    expect(removed.ok).toBe(true);
    expect(await tryUpgrade(lobbyPath(workshopId), cookie)).toMatchObject({ opened: false, status: 403 });
  });

  it("does not upgrade paths that belong to neither socket.io nor Yjs", async () => {
    // Includes a path that a URL parser folds out of /yjs/.
    for (const path of ["/somewhere-else", "/yjs/../etc/passwd"]) {
      expect(await tryUpgrade(path, ownerCookie)).toMatchObject({ opened: false, status: null, error: "socket hang up" });
    }
  });
});

describe("Yjs sync", () => {
  it("syncs a text edit between two authorized clients, both ways", async () => {
    const { workshopId, code } = await createWorkshop(server.url, ownerCookie, "Shared notes");
    const { cookie: participantCookie } = await joinWorkshop(server.url, code, "Ana");

    const facilitator = connectDoc(workshopId, ownerCookie, "facilitator");
    const participant = connectDoc(workshopId, participantCookie, "participant");
    await Promise.all([synced(facilitator.provider), synced(participant.provider)]);

    const fText = facilitator.doc.getText("notes");
    const pText = participant.doc.getText("notes");

    fText.insert(0, "Hello");
    await textBecomes(pText, "Hello");

    pText.insert(5, ", world");
    await textBecomes(fText, "Hello, world");
    expect(pText.toString()).toBe("Hello, world");
  });

  it("brings a late joiner up to date with what others wrote", async () => {
    const { workshopId, code } = await createWorkshop(server.url, ownerCookie, "Late joiner");
    const { cookie: anaCookie } = await joinWorkshop(server.url, code, "Ana");
    const { cookie: benCookie } = await joinWorkshop(server.url, code, "Ben");

    const ana = connectDoc(workshopId, anaCookie, "participant");
    await synced(ana.provider);
    ana.doc.getText("notes").insert(0, "Written before Ben arrived");

    const facilitatorWatching = connectDoc(workshopId, ownerCookie, "facilitator");
    await textBecomes(facilitatorWatching.doc.getText("notes"), "Written before Ben arrived");

    const ben = connectDoc(workshopId, benCookie, "participant");
    await synced(ben.provider);
    await textBecomes(ben.doc.getText("notes"), "Written before Ben arrived");
  });

  it("keeps workshops' documents apart", async () => {
    const a = await createWorkshop(server.url, ownerCookie, "Doc A");
    const b = await createWorkshop(server.url, ownerCookie, "Doc B");
    const docA = connectDoc(a.workshopId, ownerCookie, "facilitator");
    const docB = connectDoc(b.workshopId, ownerCookie, "facilitator");
    const docA2 = connectDoc(a.workshopId, ownerCookie, "facilitator");
    await Promise.all([synced(docA.provider), synced(docB.provider), synced(docA2.provider)]);

    docA.doc.getText("notes").insert(0, "only in A");
    await textBecomes(docA2.doc.getText("notes"), "only in A");
    // B was connected throughout; a write to B reaching A2 would show any cross-talk.
    docB.doc.getText("notes").insert(0, "only in B");
    docA.doc.getText("notes").insert(0, "!");
    await textBecomes(docA2.doc.getText("notes"), "!only in A");
    expect(docB.doc.getText("notes").toString()).toBe("only in B");
  });
});
