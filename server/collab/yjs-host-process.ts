import { fork, type ChildProcess } from "node:child_process";
import type { Socket } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchSample } from "../bench-metrics";
import type { DocSeed } from "./doc-seeds";
import type { YjsHost } from "./yjs-host";
import type { FromYjsProcess, ToYjsProcess, YjsProcessConfig } from "./yjs-process-messages";

const here = path.dirname(fileURLToPath(import.meta.url));
/** Built: build/yjs-process.js beside build/server.js. From source (tests): the TypeScript, through tsx. */
const entry = path.basename(here) === "build" ? path.join(here, "yjs-process.js") : path.join(here, "yjs-process.ts");

/** How long a read may take before its caller is told (a stuck process must not leave a submit unanswered). */
const ANSWER_TIMEOUT_MS = 10_000;
const CLOSE_TIMEOUT_MS = 5_000;

export interface ProcessYjsHost extends YjsHost {
  /** The Yjs process's own bench figures. */
  sample(message: { id: number; reset?: boolean; gc?: boolean }): Promise<BenchSample | null>;
  /** The running process's pid, for tests that kill it. */
  pid(): number | undefined;
}

/**
 * Runs the Yjs host in a process of its own and speaks to it over IPC: the
 * main process keeps the workshops, authorizes every upgrade and passes the
 * socket itself across (as the cluster module passes connections), so
 * WebSocket frames never touch the main process again.
 *
 * If the Yjs process dies, its clients' sockets close with it; y-websocket
 * reconnects them to a fresh process, which loads every document from SQLite
 * (everything relayed had been stored first). Until it is back, upgrades are
 * refused with 503 and reads fail with a message saying to try again.
 */
