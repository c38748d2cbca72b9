import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import type { RubricLoad } from "./rubric-load";

/**
 * The parent's side of the rubric load's own process (rubric-process.ts).
 * Both Rolecall's run and the bare Yjs baseline use it, so the two rubric
 * figures are measured the same way. Its CPU counts as the load generator's
 * (see cpu-window.ts).
 */

export interface ReplicaToOpen {
  url: string;
  docName: string;
  cookie: string | null;
  authorId: string;
  authorName: string;
}

export type RubricRequest =
  | { op: "open"; editIntervalMs: number; replicas: ReplicaToOpen[] }
  | { op: "start" }
  | { op: "stop" }
  | { op: "settle"; timeoutMs: number }
  | { op: "counts" }
  | { op: "verify"; url: string; cookie: string | null; as: "participant" | "facilitator" }
  | { op: "latencies" }
  | { op: "close" };

type Verified = Awaited<ReturnType<RubricLoad["verify"]>>;

/** Pids of the load generator's other processes: cpu-window.ts adds their CPU to this one's. */
export const loadGeneratorChildren = new Set<number>();

export interface RemoteRubricLoad {
  /** Opens the replicas (each waits for its first sync); resolves with each one's connect-and-sync time. */
  open(replicas: ReplicaToOpen[]): Promise<{ syncMs: number[] }>;
  start(): Promise<void>;
  stop(): Promise<void>;
  settle(timeoutMs: number): Promise<void>;
  counts(): Promise<ReturnType<RubricLoad["counts"]>>;
  /** Compares every replica with the server's copy, read through a fresh provider that connects with `cookie` as `as`. */
  verify(url: string, cookie: string | null, as?: "participant" | "facilitator"): Promise<Verified>;
  latencies(): Promise<number[]>;
  /** Closes every replica; the process stays for the next call. */
  closeReplicas(): Promise<void>;
  /** Ends the process. */
  exit(): Promise<void>;
}

export function startRubricLoad(options: { editIntervalMs: number }): RemoteRubricLoad {
  const entry = fileURLToPath(new URL("./rubric-process.ts", import.meta.url));
  const child: ChildProcess = fork(entry, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"], serialization: "advanced" });
  if (child.pid) loadGeneratorChildren.add(child.pid);
  let nextId = 1;
  const waiting = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void }>();
  child.on("message", (message: { id: number; result?: unknown; error?: string }) => {
    const call = waiting.get(message.id);
    if (!call) return;
    waiting.delete(message.id);
    if (message.error !== undefined) call.reject(new Error(`rubric load: ${message.error}`));
    else call.resolve(message.result as never);
  });
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      if (child.pid) loadGeneratorChildren.delete(child.pid);
      for (const call of waiting.values()) call.reject(new Error(`the rubric load's process ended (${signal ?? code}) before answering`));
      waiting.clear();
      resolve();
    }),
  );
  const call = <T>(request: RubricRequest): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (value: never) => void, reject });
      child.send({ id, request });
    });
  return {
    open: (replicas) => call({ op: "open", editIntervalMs: options.editIntervalMs, replicas }),
    start: () => call({ op: "start" }),
    stop: () => call({ op: "stop" }),
    settle: (timeoutMs) => call({ op: "settle", timeoutMs }),
    counts: () => call({ op: "counts" }),
    verify: (url, cookie, as = "participant") => call({ op: "verify", url, cookie, as }),
    latencies: () => call({ op: "latencies" }),
    closeReplicas: () => call({ op: "close" }),
    async exit() {
      child.disconnect();
      await exited;
    },
  };
}

/** CPU time (ms) of the given processes from /proc (Linux), 0 for one that cannot be read. */
export function childrenCpuMs(pids: Iterable<number>): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone, or not Linux.
    }
  }
  // USER_HZ is 100 on Linux.
  return ticks * 10;
}
