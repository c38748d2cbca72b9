import { afterEach, describe, expect, it } from "vitest";
import { startYjsProcess } from "../../server/collab/yjs-host-process";
import { connectDoc, note, serverDoc, setUpRound, startCollabServer, synced, until, type CollabTestServer, type DocClient } from "../support/collab";

/**
 * The Yjs documents live in a process of their own (server/collab/
 * yjs-host-process.ts): the main process authorizes each upgrade and passes
 * the socket across. These tests run real y-websocket clients through that
 * hand-over, kill the Yjs process, and run the same endpoint inline.
 */
let server: CollabTestServer | null = null;
const clients: DocClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.close();
  server = null;
});

function open(docName: string, cookie: string) {
  const client = connectDoc(server!.url, docName, cookie);
  clients.push(client);
  return client;
}

const noteIds = (client: DocClient) => client.doc.getArray<{ id: string }>("notes").toArray().map((n) => n.id);
const serverNoteIds = async (docName: string) => ((await serverDoc(server!, docName, { notes: "array" })).notes as { id: string }[]).map((n) => n.id);

describe("the Yjs process", () => {
  it("holds the documents apart from the main process and relays between sockets handed to it", async () => {
    server = await startCollabServer();
    const pid = server.collab.processHost?.pid();
    expect(pid).toBeGreaterThan(0);
    expect(pid).not.toBe(process.pid);

    const setup = await setUpRound(server.url, { observers: ["Ana", "Ben"] });
    const [ana, ben] = setup.observers as [(typeof setup.observers)[0], (typeof setup.observers)[0]];
    const anaShared = open(setup.sharedDoc, ana.cookie);
    const benShared = open(setup.sharedDoc, ben.cookie);
    await Promise.all([synced(anaShared.provider), synced(benShared.provider)]);
    // The main process seeded the sheet's description across the boundary.
    await until(anaShared.doc, () => anaShared.doc.getMap("meta").get("groupId") === "g1", () => "the seeded description reached Ana");

    anaShared.doc.getArray("notes").push([note(ana, "a1", "Named the charge")]);
    await until(benShared.doc, () => noteIds(benShared).includes("a1"), () => "Ben sees Ana's note");
    expect(await serverNoteIds(setup.sharedDoc)).toEqual(["a1"]);
    expect(server.collab.gateway.connectionCount()).toBe(2);

    // Closed sockets leave the main process's registry too.
    benShared.destroy();
    await until(null, () => server!.collab.gateway.connectionCount() === 1, () => `registry holds ${server!.collab.gateway.connectionCount()}`);
  });

  it("is replaced when it dies: clients reconnect to the new one and nothing relayed is lost", async () => {
    server = await startCollabServer();
    const setup = await setUpRound(server.url, { observers: ["Ana", "Ben"] });
    const [ana, ben] = setup.observers as [(typeof setup.observers)[0], (typeof setup.observers)[0]];
    const anaShared = open(setup.sharedDoc, ana.cookie);
    const benShared = open(setup.sharedDoc, ben.cookie);
    await Promise.all([synced(anaShared.provider), synced(benShared.provider)]);
    anaShared.doc.getArray("notes").push([note(ana, "before", "Before the crash")]);
    await until(benShared.doc, () => noteIds(benShared).includes("before"), () => "Ben sees the note before the crash");

    const first = server.collab.processHost!.pid()!;
    process.kill(first, "SIGKILL");
    await until(null, () => (server!.collab.processHost!.pid() ?? first) !== first, () => "a new Yjs process started", 10_000);
    await until(null, () => server!.collab.gateway.connectionCount() === 2 && anaShared.provider.wsconnected && benShared.provider.wsconnected, () => "both clients reconnected", 10_000);

    // What was relayed before the crash had been stored: the new process loads it from SQLite.
    expect(await serverNoteIds(setup.sharedDoc)).toEqual(["before"]);
    anaShared.doc.getArray("notes").push([note(ana, "after", "After the crash")]);
    await until(benShared.doc, () => noteIds(benShared).includes("after"), () => "Ben sees the note after the crash");
    expect((await serverNoteIds(setup.sharedDoc)).sort()).toEqual(["after", "before"]);
  }, 30_000);

  it("runs inline when asked, with the same behaviour", async () => {
    server = await startCollabServer({ env: { YJS_PROCESS: "inline" } });
    expect(server.collab.processHost).toBeNull();
    const setup = await setUpRound(server.url, { observers: ["Ana", "Ben"] });
    const [ana, ben] = setup.observers as [(typeof setup.observers)[0], (typeof setup.observers)[0]];
    const anaShared = open(setup.sharedDoc, ana.cookie);
    const benShared = open(setup.sharedDoc, ben.cookie);
    await Promise.all([synced(anaShared.provider), synced(benShared.provider)]);
    anaShared.doc.getArray("notes").push([note(ana, "a1", "Named the charge")]);
    await until(benShared.doc, () => noteIds(benShared).includes("a1"), () => "Ben sees Ana's note");
    expect(await serverNoteIds(setup.sharedDoc)).toEqual(["a1"]);
    expect(benShared.doc.getMap("meta").get("groupId")).toBe("g1");
  });

  it("stops start-up with the reason when the Yjs process cannot start", async () => {
    const logged: string[] = [];
    const starting = startYjsProcess({
      config: { databasePath: "", maxMessageBytes: 1024 },
      log: (line) => logged.push(line),
      seedFor: () => null,
      onDisconnect: () => {},
      onRestart: () => {},
    });
    await expect(starting).rejects.toThrow(/could not start: Bad Yjs process configuration/);
    // Not retried: a process that cannot start is not restarted in a loop.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(logged.filter((line) => line.includes("starting a new one"))).toEqual([]);
  });
});
