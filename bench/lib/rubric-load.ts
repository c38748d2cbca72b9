import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { now, sleep } from "./clock";

/**
 * The rubric part of the load, identical against Rolecall and the bare Yjs
 * server: observers each hold a replica of their group's shared sheet and
 * push a note at a steady rate; every other replica of that sheet records
 * when it arrives. Send and receive times are read in this one process.
 */

export interface Replica {
  docName: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
}

function webSocketClass(cookie: string | null) {
  return class BenchWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: cookie ? { cookie } : {}, perMessageDeflate: false });
    }
  } as unknown as typeof globalThis.WebSocket;
}

export function openReplica(baseUrl: string, docName: string, cookie: string | null, as: "participant" | "facilitator" = "participant"): Replica {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, "ws")}/yjs`, docName, doc, {
    WebSocketPolyfill: webSocketClass(cookie),
    params: { as },
    // In one process, providers would otherwise sync through BroadcastChannel and bypass the server.
    disableBc: true,
    maxBackoffTime: 1_000,
  });
  return { docName, doc, provider };
}

export function whenSynced(replica: Replica, timeoutMs = 60_000): Promise<void> {
  if (replica.provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${replica.docName} did not sync in ${timeoutMs} ms`)), timeoutMs);
    const onSync = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      replica.provider.off("sync", onSync);
      resolve();
    };
    replica.provider.on("sync", onSync);
  });
}

export function closeReplica(replica: Replica) {
  replica.provider.destroy();
  replica.doc.destroy();
}

interface Note {
  id: string;
  authorId: string;
}

export function createRubricLoad(options: { editIntervalMs: number }) {
  const replicas: (Replica & { authorId: string; authorName: string })[] = [];
  const byDoc = new Map<string, Replica[]>();
  const sentAt = new Map<string, number>();
  const expected = new Map<string, number>();
  const delivered = new Map<string, number>();
  const latencies: number[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let running = false;
  let edits = 0;

  function add(replica: Replica, author: { id: string; name: string }) {
    replicas.push({ ...replica, authorId: author.id, authorName: author.name });
    let list = byDoc.get(replica.docName);
    if (!list) byDoc.set(replica.docName, (list = []));
    list.push(replica);
    replica.doc.getArray<Note>("notes").observe((event, transaction) => {
      if (transaction.local) return;
      const at = now();
      for (const change of event.changes.delta) {
        if (!change.insert) continue;
        for (const item of change.insert as Note[]) {
          const sent = sentAt.get(item.id);
          if (sent === undefined) continue;
          latencies.push(at - sent);
          delivered.set(item.id, (delivered.get(item.id) ?? 0) + 1);
        }
      }
    });
  }

  function edit(replica: (typeof replicas)[number], seq: number) {
    const id = `${replica.authorId}-${seq}`;
    const others = (byDoc.get(replica.docName) ?? []).filter((r) => r.doc !== replica.doc && r.provider.wsconnected).length;
    expected.set(id, others);
    sentAt.set(id, now());
    edits++;
    // Shaped like a real note from the scoring screen.
    replica.doc.getArray("notes").push([
      { id, authorId: replica.authorId, authorName: replica.authorName, kind: "strength", criterionId: null, offsetMs: seq * options.editIntervalMs, text: `Named the patient's worry before the policy (${seq})`, insteadOf: null, at: Date.now() },
    ]);
  }

  return {
    add,
    replicas: () => replicas,
    docNames: () => [...byDoc.keys()],
    /** Every replica edits every editIntervalMs, starting at a random offset so the load is steady. */
    start() {
      running = true;
      for (const replica of replicas) {
        let seq = 0;
        const tick = () => {
          if (!running) return;
          edit(replica, ++seq);
          const timer = setTimeout(tick, options.editIntervalMs);
          timers.add(timer);
        };
        const first = setTimeout(tick, Math.random() * options.editIntervalMs);
        timers.add(first);
      }
    },
    stop() {
      running = false;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
    /** Waits until every edit has reached every replica that was connected when it was made (or the time is up). */
    async settle(timeoutMs: number) {
      const deadline = now() + timeoutMs;
      while (now() < deadline) {
        let missing = 0;
        for (const [id, n] of expected) missing += Math.max(0, n - (delivered.get(id) ?? 0));
        if (missing === 0) return;
        await sleep(100);
      }
    },
    counts() {
      let lost = 0;
      let duplicated = 0;
      for (const [id, n] of expected) {
        const got = delivered.get(id) ?? 0;
        if (got < n) lost += n - got;
        if (got > n) duplicated += got - n;
      }
      return { edits, expectedDeliveries: [...expected.values()].reduce((a, b) => a + b, 0), lost, duplicated };
    },
    latencies: () => latencies,
    /**
     * Compares every replica with the server's copy, read through a fresh
     * provider per document: same state vector and same content, or it counts
     * as divergent.
     */
    async verify(openFresh: (docName: string) => Replica) {
      let divergent = 0;
      let compared = 0;
      const docs = [...byDoc.entries()];
      const batch = 50;
      for (let i = 0; i < docs.length; i += batch) {
        await Promise.all(
          docs.slice(i, i + batch).map(async ([docName, list]) => {
            const fresh = openFresh(docName);
            try {
              await whenSynced(fresh);
              const truth = fingerprint(fresh.doc);
              for (const replica of list) {
                compared++;
                if (fingerprint(replica.doc) !== truth) divergent++;
              }
            } finally {
              closeReplica(fresh);
            }
          }),
        );
      }
      return { documents: docs.length, replicasCompared: compared, divergent };
    },
  };
}

function fingerprint(doc: Y.Doc): string {
  return `${Buffer.from(Y.encodeStateVector(doc)).toString("base64")}|${JSON.stringify(doc.getArray("notes").toJSON())}|${JSON.stringify(doc.getMap("agreed").toJSON())}`;
}

export type RubricLoad = ReturnType<typeof createRubricLoad>;
