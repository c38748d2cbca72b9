import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { ParticipantView } from "../../server/domain/workshop";
import { spawnServer, type SpawnedServer } from "../support/spawn-server";
import { connectDoc, note, setUpRound, synced, until, type DocClient } from "../support/collab";
import { connectWithView, sendCommand, type ClientSocket } from "../support/test-server";

/**
 * The production build in a child process, killed with SIGKILL right after
 * the server has relayed the edits: no shutdown hook runs, nothing is
 * compacted, so whatever comes back was on disk before it was relayed.
 */
const running: SpawnedServer[] = [];
const clients: DocClient[] = [];
const sockets: ClientSocket[] = [];
afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const s of sockets) s.close();
  for (const server of running) await server.stop();
});

async function spawn(databasePath?: string) {
  const server = await spawnServer(databasePath ? { databasePath } : {});
  running.push(server);
  return server;
}

function open(url: string, docName: string, cookie: string, as: "facilitator" | "participant" = "participant") {
  const client = connectDoc(url, docName, cookie, as);
  clients.push(client);
  return client;
}

const contentOf = (doc: Y.Doc) => ({
  notes: doc.getArray<{ id: string }>("notes").toArray().map((n) => n.id),
  agreed: doc.getMap("agreed").toJSON(),
  scores: doc.getMap("scores").toJSON(),
  behaviours: doc.getMap("behaviours").toJSON(),
});

describe("a crash during scoring", () => {
  it("keeps every edit the server had received (kill -9, restart, reconnect)", async () => {
    const first = await spawn();
    const setup = await setUpRound(first.url, { observers: ["Ana", "Ben"] });
    sockets.push(setup.facilitator);
    const [ana, ben] = setup.observers as [(typeof setup.observers)[0], (typeof setup.observers)[0]];
    const docs = [setup.sharedDoc, setup.observerDoc(ana), setup.observerDoc(ben)];

    const anaShared = open(first.url, setup.sharedDoc, ana.cookie);
    const benShared = open(first.url, setup.sharedDoc, ben.cookie);
    const anaOwn = open(first.url, setup.observerDoc(ana), ana.cookie);
    const benOwn = open(first.url, setup.observerDoc(ben), ben.cookie);
    // The facilitator watches all three: what reaches them had been stored first.
    const watchers = docs.map((name) => open(first.url, name, setup.facilitatorCookie, "facilitator"));
    await Promise.all([anaShared, benShared, anaOwn, benOwn, ...watchers].map((c) => synced(c.provider)));

    for (let i = 0; i < 10; i++) {
      anaShared.doc.getArray("notes").push([note(ana, `ana-${i}`, `Ana ${i}`)]);
      benShared.doc.getArray("notes").push([note(ben, `ben-${i}`, `Ben ${i}`, { kind: "try" })]);
    }
    benShared.doc.getMap("agreed").set("acknowledge", 3);
    anaOwn.doc.transact(() => {
      for (const [c, v] of Object.entries({ acknowledge: 2, calibrate: 3, "re-enter": 3, own: 1 })) anaOwn.doc.getMap("scores").set(c, v);
      anaOwn.doc.getMap("behaviours").set("own/names-owner", true);
    });
    benOwn.doc.getMap("scores").set("own", 4);

    await until(anaShared.doc, () => contentOf(anaShared.doc).notes.length === 20 && anaShared.doc.getMap("agreed").has("acknowledge"), () => "Ana has Ben's notes");
    const expected = [contentOf(anaShared.doc), contentOf(anaOwn.doc), contentOf(benOwn.doc)];
    for (const [i, watcher] of watchers.entries()) {
      await until(watcher.doc, () => JSON.stringify(contentOf(watcher.doc)) === JSON.stringify(expected[i]), () => `${docs[i]} reached the facilitator`);
    }

    await first.kill9();
    expect(first.process.signalCode).toBe("SIGKILL");
    for (const c of clients.splice(0)) c.destroy();

    const second = await spawn(first.databasePath);
    for (const [i, name] of docs.entries()) {
      const fresh = open(second.url, name, setup.facilitatorCookie, "facilitator");
      await synced(fresh.provider);
      expect(contentOf(fresh.doc), name).toEqual(expected[i]);
    }

    // Scoring carries on where it was: Ana submits, and the server reads her sheet from disk.
    const { socket, view } = await connectWithView(second.url, ana.cookie, setup.workshopId, "participant");
    sockets.push(socket);
    expect((view as ParticipantView).scoring).toMatchObject({ role: "observer", live: true, ownSheetAccess: "write" });
    expect(await sendCommand(socket, { type: "submitScores" })).toMatchObject({ ok: true });
    const { socket: again, view: after } = await connectWithView(second.url, ana.cookie, setup.workshopId, "participant");
    sockets.push(again);
    expect((after as ParticipantView).scoring?.comparison?.map((c) => [c.criterionId, c.ratings[0]?.value])).toEqual([
      ["acknowledge", 2],
      ["calibrate", 3],
      ["re-enter", 3],
      ["own", 1],
    ]);
  }, 60_000); // two server processes start in this test
});