export async function startYjsProcess(options: {
  config: YjsProcessConfig;
  log: (line: string) => void;
  seedFor: (docName: string) => DocSeed | null;
  onDisconnect: (connId: number) => void;
  /** The process was replaced: every connection it held is gone. */
  onRestart: () => void;
}): Promise<ProcessYjsHost> {
  const { log } = options;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  let nextId = 1;
  let child: ChildProcess | null = null;
  let closing = false;
  let restarts = 0;

  function spawn(): Promise<void> {
    // Flags worth keeping for the bench (--expose-gc, --cpu-prof…); tsx only when running from source.
    const execArgv = [...process.execArgv.filter((a) => a === "--expose-gc" || a.startsWith("--cpu-prof") || a.startsWith("--max-old-space-size")), ...(entry.endsWith(".ts") ? ["--import", "tsx"] : [])];
    const proc = fork(entry, [], { execArgv, serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child = proc;
    const started = Date.now();
    const ready = new Promise<void>((resolve, reject) => {
      proc.on("message", (message: FromYjsProcess) => {
        if (message.type === "ready") resolve();
        else if (message.type === "failed") {
          reject(new Error(`The Yjs process could not start: ${message.message}`));
          proc.kill();
        }
        else onMessage(message);
      });
      proc.once("exit", (code, signal) => {
        reject(new Error(`The Yjs process exited before it was ready (${signal ?? code}).`));
        onExit(proc, code, signal, Date.now() - started);
      });
      proc.on("error", (error) => {
        reject(error);
        log(`The Yjs process's channel failed: ${error.message}`);
      });
    });
    send({ type: "init", config: options.config });
    return ready;
  }

  function onMessage(message: FromYjsProcess) {
    switch (message.type) {
      case "disconnected":
        return options.onDisconnect(message.connId);
      case "seedNeeded": {
        let seed: DocSeed | null = null;
        try {
          seed = options.seedFor(message.docName);
        } catch (error) {
          log(`Could not work out the seed of ${message.docName}: ${error instanceof Error ? error.message : String(error)}`);
        }
        return send({ type: "seed", id: message.id, seed });
      }
      case "answer": {
        const waiting = pending.get(message.id);
        if (!waiting) return;
        pending.delete(message.id);
        clearTimeout(waiting.timer);
        return message.ok ? waiting.resolve(message.value) : waiting.reject(new Error(message.message));
      }
      case "log":
        return log(message.line);
    }
  }

  function onExit(proc: ChildProcess, code: number | null, signal: NodeJS.Signals | null, upMs: number) {
    if (child !== proc) return;
    child = null;
    for (const [id, waiting] of pending) {
      clearTimeout(waiting.timer);
      waiting.reject(new Error("The collaborative documents restarted; try again in a moment."));
      pending.delete(id);
    }
    options.onRestart();
    if (closing) return;
    // A process that keeps dying at once is retried ever more slowly, up to every 5 s.
    restarts = upMs > 30_000 ? 1 : restarts + 1;
    const delay = Math.min(5_000, 100 * 2 ** (restarts - 1));
    log(`The Yjs process stopped (${signal ?? `exit code ${code}`}); starting a new one in ${delay} ms. Clients reconnect by themselves.`);
    setTimeout(() => {
      if (closing) return;
      spawn().catch((error) => log(error instanceof Error ? error.message : String(error)));
    }, delay).unref();
  }

  function send(message: ToYjsProcess, handle?: Socket): boolean {
    if (!child?.connected) return false;
    child.send(message, handle as Socket);
    return true;
  }

  /*
   * Passing a socket that an http.Server accepted, two Node details matter.
   * Node would treat the Yjs process as one of the server's cluster workers,
   * and closing the server would then wait on that process to report the
   * socket closed (for ever, if it has died): so the socket is unlinked from
   * the server first. And until this process closes its copy of the socket,
   * its event loop may read from it, and what it read would be lost: so the
   * socket is kept open while it is sent, closed here once the Yjs process
   * has its own copy (the send's callback), and only then is the Yjs process
   * told to answer the handshake ("released"). The client sends nothing
   * before that answer, so no byte can reach this process.
   */
  function handOver(proc: ChildProcess, message: Extract<ToYjsProcess, { type: "accept" }>, socket: Socket) {
    (socket as unknown as { server: unknown }).server = null;
    proc.send(message, socket, { keepOpen: true }, (error) => {
      socket.destroy();
      if (error) {
        log(`Could not pass a Yjs connection to its process: ${error.message}`);
        return options.onDisconnect(message.connection.connId);
      }
      // To the same process: one started since (this one died) never had the socket.
      if (proc.connected) proc.send({ type: "released", connId: message.connection.connId } satisfies ToYjsProcess);
    });
  }

  function ask<T>(make: (id: number) => ToYjsProcess): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const id = nextId++;
      if (!send(make(id))) return reject(new Error("The collaborative documents are restarting; try again in a moment."));
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error("The collaborative documents did not answer in time; try again in a moment."));
      }, ANSWER_TIMEOUT_MS);
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
    });
  }

  try {
    await spawn();
  } catch (error) {
    // Not started at all: stop here (start-up fails with the reason) rather than retry.
    closing = true;
    (child as ChildProcess | null)?.kill();
    throw error;
  }

  return {
    accept(connection, request, socket, head) {
      if (!child?.connected) throw new Error("The Yjs process is not running.");
      handOver(child, { type: "accept", connection, request, head: new Uint8Array(head) }, socket as Socket);
    },
    setAccess: (changes) => void send({ type: "access", changes: [...changes] }),
    readRoots: (docName, roots) => ask((id) => ({ type: "read", id, docName, roots })),
    publishBoard(docName, board, wall) {
      if (!send({ type: "board", docName, board, wall })) log(`Could not publish ${docName}: the Yjs process is restarting. The board is stored; its next change publishes it.`);
    },
    forget: (prefix, reason) => void send({ type: "forget", prefix, reason }),
    loadedDocNames: () => ask((id) => ({ type: "loaded", id })),
    sample(message) {
      if (message.reset) return Promise.resolve(void send({ type: "metrics", id: 0, reset: true })).then(() => null);
      return ask((id) => ({ type: "metrics", id, gc: message.gc }));
    },
    pid: () => child?.pid,
    async close() {
      closing = true;
      const proc = child;
      if (!proc) return;
      const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
      send({ type: "close" });
      const timer = setTimeout(() => proc.kill("SIGKILL"), CLOSE_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
