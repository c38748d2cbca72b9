import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseSchedstat, readThreadCpu } from "./thread-cpu";

describe("thread CPU from the scheduler's statistics", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A /proc/self/task look-alike: one directory per thread with its schedstat. */
  function taskDir(threads: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-task-"));
    dirs.push(dir);
    for (const [tid, schedstat] of Object.entries(threads)) {
      fs.mkdirSync(path.join(dir, tid));
      fs.writeFileSync(path.join(dir, tid, "schedstat"), schedstat);
    }
    return dir;
  }

  it("parses a schedstat line and refuses anything else", () => {
    expect(parseSchedstat("123456789 2000000 42\n")).toEqual({ runNs: 123456789, waitNs: 2000000 });
    expect(parseSchedstat("")).toBeNull();
    expect(parseSchedstat("12 x 3")).toBeNull();
    expect(parseSchedstat("-1 0 0")).toBeNull();
  });

  it("separates the main thread from the others, and skips a thread it cannot read", () => {
    const dir = taskDir({ "100": "30000000 5000000 10", "101": "2000000 0 3", "102": "1000000 7000000 1", "103": "garbage" });
    expect(readThreadCpu(dir, "100")).toEqual({ mainRunMs: 30, mainWaitMs: 5, otherRunMs: 3 });
  });

  it("answers null without the counters or without the main thread", () => {
    expect(readThreadCpu(path.join(os.tmpdir(), "rolecall-no-such-dir"), "1")).toBeNull();
    expect(readThreadCpu(taskDir({ "101": "2000000 0 3" }), "100")).toBeNull();
  });

  it.runIf(process.platform === "linux" && fs.existsSync(`/proc/self/task/${process.pid}/schedstat`))("reads this process's main thread moving on while it works", () => {
    const before = readThreadCpu()!;
    let spin = 0;
    const until = performance.now() + 40;
    while (performance.now() < until) spin++;
    const after = readThreadCpu()!;
    expect(spin).toBeGreaterThan(0);
    expect(after.mainRunMs - before.mainRunMs).toBeGreaterThan(20);
    expect(after.mainWaitMs).toBeGreaterThanOrEqual(before.mainWaitMs);
  });
});
