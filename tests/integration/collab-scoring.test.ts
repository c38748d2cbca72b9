import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { ParticipantView, WireParticipantView } from "../../server/domain/workshop";
import {
  connectDoc,
  note,
  roundTrip,
  setUpRound,
  startCollabServer,
  synced,
  tryUpgrade,
  serverDoc,
  until,
  type CollabTestServer,
  type DocClient,
  type RoundSetup,
} from "../support/collab";
import { addFacilitator, connectWithView, createWorkshop, joinWorkshop, nextEvent, sendCommand, signIn, type ClientSocket } from "../support/test-server";

let server: CollabTestServer;
let facilitatorCookie: string;
const clients: DocClient[] = [];
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startCollabServer();
});
afterAll(async () => {
  await server?.close();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of sockets.splice(0)) s.close();
});

async function round(options: Parameters<typeof setUpRound>[1] = {}): Promise<RoundSetup> {
  const setup = await setUpRound(server.url, { facilitatorCookie, ...options });
  facilitatorCookie = setup.facilitatorCookie;
  sockets.push(setup.facilitator);
  return setup;
}

function open(docName: string, cookie: string, as: "facilitator" | "participant" = "participant"): DocClient {
  const client = connectDoc(server.url, docName, cookie, as);
  clients.push(client);
  return client;
}

async function participantSocket(setup: RoundSetup, cookie: string) {
  const { socket, view } = await connectWithView(server.url, cookie, setup.workshopId, "participant");
  sockets.push(socket);
  return { socket, view: view as ParticipantView };
}

const notesOf = (doc: Y.Doc) => doc.getArray<{ id: string; text: string }>("notes").toArray();
const noteIds = (doc: Y.Doc) => notesOf(doc).map((n) => n.id).sort();

/** What the server holds for a document right now (from memory, or from SQLite if unloaded). */
const serverNotes = async (docName: string) => ((await serverDoc(server, docName, { notes: "array" })).notes as { id: string }[]).map((n) => n.id);

