import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import { WebSocketServer, type WebSocket } from "ws";
import * as Y from "yjs";

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;

/** Close codes sent to a client (4000–4999 are the application's own). */
export const CLOSE_MALFORMED = 1003;
export const CLOSE_ACCESS_ENDED = 4403;
export const CLOSE_SERVER_ERROR = 1011;

export type DocAccess = "write" | "read";

export type UpgradeDecision<P> =
  | { ok: true; docName: string; access: DocAccess; principal: P }
  | { ok: false; status: 400 | 401 | 403 | 404 | 413; message: string };

/** Where documents live between connections (see yjs-persistence.ts). */
export interface DocPersistence {
  /** Everything stored for a document, oldest first, and how many update rows sit after its snapshot. */
  load(docName: string): { updates: Uint8Array[]; uncompacted: number };
  /** Stores all or none of the updates, in order. Must be durable when it returns: they are relayed right after. */
  append(updates: readonly { docName: string; update: Uint8Array }[]): void;
  /** Replaces everything stored for the document by its whole state. */
  compact(docName: string, state: Uint8Array): void;
}

interface Connection<P> {
  access: DocAccess;
  principal: P;
  /** Awareness client ids this connection speaks for; nobody else may update them. */
  awarenessIds: Set<number>;
}

interface SharedDoc<P> {
  name: string;
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  connections: Map<WebSocket, Connection<P>>;
  unloadTimer: NodeJS.Timeout | null;
  /** Updates appended since the document was loaded or last compacted. */
  pendingRows: number;
  /** Set when storing failed: memory may be ahead of disk, so it is dropped, not compacted. */
  broken: boolean;
}

/** An upgrade already decided on (yjs-gateway.ts decides in the main process; the host accepts). */
export type AcceptedUpgrade<P> = Extract<UpgradeDecision<P>, { ok: true }>;

export interface YjsServerOptions<P> {
  /** Told when a connection has closed, for whoever keeps a registry of them. */
  onDisconnect?: (principal: P) => void;
  /**
   * Re-decides access for the open connections to a document (after the
   * workshop changed): called once per document, then per connection with its
   * principal; null: close it.
   */
  accessOf?: (docName: string) => (principal: P) => DocAccess | null;
  persistence?: DocPersistence;
  /** Writes initial content; called only for a document with nothing stored. */
  seed?: (docName: string, doc: Y.Doc) => void;
  /** Larger WebSocket messages close the connection (ws answers 1009). */
  maxMessageBytes: number;
  /** How long a document with nobody connected stays in memory. */
  unloadAfterMs?: number;
  /** Compact a busy document after this many stored updates, without unloading it. */
  compactAfterUpdates?: number;
  /** How often silent connections are pinged (and ended if the last ping went unanswered). */
  heartbeatMs?: number;
  log?: (line: string) => void;
}

const LOADING = Symbol("loading");
const SEEDING = Symbol("seeding");
const SERVER = Symbol("server");

/**
 * A Yjs sync endpoint on y-protocols, written here rather than taken from
 * @y/websocket-server so the server decides, per connection, whether
 * updates are applied (write) or dropped unread (read), and so every update
 * is stored before anyone else receives it. The shape follows hocuspocus's
 * hooks: accept (authorized by the gateway), load (persistence + seed),
 * store, unload.
 */
