import { readdirSync, readFileSync } from "node:fs";

/**
 * Bench only: how much CPU this process's threads have had, and how long its
 * main thread has waited for a core, from Linux's per-thread scheduler
 * statistics (/proc/self/task/<tid>/schedstat: nanoseconds on a CPU,
 * nanoseconds runnable but waiting on a run queue, time slices).
 *
 * Why: on a two-core machine the load bench's clients, the server's main
 * thread and V8's own worker threads (garbage collection, compiling) take
 * turns on two cores. A fan-out's wall time alone cannot tell the server's
 * work from its waiting for a core; these counters can. Counters run from the
 * thread's start; the bench subtracts two readings.
 */
export interface ThreadCpu {
  /** The main (JavaScript) thread: time on a core, and time runnable but waiting for one. */
  mainRunMs: number;
  mainWaitMs: number;
  /** Every other thread of the process (V8's workers, libuv's pool): time on a core. */
  otherRunMs: number;
}

/** One schedstat line ("<run ns> <wait ns> <slices>"), or null when it is not that. */
export function parseSchedstat(text: string): { runNs: number; waitNs: number } | null {
  const [run, wait] = text.trim().split(/\s+/).map(Number);
  if (run === undefined || wait === undefined || !Number.isFinite(run) || !Number.isFinite(wait) || run < 0 || wait < 0) return null;
  return { runNs: run, waitNs: wait };
}

/**
 * This process's thread CPU now, or null where the kernel does not keep
 * these counters (not Linux, or schedstats switched off).
 */
export function readThreadCpu(taskDir = "/proc/self/task", mainTid = String(process.pid)): ThreadCpu | null {
  let tids: string[];
  try {
    tids = readdirSync(taskDir);
  } catch {
    return null;
  }
  let main: { runNs: number; waitNs: number } | null = null;
  let otherNs = 0;
  for (const tid of tids) {
    let stat: { runNs: number; waitNs: number } | null;
    try {
      stat = parseSchedstat(readFileSync(`${taskDir}/${tid}/schedstat`, "utf8"));
    } catch {
      // A thread that ended between the listing and the read.
      continue;
    }
    if (!stat) continue;
    if (tid === mainTid) main = stat;
    else otherNs += stat.runNs;
  }
  if (!main) return null;
  return { mainRunMs: main.runNs / 1e6, mainWaitMs: main.waitNs / 1e6, otherRunMs: otherNs / 1e6 };
}