function dbRows<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe("observers scoring together", () => {
  it("converges when three observers write notes and scores at the same time", async () => {
    const setup = await round();
    const [ana, ben, cleo] = setup.observers as [RoundSetup["observers"][0], RoundSetup["observers"][0], RoundSetup["observers"][0]];
    const sheets = setup.observers.map((o) => open(setup.sharedDoc, o.cookie));
    const own = setup.observers.map((o) => open(setup.observerDoc(o), o.cookie));
    const watching = open(setup.sharedDoc, setup.facilitatorCookie, "facilitator");
    await Promise.all([...sheets, ...own, watching].map((c) => synced(c.provider)));

    // The server seeded the shared sheet with what it is about.
    expect(sheets[0]!.doc.getMap("meta").get("rubricId")).toBe("acro");
    expect((sheets[0]!.doc.getMap("meta").get("criteria") as { id: string }[]).map((c) => c.id)).toEqual(["acknowledge", "calibrate", "re-enter", "own"]);

    // Interleaved writes from all three, without waiting for each other.
    const perObserver = 15;
    for (let i = 0; i < perObserver; i++) {
      setup.observers.forEach((o, k) => {
        sheets[k]!.doc.getArray("notes").push([note(o, `${o.name}-${i}`, `${o.name} note ${i}`)]);
        own[k]!.doc.getMap("scores").set("acknowledge", 1 + ((i + k) % 4));
      });
      sheets[i % 3]!.doc.getMap("agreed").set("own", 1 + (i % 4));
    }
    const expected = setup.observers.flatMap((o) => Array.from({ length: perObserver }, (_, i) => `${o.name}-${i}`)).sort();
    for (const client of [...sheets, watching]) {
      await until(client.doc, () => noteIds(client.doc).length === expected.length, () => `${noteIds(client.doc).length} of ${expected.length} notes`);
    }
    for (const client of [...sheets, watching]) {
      expect(noteIds(client.doc)).toEqual(expected);
      // Same order everywhere, not just the same set.
      expect(notesOf(client.doc).map((n) => n.id)).toEqual(notesOf(sheets[0]!.doc).map((n) => n.id));
      expect(client.doc.getMap("agreed").toJSON()).toEqual(sheets[0]!.doc.getMap("agreed").toJSON());
    }
    expect((await serverNotes(setup.sharedDoc)).sort()).toEqual(expected);

    // Private sheets stay private: each holds only its owner's score, and the facilitator can read them.
    const facilitatorView = open(setup.observerDoc(cleo), setup.facilitatorCookie, "facilitator");
    await synced(facilitatorView.provider);
    await until(facilitatorView.doc, () => facilitatorView.doc.getMap("scores").get("acknowledge") === own[2]!.doc.getMap("scores").get("acknowledge"), () => "facilitator sees Cleo's score");
    expect(ana && ben).toBeTruthy();
  });

  it("shows everyone's scores to an observer only after they submit, from what their own sheet holds", async () => {
    const setup = await round({ observers: ["Ana", "Ben"] });
    const [ana, ben] = setup.observers as [RoundSetup["observers"][0], RoundSetup["observers"][0]];
    const anaSheet = open(setup.observerDoc(ana), ana.cookie);
    await synced(anaSheet.provider);
    const anaSocket = await participantSocket(setup, ana.cookie);
    const benSocket = await participantSocket(setup, ben.cookie);

    anaSheet.doc.getMap("scores").set("acknowledge", 3);
    // Incomplete: the server reads the sheet and says what is missing.
    await until(null, async () => (await serverDoc(server, setup.observerDoc(ana), { scores: "map" })).scores.acknowledge === 3, () => "server has Ana's first score");
    const early = await sendCommand(anaSocket.socket, { type: "submitScores" });
    expect(early).toEqual({ ok: false, error: { code: "invalid", message: "Score every criterion before submitting. Still to score: Calibrate, Re-enter, Own." } });

    anaSheet.doc.transact(() => {
      anaSheet.doc.getMap("scores").set("calibrate", 2);
      anaSheet.doc.getMap("scores").set("re-enter", 4);
      anaSheet.doc.getMap("scores").set("own", 1);
      anaSheet.doc.getMap("behaviours").set("own/names-owner", true);
      anaSheet.doc.getMap("behaviours").set("own/not-a-behaviour", true);
    });
    await until(null, async () => (await serverDoc(server, setup.observerDoc(ana), { scores: "map" })).scores.own === 1, () => "server has Ana's scores");

    // Scores in the payload are not read: the server takes them from Ana's sheet.
    const anaView = nextEvent(anaSocket.socket, "workshop:view", (v) => (v as WireParticipantView).scoring?.submitted === true);
    const benView = nextEvent(benSocket.socket, "workshop:view", (v) => (v as WireParticipantView).scoring?.progress.submitted === 1);
    expect(await sendCommand(anaSocket.socket, { type: "submitScores", scores: { acknowledge: 1, calibrate: 1, "re-enter": 1, own: 4 } })).toMatchObject({ ok: true });
    const state = server.services.workshops.load(setup.workshopId)!.state;
    expect(state.sheets["g1/1"]?.submissions[ana.id]).toMatchObject({ scores: { acknowledge: 3, calibrate: 2, "re-enter": 4, own: 1 }, behaviours: { own: ["names-owner"] } });

    const anaAfter = (await anaView) as WireParticipantView;
    expect(anaAfter.scoring?.comparison?.map((c) => c.ratings.map((r) => r.value))).toEqual([[3], [2], [4], [1]]);
    const benAfter = (await benView) as WireParticipantView;
    expect(benAfter.scoring?.comparison).toBeNull();
    expect(JSON.stringify(benAfter)).not.toContain('"ratings"');

    // Ana's own sheet is now read-only: a later write is dropped by the server.
    anaSheet.doc.getMap("scores").set("acknowledge", 1);
    const marker = open(setup.sharedDoc, ana.cookie);
    await synced(marker.provider);
    marker.doc.getArray("notes").push([note(ana, "after-submit", "still taking notes")]);
    await until(null, async () => (await serverNotes(setup.sharedDoc)).includes("after-submit"), () => "the shared sheet still takes Ana's notes");
    expect((await serverDoc(server, setup.observerDoc(ana), { scores: "map" })).scores.acknowledge).toBe(3);
  });
});

