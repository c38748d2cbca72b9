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

export type DocAccess = "write" | "read";

export type UpgradeDecision =
  | { ok: true; docName: string; access: DocAccess }
  | { ok: false; status: 400 | 401 | 403 | 404 | 413; message: string };

interface SharedDoc {
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  connections: Map<WebSocket, { access: DocAccess; awarenessIds: Set<number> }>;
}

/**
 * A Yjs sync endpoint on y-protocols, written here rather than taken from
 * @y/websocket-server so the server decides, per connection, whether
 * updates are applied (write) or dropped unread (read).
 */
export function createYjsServer(options: {
  authorize: (request: IncomingMessage) => Promise<UpgradeDecision>;
  maxMessageBytes: number;
}) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
  const docs = new Map<string, SharedDoc>();

  function getDoc(name: string): SharedDoc {
    let shared = docs.get(name);
    if (shared) return shared;
    const doc = new Y.Doc({ gc: true });
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(null);
    shared = { doc, awareness, connections: new Map() };
    const current = shared;
    doc.on("update", (update: Uint8Array) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      broadcast(current, encoding.toUint8Array(encoder));
    });
    awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = added.concat(updated, removed);
      const owner = origin ? current.connections.get(origin as WebSocket) : undefined;
      if (owner) {
        for (const id of added) owner.awarenessIds.add(id);
        for (const id of removed) owner.awarenessIds.delete(id);
      }
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, changed));
      broadcast(current, encoding.toUint8Array(encoder));
    });
    docs.set(name, shared);
    return shared;
  }

  function broadcast(shared: SharedDoc, message: Uint8Array) {
    for (const ws of shared.connections.keys()) send(ws, message);
  }

  function send(ws: WebSocket, message: Uint8Array) {
    if (ws.readyState === ws.OPEN) ws.send(message, (err) => err && ws.terminate());
  }

  function onConnection(ws: WebSocket, docName: string, access: DocAccess) {
    const shared = getDoc(docName);
    shared.connections.set(ws, { access, awarenessIds: new Set() });
    ws.binaryType = "arraybuffer";

    ws.on("message", (data: ArrayBuffer) => {
      try {
        handleMessage(ws, shared, new Uint8Array(data), access);
      } catch {
        // A malformed message closes only this connection; the doc is untouched.
        ws.close(1003, "Malformed Yjs message");
      }
    });
    ws.on("close", () => {
      const entry = shared.connections.get(ws);
      shared.connections.delete(ws);
      if (entry) awarenessProtocol.removeAwarenessStates(shared.awareness, [...entry.awarenessIds], null);
      if (shared.connections.size === 0) {
        docs.delete(docName);
        shared.awareness.destroy();
        shared.doc.destroy();
      }
    });

    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, shared.doc);
    send(ws, encoding.toUint8Array(encoder));
    const states = shared.awareness.getStates();
    if (states.size > 0) {
      const aw = encoding.createEncoder();
      encoding.writeVarUint(aw, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(aw, awarenessProtocol.encodeAwarenessUpdate(shared.awareness, [...states.keys()]));
      send(ws, encoding.toUint8Array(aw));
    }
  }

  function handleMessage(ws: WebSocket, shared: SharedDoc, message: Uint8Array, access: DocAccess) {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const syncType = decoding.peekVarUint(decoder);
      // Read-only: answer the client's state vector, drop anything that writes.
      if (access === "read" && syncType !== syncProtocol.messageYjsSyncStep1) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.readSyncMessage(decoder, encoder, shared.doc, ws);
      if (encoding.length(encoder) > 1) send(ws, encoding.toUint8Array(encoder));
    } else if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(shared.awareness, decoding.readVarUint8Array(decoder), ws);
    }
  }

  return {
    /** Authorizes first; only an allowed request is upgraded. */
    async handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
      let decision: UpgradeDecision;
      try {
        decision = await options.authorize(request);
      } catch {
        decision = { ok: false, status: 400, message: "Could not check access to this document." };
      }
      if (!decision.ok) {
        const body = decision.message;
        socket.end(
          `HTTP/1.1 ${decision.status} ${statusText(decision.status)}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, decision.docName, decision.access));
    },
    loadedDocNames: () => [...docs.keys()],
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

function statusText(status: number): string {
  return { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 413: "Payload Too Large" }[status] ?? "Error";
}

export type YjsServer = ReturnType<typeof createYjsServer>;
