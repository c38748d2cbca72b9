import type { Socket } from "node:net";
import { createMetricsWindow } from "../bench-metrics";
import { openDatabase } from "../db/client";
import { createYjsRepository } from "../db/yjs-repository";
import type { DocSeed } from "./doc-seeds";
import { parseDocName } from "./doc-names";
import { createLocalYjsHost, type YjsHost } from "./yjs-host";
import { yjsProcessConfig, type FromYjsProcess, type ToYjsProcess } from "./yjs-process-messages";
import { createSqlitePersistence } from "./yjs-persistence";

/**
 * Entry of the Yjs process (started by yjs-host-process.ts): the documents,
 * their storage and their WebSockets, apart from the main process so that
 * an edit is never held up by a view fan-out or by the main heap's garbage
 * collection. It opens the same SQLite file (WAL lets both processes use
 * it); the main process has already migrated it. Everything it knows about
 * workshops arrives as messages.
 */

const send = (message: FromYjsProcess) => process.send?.(message);
const log = (line: string) => send({ type: "log", line });

if (typeof process.send !== "function") {
  console.error("yjs-process.ts is started by the Rolecall server (server/collab/yjs-host-process.ts), not on its own.");
  process.exit(1);
}

let host: YjsHost | null = null;
let closing = false;
// Bench only: made when the main process first asks for figures (ROLECALL_BENCH_METRICS).
let metrics: ReturnType<typeof createMetricsWindow> | null = null;

// Sockets received, waiting for the main process to close its copy (yjs-host-process.ts, handOver).
const RELEASE_TIMEOUT_MS = 10_000;
const received = new Map<number, { message: Extract<ToYjsProcess, { type: "accept" }>; socket: Socket }>();

// Seeds are asked of the main process, which holds the workshops.
const seedRequests = new Map<number, (seed: DocSeed | null) => void>();
let nextSeedId = 1;

function start(config: unknown) {
  const parsed = yjsProcessConfig.safeParse(config);
  if (!parsed.success) return send({ type: "failed", message: `Bad Yjs process configuration: ${parsed.error.message}` });
  try {
    const db = openDatabase(parsed.data.databasePath);
    // The main process's checkpointer thread checkpoints this file; commits here never do it inline.
    db.$client.pragma("wal_autocheckpoint = 10000");
    host = createLocalYjsHost({
      persistence: createSqlitePersistence({
        repo: createYjsRepository(db),
        now: Date.now,
        workshopOf: (docName) => parseDocName(docName)?.workshopId ?? null,
      }),
      maxMessageBytes: parsed.data.maxMessageBytes,
      unloadAfterMs: parsed.data.unloadAfterMs,
      log,
      seedFor: (docName) =>
        new Promise((resolve) => {
          const id = nextSeedId++;
          seedRequests.set(id, resolve);
          send({ type: "seedNeeded", id, docName });
        }),
      onDisconnect: (connId) => send({ type: "disconnected", connId }),
    });
    process.once("exit", () => db.$client.close());
    send({ type: "ready" });
  } catch (error) {
    send({ type: "failed", message: error instanceof Error ? error.message : String(error) });
  }
}

async function answer(id: number, work: () => Promise<unknown> | unknown) {
  try {
    send({ type: "answer", id, ok: true, value: await work() });
  } catch (error) {
    send({ type: "answer", id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
}

async function close() {
  if (closing) return;
  closing = true;
  try {
    await host?.close();
  } finally {
    send({ type: "closed" });
    process.disconnect?.();
  }
}

process.on("message", (message: ToYjsProcess, handle?: Socket) => {
  if (message.type === "init") return start(message.config);
  if (!host || closing) {
    handle?.destroy();
    return;
  }
  switch (message.type) {
    case "accept":
      if (!handle) return log(`A connection to ${message.connection.docName} arrived without its socket.`);
      received.set(message.connection.connId, { message, socket: handle });
      // "released" follows at once; one that never comes (the hand-over failed on the other side) must not hold the socket.
      setTimeout(() => {
        if (received.get(message.connection.connId)?.socket !== handle) return;
        received.delete(message.connection.connId);
        handle.destroy();
        send({ type: "disconnected", connId: message.connection.connId });
      }, RELEASE_TIMEOUT_MS).unref();
      return;
    case "released": {
      const waiting = received.get(message.connId);
      received.delete(message.connId);
      if (!waiting) return;
      return host.accept(waiting.message.connection, waiting.message.request, waiting.socket, Buffer.from(waiting.message.head));
    }
    case "access": {
      // A connection still waiting for "released" takes its new access with it; one closed meanwhile never opens.
      const open = message.changes.filter(([connId, access]) => {
        const waiting = received.get(connId);
        if (!waiting) return true;
        if (access === null) {
          received.delete(connId);
          waiting.socket.destroy();
          send({ type: "disconnected", connId });
        } else {
          waiting.message.connection.access = access;
        }
        return false;
      });
      return host.setAccess(open);
    }
    case "read":
      return void answer(message.id, () => host!.readRoots(message.docName, message.roots));
    case "board":
      return host.publishBoard(message.docName, message.board, message.wall);
    case "forget":
      return host.forget(message.prefix, message.reason);
    case "loaded":
      return void answer(message.id, () => host!.loadedDocNames());
    case "seed": {
      const resolve = seedRequests.get(message.id);
      seedRequests.delete(message.id);
      return resolve?.(message.seed);
    }
    case "metrics":
      metrics ??= createMetricsWindow();
      if (message.reset) return metrics.reset();
      return void answer(message.id, async () => {
        const loadedYjsDocs = (await host!.loadedDocNames()).length;
        return metrics!.sample(message.id, message.gc === true, { loadedYjsDocs });
      });
    case "close":
      return void close();
  }
});

// The main process going away (a crash, kill -9) must not leave this one holding sockets.
process.on("disconnect", () => {
  void close().finally(() => process.exit(0));
});
