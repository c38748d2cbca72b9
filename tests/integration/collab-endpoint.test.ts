import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { createYjsServer, type DocPersistence } from "../../server/collab/yjs-server";
import { synced, until } from "../support/collab";

/**
 * The Yjs endpoint on its own, with storage that can be inspected and made
 * to fail: periodic compaction while a document stays open, and what happens
 * when an update cannot be stored.
 */

class MemoryPersistence implements DocPersistence {
  snapshots = new Map<string, Uint8Array>();
  rows = new Map<string, Uint8Array[]>();
  compactions = 0;
  /** How many updates each append call stored together. */
  appendCalls: number[] = [];
  failAppends = false;
  load(docName: string) {
    const rows = this.rows.get(docName) ?? [];
    const snapshot = this.snapshots.get(docName);
    return { updates: snapshot ? [snapshot, ...rows] : [...rows], uncompacted: rows.length };
  }
  append(updates: readonly { docName: string; update: Uint8Array }[]) {
    if (this.failAppends) throw new Error("disk full");
    this.appendCalls.push(updates.length);
    for (const { docName, update } of updates) this.rows.set(docName, [...(this.rows.get(docName) ?? []), update]);
  }
  compact(docName: string, state: Uint8Array) {
    this.compactions++;
    this.snapshots.set(docName, state);
    this.rows.set(docName, []);
  }
  /** The document as storage would give it back after a restart. */
  stored(docName: string) {
    const doc = new Y.Doc();
    for (const update of this.load(docName).updates) Y.applyUpdate(doc, update);
    return doc;
  }
}

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function endpoint(persistence: DocPersistence, options: { compactAfterUpdates?: number } = {}) {
  const yjs = createYjsServer<string>({
    persistence,
    maxMessageBytes: 64 * 1024,
    unloadAfterMs: 20,
    compactAfterUpdates: options.compactAfterUpdates,
    log: () => {},
  });
  const http: Server = createServer();
  // Everyone may write here: these tests are about storage and relay (access is the gateway's, yjs-gateway.test.ts).
  http.on("upgrade", (request, socket, head) =>
    yjs.acceptUpgrade(request, socket, head, { ok: true, docName: (request.url ?? "").split("?")[0]!.replace(/^\/yjs\//, ""), access: "write", principal: "someone" }),
  );
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => http.close(() => resolve())));
  cleanups.push(() => yjs.close());
  const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/yjs`;
  const client = (docName: string) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(url, docName, doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true, maxBackoffTime: 100 });
    cleanups.push(() => {
      provider.destroy();
      doc.destroy();
    });
    return { doc, provider };
  };
  return { yjs, client };
}

describe("the Yjs endpoint's storage", () => {
  it("compacts a busy document while it stays open, losing nothing", async () => {
    const storage = new MemoryPersistence();
    const { yjs, client } = await endpoint(storage, { compactAfterUpdates: 5 });
    const a = client("busy");
    await synced(a.provider);
    // One at a time: edits that arrive in the same turn are stored together (see below).
    for (let i = 0; i < 12; i++) {
      a.doc.getArray("notes").push([i]);
      await until(null, () => storage.stored("busy").getArray("notes").length === i + 1, () => `${storage.stored("busy").getArray("notes").length} of ${i + 1} stored`);
    }
    expect(storage.compactions).toBe(2);
    expect(storage.rows.get("busy")).toHaveLength(2);
    expect(yjs.loadedDocNames()).toEqual(["busy"]);
    expect(storage.stored("busy").getArray("notes").toArray()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it("never relays an update it could not store, and takes it again when the client reconnects", async () => {
    const storage = new MemoryPersistence();
    const { yjs, client } = await endpoint(storage);
    const writer = client("fragile");
    const reader = client("fragile");
    await Promise.all([synced(writer.provider), synced(reader.provider)]);
    writer.doc.getArray("notes").push(["stored"]);
    await until(reader.doc, () => reader.doc.getArray("notes").length === 1, () => "first note relayed");

    storage.failAppends = true;
    const closed = new Promise<number>((resolve) => (writer.provider.ws as unknown as WebSocket).once("close", (code: number) => resolve(code)));
    writer.doc.getArray("notes").push(["not yet stored"]);
    expect(await closed).toBe(1011);
    // The document was dropped from memory, and the reader never received what was not stored.
    expect(reader.doc.getArray("notes").toArray()).toEqual(["stored"]);
    expect(storage.stored("fragile").getArray("notes").toArray()).toEqual(["stored"]);

    // Storage recovers; the writer's client resends on reconnect and everyone converges.
    storage.failAppends = false;
    await until(reader.doc, () => reader.doc.getArray("notes").length === 2, () => "the retried note reaches the reader");
    expect(storage.stored("fragile").getArray("notes").toArray()).toEqual(["stored", "not yet stored"]);
    expect(yjs.loadedDocNames()).toEqual(["fragile"]);
  });

  it("stores the updates of one turn of the event loop together, and relays them only once stored", async () => {
    const storage = new MemoryPersistence();
    const { yjs, client } = await endpoint(storage);
    const reader = client("batched");
    await synced(reader.provider);
    const before = storage.appendCalls.length;
    // Five changes in one turn (the server's own, as the debrief board makes them): one append.
    for (let i = 0; i < 5; i++) yjs.changeDoc("batched", (doc) => doc.getArray("notes").push([i]));
    expect(storage.appendCalls.length).toBe(before);
    await until(reader.doc, () => reader.doc.getArray("notes").length === 5, () => `${reader.doc.getArray("notes").length} of 5 relayed`);
    expect(storage.appendCalls.slice(before)).toEqual([5]);
    expect(storage.stored("batched").getArray("notes").toArray()).toEqual([0, 1, 2, 3, 4]);
  });

  it("stores what is waiting before answering a sync or reading a document, so nothing unstored leaves the server", async () => {
    const storage = new MemoryPersistence();
    const { yjs, client } = await endpoint(storage);
    yjs.changeDoc("read", (doc) => doc.getArray("notes").push(["first"]));
    // Read in the same turn: it is stored first.
    expect(yjs.readDoc("read", (doc) => doc.getArray("notes").toArray())).toEqual(["first"]);
    expect(storage.stored("read").getArray("notes").toArray()).toEqual(["first"]);

    storage.failAppends = true;
    yjs.changeDoc("read", (doc) => doc.getArray("notes").push(["never stored"]));
    // Storing failed: the document is dropped rather than read or sent with what is not on disk.
    expect(yjs.readDoc("read", (doc) => doc.getArray("notes").toArray())).toEqual(["first"]);
    storage.failAppends = false;
    const late = client("read");
    await synced(late.provider);
    expect(late.doc.getArray("notes").toArray()).toEqual(["first"]);
  });
});


/** What one provider's socket receives: how many document updates, and whose presence. */
function listen(provider: WebsocketProvider) {
  const heard = { updates: 0, awarenessIds: [] as number[] };
  (provider.ws as unknown as WebSocket).on("message", (data: ArrayBuffer | Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    if (type === 0 && decoding.readVarUint(decoder) === 2) heard.updates++;
    if (type === 1) {
      const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
      const count = decoding.readVarUint(update);
      for (let i = 0; i < count; i++) {
        heard.awarenessIds.push(decoding.readVarUint(update));
        decoding.readVarUint(update);
        decoding.readVarString(update);
      }
    }
  });
  return heard;
}

describe("the Yjs endpoint's relay", () => {
  it("sends an edit and a presence change to everyone else, never back to the connection they came from", async () => {
    const { client } = await endpoint(new MemoryPersistence());
    const writer = client("echo");
    const reader = client("echo");
    await Promise.all([synced(writer.provider), synced(reader.provider)]);
    const heard = listen(writer.provider);

    writer.doc.getArray("notes").push(["from the writer"]);
    writer.provider.awareness.setLocalStateField("user", { name: "Writer" });
    await until(
      reader.doc,
      () => reader.doc.getArray("notes").length === 1 && reader.provider.awareness.getStates().get(writer.doc.clientID)?.user !== undefined,
      () => "the writer's note and presence reach the reader",
    );
    // The reader answers. One socket delivers in order, so any echo of the writer's own
    // note or presence would have reached the writer before this.
    reader.doc.getArray("notes").push(["from the reader"]);
    await until(writer.doc, () => writer.doc.getArray("notes").length === 2, () => "the reader's note reaches the writer");

    expect(heard.updates).toBe(1);
    expect(heard.awarenessIds).not.toContain(writer.doc.clientID);
    expect(reader.doc.getArray("notes").toArray()).toEqual(["from the writer", "from the reader"]);
  });
});
