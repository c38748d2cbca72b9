import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchSample } from "../../server/bench-metrics";
import { BENCH_IDLE_WORKSHOP_SECONDS } from "./shape";
import { wholeServer } from "./server-sample";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * A measured server in its own process, with an IPC channel for its figures
 * (event-loop delay, CPU, memory): the production build of Rolecall, or one
 * of the bare baselines. Its cores are shared with the load generator.
 */
export interface MeasuredServer {
  name: string;
  url: string;
  child: ChildProcess;
  /** Starts a new measuring window (event-loop histogram and CPU time). */
  reset(): void;
  /** Figures for the window so far; `gc` forces a full collection first (heap after GC). */
  sample(gc?: boolean): Promise<BenchSample>;
  output(): string;
  stop(): Promise<void>;
}

function attach(name: string, child: ChildProcess, url: Promise<string>, cleanup: () => void): Promise<MeasuredServer> {
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  let nextId = 1;
  const waiting = new Map<number, (s: BenchSample) => void>();
  child.on("message", (message: unknown) => {
    const m = message as BenchSample;
    if (m?.type === "sample") waiting.get(m.id)?.(wholeServer(m)), waiting.delete(m.id);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return Promise.race([
    url,
    exited.then(() => {
      throw new Error(`${name} exited before listening:\n${output}`);
    }),
  ]).then((resolvedUrl) => ({
    name,
    url: resolvedUrl,
    child,
    reset: () => child.send({ type: "reset" }),
    sample: (gc = false) =>
      new Promise<BenchSample>((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => reject(new Error(`${name} did not answer a metrics sample in 30 s`)), 30_000);
        waiting.set(id, (s) => (clearTimeout(timer), resolve(s)));
        child.send({ type: "sample", id, gc });
      }),
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
      await exited;
      clearTimeout(timer);
      cleanup();
    },
  }));
}

/** build/server.js on a fresh SQLite file and a free port, with bench metrics switched on. */
export function startRolecallServer(options: { cpuProfileDir?: string } = {}): Promise<MeasuredServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-bench-"));
  const args = ["--expose-gc", "--max-old-space-size=2048"];
  if (options.cpuProfileDir) args.push("--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`);
  const child = spawn(process.execPath, [...args, "build/server.js"], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      SESSION_SECRET: "bench-".padEnd(40, "x"),
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_PATH: path.join(dir, "rolecall.db"),
      ROLECALL_BENCH_METRICS: "1",
      IDLE_WORKSHOP_SECONDS: String(BENCH_IDLE_WORKSHOP_SECONDS),
    },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const url = new Promise<string>((resolve) => {
    let seen = "";
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(seen);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
  });
  return attach("rolecall", child, url, () => fs.rmSync(dir, { recursive: true, force: true }));
}

/** A baseline server (bench/baselines/*.ts, run through tsx); it reports its port over IPC. */
export function startBaseline(name: string, file: string): Promise<MeasuredServer> {
  const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", path.join(repoRoot, "bench/baselines", file)], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const url = new Promise<string>((resolve) => {
    child.on("message", (m: unknown) => {
      const msg = m as { type?: string; port?: number };
      if (msg?.type === "listening") resolve(`http://127.0.0.1:${msg.port}`);
    });
  });
  return attach(name, child, url, () => {});
}