describe("who may open what", () => {
  it("refuses performers during the role-play and lets them read, not write, after the reveal", async () => {
    const setup = await round({ observers: ["Ana", "Ben"] });
    const [ana] = setup.observers as [RoundSetup["observers"][0]];
    for (const performer of [setup.staff, setup.patient]) {
      expect(await tryUpgrade(server.url, `/yjs/${setup.sharedDoc}`, performer.cookie)).toEqual({
        opened: false,
        status: 403,
        body: "The scoring sheet opens for performers once the scores are revealed in the room debrief.",
      });
      expect(await tryUpgrade(server.url, `/yjs/${setup.observerDoc(ana)}`, performer.cookie)).toMatchObject({ opened: false, status: 403 });
    }

    const anaSheet = open(setup.sharedDoc, ana.cookie);
    await synced(anaSheet.provider);
    anaSheet.doc.getArray("notes").push([note(ana, "during", "Named the lost afternoon")]);

    await setup.command({ type: "advanceGroups" }); // reset
    await setup.command({ type: "advanceGroups" }); // debrief
    expect(await tryUpgrade(server.url, `/yjs/${setup.sharedDoc}`, setup.staff.cookie)).toMatchObject({ opened: false, status: 403 });
    await setup.command({ type: "revealScores", groupId: "g1" });

    const staffSheet = open(setup.sharedDoc, setup.staff.cookie);
    await synced(staffSheet.provider);
    await until(staffSheet.doc, () => noteIds(staffSheet.doc).includes("during"), () => "the staff member sees the notes");

    // The staff member's write stays on their screen only; Ana's later note proves the channel works.
    staffSheet.doc.getArray("notes").push([note(setup.staff, "forged", "I was perfect")]);
    staffSheet.doc.getMap("agreed").set("own", 4);
    anaSheet.doc.getArray("notes").push([note(ana, "after", "Checked understanding")]);
    await until(staffSheet.doc, () => noteIds(staffSheet.doc).includes("after"), () => "the staff member receives Ana's later note");
    await until(anaSheet.doc, () => noteIds(anaSheet.doc).includes("after"), () => "Ana's note is back from the server");
    expect(noteIds(anaSheet.doc)).toEqual(["after", "during"]);
    expect((await serverNotes(setup.sharedDoc)).sort()).toEqual(["after", "during"]);
    expect((await serverDoc(server, setup.sharedDoc, { agreed: "map" })).agreed.own).toBeUndefined();
    const fresh = open(setup.sharedDoc, setup.facilitatorCookie, "facilitator");
    await synced(fresh.provider);
    expect(noteIds(fresh.doc)).toEqual(["after", "during"]);
  });

  it("closes a connection that loses access, and makes one read-only when the round ends", async () => {
    const setup = await round({ observers: ["Ana", "Ben"] });
    const [ana, ben] = setup.observers as [RoundSetup["observers"][0], RoundSetup["observers"][0]];
    const benSheet = open(setup.sharedDoc, ben.cookie);
    const anaSheet = open(setup.sharedDoc, ana.cookie);
    await Promise.all([synced(benSheet.provider), synced(anaSheet.provider)]);
    const closed = new Promise<number>((resolve) => benSheet.provider.ws?.addEventListener("close", (e) => resolve((e as CloseEvent).code)));
    // Ben becomes the patient mid-round: the observers' sheet is no longer his to see.
    await setup.command({ type: "setRole", groupId: "g1", participantId: ben.id, role: "patient" });
    expect(await closed).toBe(4403);
    benSheet.destroy();

    await setup.command({ type: "advanceGroups" });
    await setup.command({ type: "advanceGroups" });
    await setup.command({ type: "advanceGroups" }); // done
    // Ana's connection stayed open but is read-only now: what she writes is dropped.
    anaSheet.doc.getArray("notes").push([note(ana, "too-late", "after the round")]);
    await roundTrip(anaSheet.provider);
    expect(await serverNotes(setup.sharedDoc)).toEqual([]);
    expect(noteIds(anaSheet.doc)).toEqual(["too-late"]);
  });

  it("refuses forged names, other workshops' documents and other observers' sheets", async () => {
    const setup = await round({ observers: ["Ana", "Ben"] });
    const [ana, ben] = setup.observers as [RoundSetup["observers"][0], RoundSetup["observers"][0]];
    const other = await createWorkshop(server.url, setup.facilitatorCookie, "Another room");
    const stranger = await joinWorkshop(server.url, other.code, "Stranger");
    const w = setup.workshopId;

    // Another observer's private sheet.
    expect(await tryUpgrade(server.url, `/yjs/${setup.observerDoc(ben)}`, ana.cookie)).toEqual({
      opened: false,
      status: 403,
      body: "Each observer's scores stay private until they are revealed.",
    });
    // Another workshop's sheet, with this workshop's cookie, and this workshop's sheet with another workshop's cookie.
    expect(await tryUpgrade(server.url, `/yjs/workshop/${other.workshopId}/group/g1/round/1/rubric`, ana.cookie)).toMatchObject({ opened: false, status: 401 });
    expect(await tryUpgrade(server.url, `/yjs/${setup.sharedDoc}`, stranger.cookie)).toMatchObject({ opened: false, status: 401 });
    // Another facilitator.
    const rival = { name: "Rival Facilitator", email: `rival-${w}@example.org`, password: "another long password" };
    expect((await addFacilitator(server.url, setup.facilitatorCookie, rival)).status).toBe(200);
    const rivalCookie = await signIn(server.url, rival.email, rival.password);
    expect(await tryUpgrade(server.url, `/yjs/${setup.sharedDoc}?as=facilitator`, rivalCookie)).toMatchObject({ opened: false, status: 403 });
    // Sheets that do not exist, and names that are not names.
    expect(await tryUpgrade(server.url, `/yjs/workshop/${w}/group/g1/round/2/rubric`, ana.cookie)).toMatchObject({ opened: false, status: 404 });
    expect(await tryUpgrade(server.url, `/yjs/workshop/${w}/group/g7/round/1/rubric`, ana.cookie)).toMatchObject({ opened: false, status: 404 });
    expect(await tryUpgrade(server.url, `/yjs/workshop/${w}/group/g1/round/1/observer/${setup.staff.id}`, setup.staff.cookie)).toMatchObject({ opened: false, status: 404 });
    for (const forged of [
      `/yjs/workshop/${w}/group/g1/round/1/rubric/`,
      `/yjs/workshop/${w}/group/g1/round/01/rubric`,
      `/yjs/workshop/${w}/group/g1/round/1/observer/${ana.id}/extra`,
      `/yjs/workshop/${w}/group/g1/round/1/observer/${ana.id.slice(0, 8)}%2F..%2F${ben.id}`,
      `/yjs/workshop/${w}/group/g1/round/1/notes`,
      `/yjs/workshop/${w}/group/g1/round/1/observer/`,
    ]) {
      expect(await tryUpgrade(server.url, forged, ana.cookie), forged).toEqual({ opened: false, status: 400, body: "Unknown document name." });
    }
    // And the legitimate ones open.
    expect(await tryUpgrade(server.url, `/yjs/${setup.observerDoc(ana)}`, ana.cookie)).toEqual({ opened: true });
    expect(await tryUpgrade(server.url, `/yjs/${setup.observerDoc(ben)}?as=facilitator`, setup.facilitatorCookie)).toEqual({ opened: true });
  });
});

