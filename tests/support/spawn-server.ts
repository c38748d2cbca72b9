import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface SpawnedServer {
  url: string;
  databasePath: string;
  process: ChildProcess;
  output: () => string;
  /** SIGKILL: no shutdown hooks run, as in a crash. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs the production build (build/server.js) in a child process on port 0
 * with its own SQLite file, and waits for it to say where it listens.
 */
export async function spawnServer(options: { databasePath?: string; port?: number; env?: Record<string, string> } = {}): Promise<SpawnedServer> {
  const databasePath = options.databasePath ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-test-")), "rolecall.db");
  const child = spawn(process.execPath, ["build/server.js"], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "test",
      PORT: String(options.port ?? 0),
      HOST: "127.0.0.1",
      DATABASE_PATH: databasePath,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Server did not start in time:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Server exited with ${code} before listening:\n${output}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url,
    databasePath,
    process: child,
    output: () => output,
    async kill9() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