export function createYjsServer<P>(options: YjsServerOptions<P>) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
  const docs = new Map<string, SharedDoc<P>>();
  const log = options.log ?? (() => {});
  const unloadAfterMs = options.unloadAfterMs ?? 2_000;
  const compactAfterUpdates = options.compactAfterUpdates ?? 500;

  // A dropped network does not always close a socket: ping, and end those that stay silent,
  // so presence clears and idle documents can unload.
  const alive = new WeakMap<WebSocket, boolean>();
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref?.();

  function loadInto(doc: Y.Doc, name: string): { stored: number; uncompacted: number } {
    const stored = options.persistence?.load(name) ?? { updates: [], uncompacted: 0 };
    if (stored.updates.length > 0) {
      doc.transact(() => {
        for (const update of stored.updates) Y.applyUpdate(doc, update, LOADING);
      }, LOADING);
    }
    return { stored: stored.updates.length, uncompacted: stored.uncompacted };
  }

  function getDoc(name: string): SharedDoc<P> {
    const existing = docs.get(name);
    if (existing) return existing;
    // Named by its own name: a Y.Doc otherwise draws a random uuid for a guid nothing here reads,
    // ~0.19 ms of webcrypto calls per document (0.01 ms named); a round's end loads 800 sheets.
    const doc = new Y.Doc({ gc: true, guid: name });
    const loaded = loadInto(doc, name);
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(null);
    const shared: SharedDoc<P> = { name, doc, awareness, connections: new Map(), unloadTimer: null, pendingRows: loaded.uncompacted, broken: false };

    doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === LOADING || shared.broken) return;
      const from = authorOf(shared, origin);
      if (!options.persistence) return relay(shared, update, from);
      unstored.push({ shared, update, from });
      storing ??= setImmediate(storeAndRelay);
    });
    awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = added.concat(updated, removed);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, changed));
      broadcast(shared, encoding.toUint8Array(encoder), authorOf(shared, origin));
    });
    docs.set(name, shared);

    // Seeded only into a document with nothing in it, and stored like any other update.
    if (options.seed && loaded.stored === 0 && doc.store.clients.size === 0) {
      doc.transact(() => options.seed!(name, doc), SEEDING);
    }
    return shared;
  }

  /*
   * Stored first, relayed second: nothing leaves the server (relayed, sent in
   * answer to a sync, read for scores, folded into a snapshot) before it is on
   * disk, so a crash loses nothing anyone has seen. The updates applied in one
   * turn of the event loop are stored together, in one transaction, just after
   * it (setImmediate): when edits queue up behind a collection or a fan-out,
   * one commit serves them all instead of each paying its own, so the backlog
   * clears sooner. The relay waits at most for the rest of that turn.
   */
  const unstored: { shared: SharedDoc<P>; update: Uint8Array; from: WebSocket | null }[] = [];
  let storing: NodeJS.Immediate | null = null;

  function storeAndRelay() {
    if (storing) clearImmediate(storing);
    storing = null;
    // Called before every sync answer and read: usually nothing is waiting.
    if (unstored.length === 0) return;
    // A document dropped in the meantime (workshop deleted, storage failed) stores nothing more.
    const batch = unstored.splice(0).filter(({ shared }) => !shared.broken);
    if (batch.length === 0 || !options.persistence) return;
    const touched = new Set(batch.map(({ shared }) => shared));
    try {
      options.persistence.append(batch.map(({ shared, update }) => ({ docName: shared.name, update })));
    } catch (error) {
      for (const shared of touched) fail(shared, error);
      return;
    }
    for (const { shared, update, from } of batch) {
      shared.pendingRows++;
      relay(shared, update, from);
    }
    for (const shared of touched) if (shared.pendingRows >= compactAfterUpdates) compact(shared);
  }

  function relay(shared: SharedDoc<P>, update: Uint8Array, from: WebSocket | null) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    broadcast(shared, encoding.toUint8Array(encoder), from);
  }

  /**
   * The connection an update or awareness change came from, if it came from
   * one: it is not sent back there. Its author already holds it (applying it
   * again changes nothing), and leaving out that echo spares a socket write
   * per edit: a third of the relay's writes when three people hold a sheet.
   */
  function authorOf(shared: SharedDoc<P>, origin: unknown): WebSocket | null {
    return shared.connections.has(origin as WebSocket) ? (origin as WebSocket) : null;
  }

  function fail(shared: SharedDoc<P>, error: unknown) {
    shared.broken = true;
    log(`Could not store an update to ${shared.name}; closing it so clients resend on reconnect: ${error instanceof Error ? error.message : String(error)}`);
    setImmediate(() => {
      for (const ws of shared.connections.keys()) ws.close(CLOSE_SERVER_ERROR, "Could not save");
      unload(shared);
    });
  }

  function compact(shared: SharedDoc<P>) {
    if (!options.persistence || shared.broken || shared.pendingRows === 0) return;
    try {
      options.persistence.compact(shared.name, Y.encodeStateAsUpdate(shared.doc));
      shared.pendingRows = 0;
    } catch (error) {
      // The update rows are still there; compaction is only an optimisation.
      log(`Could not compact ${shared.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  function unload(shared: SharedDoc<P>) {
    storeAndRelay();
    if (shared.unloadTimer) clearTimeout(shared.unloadTimer);
    shared.unloadTimer = null;
    if (docs.get(shared.name) !== shared) return;
    compact(shared);
    docs.delete(shared.name);
    shared.awareness.destroy();
    shared.doc.destroy();
  }

  function scheduleUnload(shared: SharedDoc<P>) {
    if (shared.unloadTimer) clearTimeout(shared.unloadTimer);
    shared.unloadTimer = setTimeout(() => {
      shared.unloadTimer = null;
      if (shared.connections.size === 0) unload(shared);
    }, unloadAfterMs);
    shared.unloadTimer.unref?.();
  }

  function broadcast(shared: SharedDoc<P>, message: Uint8Array, except: WebSocket | null = null) {
    for (const ws of shared.connections.keys()) if (ws !== except) send(ws, message);
  }

  function send(ws: WebSocket, message: Uint8Array) {
    if (ws.readyState === ws.OPEN) ws.send(message, (err) => err && ws.terminate());
  }

  function onConnection(ws: WebSocket, docName: string, access: DocAccess, principal: P) {
    let shared: SharedDoc<P>;
    try {
      shared = getDoc(docName);
    } catch (error) {
      log(`Could not load ${docName}: ${error instanceof Error ? error.message : String(error)}`);
      ws.close(CLOSE_SERVER_ERROR, "Could not load the document");
      options.onDisconnect?.(principal);
      return;
    }
    if (shared.unloadTimer) clearTimeout(shared.unloadTimer);
    shared.unloadTimer = null;
    const connection: Connection<P> = { access, principal, awarenessIds: new Set() };
    shared.connections.set(ws, connection);
    ws.binaryType = "arraybuffer";
    alive.set(ws, true);
    ws.on("pong", () => alive.set(ws, true));

    ws.on("message", (data: ArrayBuffer) => {
      if (shared.broken) return;
      try {
        handleMessage(ws, shared, connection, new Uint8Array(data));
      } catch {
        // A malformed message closes only this connection; the document is untouched.
        ws.close(CLOSE_MALFORMED, "Malformed Yjs message");
      }
    });
    // ws reports protocol violations (an oversized frame: 1009) as errors and closes the socket itself;
    // without a listener the error would take the whole process down.
    ws.on("error", () => ws.terminate());
    ws.on("close", () => {
      shared.connections.delete(ws);
      options.onDisconnect?.(principal);
      if (connection.awarenessIds.size > 0) awarenessProtocol.removeAwarenessStates(shared.awareness, [...connection.awarenessIds], null);
      if (shared.connections.size === 0 && docs.get(docName) === shared) scheduleUnload(shared);
    });

    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, shared.doc);
    send(ws, encoding.toUint8Array(encoder));
    sendAwareness(ws, shared);
  }

  function revalidateDoc(shared: SharedDoc<P>) {
    if (!options.accessOf || shared.connections.size === 0) return;
    const accessOf = options.accessOf(shared.name);
    for (const [ws, connection] of shared.connections) {
      const access = accessOf(connection.principal);
      if (access === null) {
        connection.access = "read";
        ws.close(CLOSE_ACCESS_ENDED, "Access to this document has ended");
      } else {
        connection.access = access;
      }
    }
  }

  function sendAwareness(ws: WebSocket, shared: SharedDoc<P>) {
    const states = shared.awareness.getStates();
    if (states.size === 0) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(shared.awareness, [...states.keys()]));
    send(ws, encoding.toUint8Array(encoder));
  }

  function handleMessage(ws: WebSocket, shared: SharedDoc<P>, connection: Connection<P>, message: Uint8Array) {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const syncType = decoding.readVarUint(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          storeAndRelay();
          if (shared.broken) return;
          const stateVector = decoding.readVarUint8Array(decoder);
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, MESSAGE_SYNC);
          encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
          encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(shared.doc, stateVector));
          send(ws, encoding.toUint8Array(encoder));
          return;
        }
        if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) throw new Error("unknown sync message");
        const update = decoding.readVarUint8Array(decoder);
        // Read-only: dropped unread, so it reaches neither the document, the disk nor anyone else.
        if (connection.access !== "write") return;
        // Parse it completely before it touches the document: a malformed update throws here.
        Y.decodeUpdate(update);
        Y.applyUpdate(shared.doc, update, ws);
        return;
      }
      case MESSAGE_AWARENESS: {
        const update = decoding.readVarUint8Array(decoder);
        if (connection.access !== "write") return;
        const ids = awarenessClientIds(update);
        // A connection speaks only for its own awareness ids, never for someone else's;
        // the same person reconnecting (the old socket not yet timed out) takes theirs over.
        for (const [other, entry] of shared.connections) {
          if (other === ws || !ids.some((id) => entry.awarenessIds.has(id))) continue;
          if (!samePrincipal(entry.principal, connection.principal)) return;
          for (const id of ids) entry.awarenessIds.delete(id);
        }
        for (const id of ids) connection.awarenessIds.add(id);
        awarenessProtocol.applyAwarenessUpdate(shared.awareness, update, ws);
        return;
      }
      case MESSAGE_QUERY_AWARENESS:
        sendAwareness(ws, shared);
        return;
      default:
        throw new Error("unknown message type");
    }
  }

  return {
    /**
     * Upgrades a request the gateway (yjs-gateway.ts) has authorized.
     * `request` needs only what the WebSocket handshake reads: method, url, headers.
     */
    acceptUpgrade(request: Pick<IncomingMessage, "method" | "url" | "headers">, socket: Duplex, head: Buffer, decision: AcceptedUpgrade<P>) {
      // A handshake ws refuses (or a socket gone before it completed) never becomes a connection: say so once.
      if (socket.destroyed) return options.onDisconnect?.(decision.principal);
      let upgraded = false;
      socket.once("close", () => upgraded || options.onDisconnect?.(decision.principal));
      wss.handleUpgrade(request as IncomingMessage, socket, head, (ws) => {
        upgraded = true;
        onConnection(ws, decision.docName, decision.access, decision.principal);
      });
    },

    /**
     * Re-decides access for every open connection to the named documents
     * (accessOf): a connection that may no longer write becomes read-only at
     * once; one that may no longer read is closed.
     */
    revalidateDocs(names: Iterable<string>) {
      for (const name of names) {
        const shared = docs.get(name);
        if (shared) revalidateDoc(shared);
      }
    },

    /**
     * Runs `read` on the document's current content: the loaded one if
     * someone is connected, otherwise a temporary copy from storage. `read`
     * must not change the document.
     */
    readDoc<T>(docName: string, read: (doc: Y.Doc) => T): T {
      storeAndRelay();
      const loaded = docs.get(docName);
      if (loaded && !loaded.broken) return read(loaded.doc);
      const doc = new Y.Doc({ guid: docName });
      try {
        loadInto(doc, docName);
        return read(doc);
      } finally {
        doc.destroy();
      }
    },

    loadedDocNames: () => [...docs.keys()],

    /**
     * Changes a document from the server side (for documents the server
     * alone writes, like the debrief board). Stored and relayed like any
     * client's update; unloaded again later if nobody has it open.
     */
    changeDoc(docName: string, change: (doc: Y.Doc) => void): void {
      const shared = getDoc(docName);
      if (shared.broken) throw new Error(`${docName} could not be stored; try again in a moment.`);
      shared.doc.transact(() => change(shared.doc), SERVER);
      if (shared.connections.size === 0) scheduleUnload(shared);
    },

    /**
     * Drops every document whose name starts with `prefix` without storing
     * anything more (its rows are gone: the workshop was deleted), and ends
     * its connections with `reason`.
     */
    forget(prefix: string, reason: string) {
      for (const shared of [...docs.values()]) {
        if (!shared.name.startsWith(prefix)) continue;
        // Broken: later messages are ignored and unload skips compaction.
        shared.broken = true;
        for (const ws of shared.connections.keys()) ws.close(CLOSE_ACCESS_ENDED, reason);
        unload(shared);
      }
    },

    /** Compacts and unloads every document, closing its connections. */
    close() {
      clearInterval(heartbeat);
      for (const client of wss.clients) client.terminate();
      for (const shared of [...docs.values()]) unload(shared);
      wss.close();
    },
  };
}

/** The client ids an awareness update speaks for (its format: count, then id, clock, state per entry). */
function awarenessClientIds(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(decoding.readVarUint(decoder));
    decoding.readVarUint(decoder);
    decoding.readVarString(decoder);
  }
  return ids;
}

function samePrincipal(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Answers an upgrade request with a plain HTTP error and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${statusText(status)}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(message)}\r\nConnection: close\r\n\r\n${message}`,
  );
}

function statusText(status: number): string {
  return { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 413: "Payload Too Large", 503: "Service Unavailable" }[status] ?? "Error";
}

export type YjsServer<P = unknown> = ReturnType<typeof createYjsServer<P>>;
