import type { Duplex } from "node:stream";
import type * as Y from "yjs";
import type { PublicBoard } from "../domain/board/public-board";
import type { ResultsWall } from "../services/board/results-wall";
import { writeBoardDoc } from "./board-doc";
import { writeSeed, type DocSeed } from "./doc-seeds";
import { createYjsServer, type DocAccess, type DocPersistence } from "./yjs-server";

/**
 * Where the Yjs documents live, behind a boundary that plain data crosses:
 * connections arrive already authorized (yjs-gateway.ts decides), access
 * changes arrive as decisions, and reads, board changes and seeds are
 * values, never functions. So the same host runs in the main process
 * (createLocalYjsHost) or in a process of its own (yjs-process.ts, started
 * by yjs-host-process.ts), where edits do not wait for the view fan-out or
 * the main process's garbage collection.
 */

/** One authorized WebSocket: the gateway's id for it, its document and what it may do. */
export interface HostedConnection {
  connId: number;
  docName: string;
  access: DocAccess;
}

/** What the WebSocket handshake reads from the HTTP request. */
export interface UpgradeRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A document's top-level types to read, by name. */
export type DocRoots = Record<string, "map" | "array">;

/** A change of access decided by the gateway: null closes the connection. */
export type AccessChange = readonly [connId: number, access: DocAccess | null];

export interface YjsHost {
  /** Upgrades the socket for an authorized connection. */
  accept(connection: HostedConnection, request: UpgradeRequest, socket: Duplex, head: Buffer): void;
  setAccess(changes: readonly AccessChange[]): void;
  /** The named top-level types of a document, as JSON; everything stored before it returns is in it. */
  readRoots(docName: string, roots: DocRoots): Promise<Record<string, unknown>>;
  /** Writes the board's public projection into its document. */
  publishBoard(docName: string, board: PublicBoard, wall: ResultsWall | null): void;
  /** Drops the documents under `prefix` without storing more, closing their connections with `reason`. */
  forget(prefix: string, reason: string): void;
  loadedDocNames(): Promise<string[]>;
  close(): Promise<void>;
}

export interface LocalYjsHostOptions {
  persistence: DocPersistence;
  maxMessageBytes: number;
  unloadAfterMs?: number;
  log: (line: string) => void;
  /** Asked when a document with nothing stored is loaded; the answer is written when it comes. */
  seedFor: (docName: string) => Promise<DocSeed | null> | DocSeed | null;
  /** Told when a connection has closed, so the gateway can forget it. */
  onDisconnect: (connId: number) => void;
}

export function createLocalYjsHost(options: LocalYjsHostOptions): YjsHost {
  // The gateway decides access; the host keeps the latest decision per connection.
  const accessByConn = new Map<number, DocAccess | null>();
  const docOfConn = new Map<number, string>();
  const yjs = createYjsServer<number>({
    maxMessageBytes: options.maxMessageBytes,
    unloadAfterMs: options.unloadAfterMs,
    persistence: options.persistence,
    accessOf: () => (connId) => accessByConn.get(connId) ?? null,
    onDisconnect: (connId) => {
      accessByConn.delete(connId);
      docOfConn.delete(connId);
      options.onDisconnect(connId);
    },
    seed: (docName) => void seedLater(docName),
    log: options.log,
  });

  async function seedLater(docName: string) {
    try {
      const seed = await options.seedFor(docName);
      if (seed) yjs.changeDoc(docName, (doc) => writeSeed(doc, seed));
    } catch (error) {
      options.log(`Could not seed ${docName}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return {
    accept(connection, request, socket, head) {
      accessByConn.set(connection.connId, connection.access);
      docOfConn.set(connection.connId, connection.docName);
      yjs.acceptUpgrade(request, socket, head, { ok: true, docName: connection.docName, access: connection.access, principal: connection.connId });
    },

    setAccess(changes) {
      const touched = new Set<string>();
      for (const [connId, access] of changes) {
        const docName = docOfConn.get(connId);
        if (docName === undefined) continue; // closed meanwhile
        accessByConn.set(connId, access);
        touched.add(docName);
      }
      // Applied through the endpoint's own re-check, which reads the map: writes stop, or the socket closes.
      yjs.revalidateDocs(touched);
    },

    async readRoots(docName, roots) {
      return yjs.readDoc(docName, (doc) => readRootsOf(doc, roots));
    },

    publishBoard(docName, board, wall) {
      try {
        yjs.changeDoc(docName, (doc) => writeBoardDoc(doc, board, wall));
      } catch (error) {
        // Stored already in the main process: the next change or a reconnect publishes it.
        options.log(`Could not publish ${docName}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },

    forget: (prefix, reason) => yjs.forget(prefix, reason),
    loadedDocNames: async () => yjs.loadedDocNames(),
    async close() {
      yjs.close();
    },
  };
}

function readRootsOf(doc: Y.Doc, roots: DocRoots): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(roots)) out[name] = type === "map" ? doc.getMap(name).toJSON() : doc.getArray(name).toJSON();
  return out;
}