/** A raw WebSocket that has passed the upgrade, to send what no well-behaved client would. */
function rawSocket(path: string, cookie: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(server.url.replace(/^http/, "ws") + path, { headers: { cookie } });
    ws.binaryType = "arraybuffer";
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

const closeCode = (ws: WebSocket) => new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));

/** A sync "update" message carrying `update`, as y-protocols encodes it. */
function updateMessage(update: Uint8Array): Uint8Array {
  const varUint = (n: number) => {
    const out: number[] = [];
    while (n > 0x7f) {
      out.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    out.push(n);
    return out;
  };
  return new Uint8Array([0, 2, ...varUint(update.length), ...update]);
}

describe("what the endpoint refuses", () => {
  it("closes a connection that sends an oversized message, without touching the document", async () => {
    const setup = await round({ observers: ["Ana", "Ben"] });
    const [ana] = setup.observers as [RoundSetup["observers"][0]];
    const ws = await rawSocket(`/yjs/${setup.sharedDoc}`, ana.cookie);
    const closed = closeCode(ws);
    const big = new Y.Doc();
    big.getArray("notes").push([note(ana, "huge", "x".repeat(300 * 1024))]);
    ws.send(updateMessage(Y.encodeStateAsUpdate(big)));
    expect(await closed).toBe(1009);
    expect(await serverNotes(setup.sharedDoc)).toEqual([]);
  });

  it("closes only the connection that sends a malformed message", async () => {
    const setup = await round({ observers: ["Ana", "Ben"] });
    const [ana, ben] = setup.observers as [RoundSetup["observers"][0], RoundSetup["observers"][0]];
    const benSheet = open(setup.sharedDoc, ben.cookie);
    await synced(benSheet.provider);
    for (const garbage of [new Uint8Array([0, 2, 5, 1, 2]), new Uint8Array([0, 2, 3, 255, 255, 255]), new Uint8Array([0, 9]), new Uint8Array([7, 7, 7])]) {
      const ws = await rawSocket(`/yjs/${setup.sharedDoc}`, ana.cookie);
      const closed = closeCode(ws);
      ws.send(garbage);
      expect(await closed).toBe(1003);
    }
    benSheet.doc.getArray("notes").push([note(ben, "still-fine", "the sheet still works")]);
    await until(null, async () => (await serverNotes(setup.sharedDoc)).includes("still-fine"), () => "Ben's note reaches the server");
  });
});

describe("presence", () => {
  it("shows who is on which criterion, and nobody can speak for someone else", async () => {
    const setup = await round({ observers: ["Ana", "Ben"] });
    const [ana, ben] = setup.observers as [RoundSetup["observers"][0], RoundSetup["observers"][0]];
    const benSheet = open(setup.sharedDoc, ben.cookie);
    const watcher = open(setup.sharedDoc, setup.facilitatorCookie, "facilitator");
    await Promise.all([synced(benSheet.provider), synced(watcher.provider)]);
    benSheet.provider.awareness.setLocalStateField("user", { id: ben.id, name: "Ben", criterionId: "own" });
    const userOf = (clientId: number) => (watcher.provider.awareness.getStates().get(clientId) as { user?: { name: string; criterionId: string } } | undefined)?.user;
    await until(null, () => userOf(benSheet.doc.clientID)?.criterionId === "own", () => "the facilitator sees Ben on Own");

    // Ana's connection claims Ben's awareness id: dropped. Her own id goes through, and arrives after.
    const ws = await rawSocket(`/yjs/${setup.sharedDoc}`, ana.cookie);
    const awarenessMessage = (clientId: number, user: Record<string, unknown>) => {
      const doc = new Y.Doc();
      doc.clientID = clientId;
      const fake = new awarenessProtocol.Awareness(doc);
      for (let i = 0; i < 20; i++) fake.setLocalState({ user });
      const update = awarenessProtocol.encodeAwarenessUpdate(fake, [clientId]);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint8Array(encoder, update);
      return encoding.toUint8Array(encoder);
    };
    ws.send(awarenessMessage(benSheet.doc.clientID, { id: ben.id, name: "Mallory", criterionId: "calibrate" }));
    ws.send(awarenessMessage(123456, { id: ana.id, name: "Ana", criterionId: "acknowledge" }));
    await until(null, () => userOf(123456)?.criterionId === "acknowledge", () => "Ana's own presence arrives");
    expect(userOf(benSheet.doc.clientID)).toMatchObject({ name: "Ben", criterionId: "own" });
    ws.close();
  });
});

describe("storage", () => {
  it("stores every update, compacts and unloads an idle document, and seeds it only once", async () => {
    const setup = await round({ observers: ["Ana", "Ben"] });
    const [ana] = setup.observers as [RoundSetup["observers"][0]];
    const first = open(setup.sharedDoc, ana.cookie);
    await synced(first.provider);
    for (let i = 0; i < 5; i++) first.doc.getArray("notes").push([note(ana, `n${i}`, `note ${i}`)]);
    await until(null, async () => (await serverNotes(setup.sharedDoc)).length === 5, () => "the server has all five notes");
    expect(await server.collab.host.loadedDocNames()).toContain(setup.sharedDoc);
    // Seed + five notes, each appended as it arrived.
    expect(dbRows<{ n: number }>("select count(*) n from yjs_updates where doc_name = ?", setup.sharedDoc)[0]!.n).toBeGreaterThanOrEqual(2);

    first.destroy();
    await until(null, async () => !(await server.collab.host.loadedDocNames()).includes(setup.sharedDoc), () => `still loaded: ${setup.sharedDoc}`);
    expect(dbRows<{ n: number }>("select count(*) n from yjs_updates where doc_name = ?", setup.sharedDoc)[0]!.n).toBe(0);
    expect(dbRows<{ n: number }>("select count(*) n from yjs_snapshots where doc_name = ?", setup.sharedDoc)[0]!.n).toBe(1);

    // Reopened from the snapshot: the same content, and the seed was not written a second time.
    const again = open(setup.sharedDoc, ana.cookie);
    await synced(again.provider);
    expect(noteIds(again.doc)).toEqual(["n0", "n1", "n2", "n3", "n4"]);
    const writers = (doc: Y.Doc) => [...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()];
    expect(writers(again.doc)).toHaveLength(2); // the server's seed and Ana
    expect(again.doc.getMap("meta").get("round")).toBe(1);
  });

  /** Resolves when the rows of the rounds queued for this workshop have been written. */
  const nextRowsWritten = (workshopId: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error("the round's rows were not written within 5 s"));
      }, 5_000);
      const stop = server.collab.scoring.onRoundsWritten((id) => {
        if (id !== workshopId) return;
        clearTimeout(timer);
        stop();
        resolve();
      });
    });

  it("materialises scores, ticks and notes into rows when the round ends, idempotently", async () => {
    const setup = await round({ observers: ["Ana", "Ben"] });
    const [ana, ben] = setup.observers as [RoundSetup["observers"][0], RoundSetup["observers"][0]];
    const shared = open(setup.sharedDoc, ana.cookie);
    const anaOwn = open(setup.observerDoc(ana), ana.cookie);
    const benOwn = open(setup.observerDoc(ben), ben.cookie);
    await Promise.all([shared, anaOwn, benOwn].map((c) => synced(c.provider)));
    shared.doc.getArray("notes").push([
      note(ana, "q1", "I can see this cost you an afternoon", { kind: "quote", criterionId: "acknowledge", offsetMs: 65_000 }),
      note(ben, "s1", "Your visit is $40; you can pay today or set up a plan", { kind: "swap", insteadOf: "That's just your copay", criterionId: "own" }),
      { id: "junk", kind: "nonsense" },
    ]);
    anaOwn.doc.transact(() => {
      for (const [c, v] of Object.entries({ acknowledge: 3, calibrate: 3, "re-enter": 2, own: 2 })) anaOwn.doc.getMap("scores").set(c, v);
      anaOwn.doc.getMap("behaviours").set("acknowledge/names-burden", true);
    });
    // Ben never submits: his draft is kept, marked unsubmitted.
    benOwn.doc.getMap("scores").set("own", 1);
    await until(null, async () => (await serverDoc(server, setup.observerDoc(ben), { scores: "map" })).scores.own === 1, () => "Ben's draft reached the server");
    await until(null, async () => (await serverNotes(setup.sharedDoc)).length === 3, () => "notes reached the server");
    const anaSocket = await participantSocket(setup, ana.cookie);
    expect(await sendCommand(anaSocket.socket, { type: "submitScores" })).toMatchObject({ ok: true });

    await setup.command({ type: "advanceGroups" }); // reset
    await setup.command({ type: "advanceGroups" }); // debrief
    const staffSocket = await participantSocket(setup, setup.staff.cookie);
    expect(await sendCommand(staffSocket.socket, { type: "lockSelfAssessment", scores: { acknowledge: 4, calibrate: 4, "re-enter": 4, own: 4 } })).toMatchObject({ ok: true });
    shared.doc.getMap("agreed").set("own", 2);
    await until(null, async () => (await serverDoc(server, setup.sharedDoc, { agreed: "map" })).agreed.own === 2, () => "agreed score reached the server");
    // Rows are written in the background once the change's views are out: wait for them, not for luck.
    let written = nextRowsWritten(setup.workshopId);
    await setup.command({ type: "advanceGroups" }); // done
    await written;

    const read = () => ({
      scores: dbRows<{ kind: string; rater: string | null; criterion: string; score: number; submitted: number | null; ratee: string }>(
        "select kind, rater_participant_id rater, criterion_id criterion, score, submitted_at submitted, ratee_participant_id ratee from scores where workshop_id = ? order by kind, rater, criterion",
        setup.workshopId,
      ),
      ticks: dbRows("select rater_participant_id rater, criterion_id, behaviour_id from behaviour_ticks where workshop_id = ?", setup.workshopId),
      notes: dbRows<{ note_id: string }>("select note_id, kind, criterion_id, offset_ms, text, instead_of, author_name from notes where workshop_id = ? order by note_id", setup.workshopId),
    });
    const rows = read();
    expect(rows.scores.filter((r) => r.kind === "observer" && r.rater === ana.id).map((r) => [r.criterion, r.score])).toEqual([
      ["acknowledge", 3],
      ["calibrate", 3],
      ["own", 2],
      ["re-enter", 2],
    ]);
    expect(rows.scores.every((r) => r.ratee === setup.staff.id)).toBe(true);
    expect(rows.scores.filter((r) => r.rater === ana.id).every((r) => r.submitted !== null)).toBe(true);
    expect(rows.scores.filter((r) => r.rater === ben.id)).toEqual([expect.objectContaining({ kind: "observer", criterion: "own", score: 1, submitted: null })]);
    expect(rows.scores.filter((r) => r.kind === "self")).toHaveLength(4);
    expect(rows.scores.filter((r) => r.kind === "agreed")).toEqual([expect.objectContaining({ rater: null, criterion: "own", score: 2 })]);
    expect(rows.ticks).toEqual([{ rater: ana.id, criterion_id: "acknowledge", behaviour_id: "names-burden" }]);
    expect(rows.notes).toEqual([
      { note_id: "q1", kind: "quote", criterion_id: "acknowledge", offset_ms: 65_000, text: "I can see this cost you an afternoon", instead_of: null, author_name: "Ana" },
      { note_id: "s1", kind: "swap", criterion_id: "own", offset_ms: 1_000, text: "Your visit is $40; you can pay today or set up a plan", instead_of: "That's just your copay", author_name: "Ben" },
    ]);

    // Reopened and finished again: replaced, never duplicated.
    await setup.command({ type: "stepBackGroups" });
    written = nextRowsWritten(setup.workshopId);
    await setup.command({ type: "advanceGroups" });
    await written;
    expect(read()).toEqual(rows);
  });

  it("materialises at start-up a finished round that has no rows", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-catchup-"));
    const databasePath = path.join(dir, "rolecall.db");
    let own = await startCollabServer({ databasePath });
    try {
      const setup = await setUpRound(own.url, { observers: ["Ana", "Ben"] });
      const [ana] = setup.observers as [RoundSetup["observers"][0]];
      const sheet = connectDoc(own.url, setup.sharedDoc, ana.cookie);
      await synced(sheet.provider);
      sheet.doc.getArray("notes").push([note(ana, "kept", "Kept through a lost write")]);
      await until(null, async () => (await serverDoc(own, setup.sharedDoc, { notes: "array" })).notes.length === 1, () => "note stored");
      sheet.destroy();
      await setup.command({ type: "advanceGroups" });
      await setup.command({ type: "advanceGroups" });
      await setup.command({ type: "advanceGroups" }); // done
      setup.facilitator.close();
      await own.close();

      // As if the rows had never been written.
      const db = new Database(databasePath);
      db.prepare("delete from notes").run();
      db.close();

      own = await startCollabServer({ databasePath });
      // Caught up at start-up, a moment later: the sheets are read from the Yjs process.
      const restarted = own;
      const noteIds = () => restarted.collab.scoring.roundRows(setup.workshopId, "g1", 1).notes.map((n) => n.noteId);
      await until(null, () => noteIds().length > 0, () => "the round's rows were written at start-up");
      expect(noteIds()).toEqual(["kept"]);
    } finally {
      await own.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
