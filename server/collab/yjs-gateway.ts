import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { AccessChange, YjsHost } from "./yjs-host";
import { refuseUpgrade, type DocAccess, type UpgradeDecision } from "./yjs-server";

interface Registered<P> {
  docName: string;
  principal: P;
  access: DocAccess;
}

/**
 * The main process's half of the Yjs endpoint: it holds the workshops, so it
 * decides who may open what (before the upgrade, and again after every
 * change), and keeps a registry of the connections it let through. The
 * documents themselves live in the host; only decisions cross to it.
 */
export function createYjsGateway<P>(deps: {
  authorize: (request: IncomingMessage) => Promise<UpgradeDecision<P>>;
  /** Access now for a document's connections, person by person; null: close it. */
  accessOf: (docName: string) => (principal: P) => DocAccess | null;
  host: () => YjsHost;
  log: (line: string) => void;
}) {
  const connections = new Map<number, Registered<P>>();
  const byDoc = new Map<string, Set<number>>();
  let nextConnId = 1;

  function forget(connId: number) {
    const entry = connections.get(connId);
    if (!entry) return;
    connections.delete(connId);
    const ids = byDoc.get(entry.docName);
    ids?.delete(connId);
    if (ids?.size === 0) byDoc.delete(entry.docName);
  }

  return {
    async handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
      let decision: UpgradeDecision<P>;
      try {
        decision = await deps.authorize(request);
      } catch {
        decision = { ok: false, status: 400, message: "Could not check access to this document." };
      }
      if (!decision.ok) return refuseUpgrade(socket, decision.status, decision.message);
      if (socket.destroyed) return;
      const connId = nextConnId++;
      connections.set(connId, { docName: decision.docName, principal: decision.principal, access: decision.access });
      let ids = byDoc.get(decision.docName);
      if (!ids) byDoc.set(decision.docName, (ids = new Set()));
      ids.add(connId);
      try {
        deps.host().accept({ connId, docName: decision.docName, access: decision.access }, { method: request.method ?? "GET", url: request.url ?? "/", headers: request.headers }, socket, head);
      } catch (error) {
        forget(connId);
        refuseUpgrade(socket, 503, "The collaborative documents are restarting. Your sheet reconnects by itself in a moment.");
        deps.log(`Could not hand a Yjs connection to its host: ${error instanceof Error ? error.message : String(error)}`);
      }
    },

    /**
     * Re-decides access for every registered connection to documents whose
     * name starts with `prefix` (after a change to that workshop), and sends
     * the host only what changed: a connection that may no longer write
     * becomes read-only; one that may no longer read is closed.
     */
    revalidate(prefix: string) {
      const changes: AccessChange[] = [];
      for (const [docName, ids] of byDoc) {
        if (!docName.startsWith(prefix)) continue;
        const accessOf = deps.accessOf(docName);
        for (const connId of [...ids]) {
          const entry = connections.get(connId)!;
          const access = accessOf(entry.principal);
          if (access === entry.access) continue;
          changes.push([connId, access]);
          if (access === null) forget(connId);
          else entry.access = access;
        }
      }
      if (changes.length > 0) deps.host().setAccess(changes);
    },

    /** The host closed this connection. */
    disconnected: forget,

    /** The host restarted: every connection it held is gone. */
    hostRestarted() {
      connections.clear();
      byDoc.clear();
    },

    /** Registered connections, for tests. */
    connectionCount: () => connections.size,
  };
}

export type YjsGateway<P> = ReturnType<typeof createYjsGateway<P>>;
