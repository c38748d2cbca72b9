import type { Socket } from "node:net";
import { createMetricsWindow } from "../bench-metrics";
import type { DocSeed } from "./doc-seeds";
import type { YjsHost } from "./yjs-host";
import { yjsProcessConfig, type FromYjsProcess, type ToYjsProcess, type YjsProcessConfig } from "./yjs-process-messages";

type Accept = Extract<ToYjsProcess, { type: "accept" }>;

/** What the host needs from the main process, over the channel. */
export interface HostHooks {
  log: (line: string) => void;
  seedFor: (docName: string) => Promise<DocSeed | null>;
  onDisconnect: (connId: number) => void;
}

/**
 * The Yjs process's side of the channel (yjs-process.ts is only its
 * wiring): starts the host on "init", then turns each message from the main
 * process into a call on it, and answers the ones that ask.
 */
export function createYjsProcessDispatch(deps: {
  send: (message: FromYjsProcess) => void;
  /** Opens storage and makes the host from a checked configuration; may throw. */
  startHost: (config: YjsProcessConfig, hooks: HostHooks) => YjsHost;
  /** After closing: let go of the channel. */
  onClosed: () => void;
  releaseTimeoutMs?: number;
}) {
  const { send } = deps;
  const log = (line: string) => send({ type: "log", line });
  const releaseTimeoutMs = deps.releaseTimeoutMs ?? 10_000;
  let host: YjsHost | null = null;
  let closing = false;
  // Bench only: made when the main process first asks for figures (ROLECALL_BENCH_METRICS).
  let metrics: ReturnType<typeof createMetricsWindow> | null = null;
  // Sockets received, waiting for the main process to close its copy (yjs-host-process.ts, handOver).
  const received = new Map<number, { message: Accept; socket: Socket }>();
  // Seeds are asked of the main process, which holds the workshops.
  const seedRequests = new Map<number, (seed: DocSeed | null) => void>();
  let nextSeedId = 1;

  function start(config: unknown) {
    const parsed = yjsProcessConfig.safeParse(config);
    if (!parsed.success) return send({ type: "failed", message: `Bad Yjs process configuration: ${parsed.error.message}` });
    try {
      host = deps.startHost(parsed.data, {
        log,
        seedFor: (docName) =>
          new Promise((resolve) => {
            const id = nextSeedId++;
            seedRequests.set(id, resolve);
            send({ type: "seedNeeded", id, docName });
          }),
        onDisconnect: (connId) => send({ type: "disconnected", connId }),
      });
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

  /** Drops a socket that will never be upgraded, and tells the gateway it is gone. */
  function drop(connId: number) {
    const waiting = received.get(connId);
    if (!waiting) return;
    received.delete(connId);
    waiting.socket.destroy();
    send({ type: "disconnected", connId });
  }

  function receive(message: Accept, socket: Socket) {
    const { connId } = message.connection;
    received.set(connId, { message, socket });
    // "released" follows at once; one that never comes (the hand-over failed on the other side) must not hold the socket.
    setTimeout(() => received.get(connId)?.socket === socket && drop(connId), releaseTimeoutMs).unref?.();
  }

  async function close() {
    if (closing) return;
    closing = true;
    try {
      for (const connId of [...received.keys()]) drop(connId);
      await host?.close();
    } finally {
      send({ type: "closed" });
      deps.onClosed();
    }
  }

  function handle(message: ToYjsProcess, socket?: Socket): void {
    if (message.type === "init") return start(message.config);
    if (!host || closing) return void socket?.destroy();
    switch (message.type) {
      case "accept":
        if (!socket) return log(`A connection to ${message.connection.docName} arrived without its socket.`);
        return receive(message, socket);
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
          if (access === null) drop(connId);
          else waiting.message.connection.access = access;
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
  }

  return { handle, close };
}
