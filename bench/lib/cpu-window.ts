import fs from "node:fs";
import type { BenchSample } from "../../server/bench-metrics";
import type { ThreadCpu } from "../../server/thread-cpu";
import { now } from "./clock";
import { childrenCpuMs, loadGeneratorChildren } from "./rubric-remote";

/**
 * Who had the machine's cores while one step's fan-out went out: the server's
 * main thread (on a core, and runnable but waiting for one), the server's
 * other threads (V8's collector and compiler), this load generator, and the
 * machine as a whole. The clients and the server share two cores here, so a
 * fan-out's wall time mixes work and waiting; this tells them apart.
 */
export interface StepCpu {
  wallMs: number;
  /** Null where the server could not read its threads' counters (not Linux). */
  serverMainRunMs: number | null;
  serverMainWaitMs: number | null;
  serverOtherRunMs: number | null;
  /** Every client of the load, user + system: this process and the rubric load's (10 ms ticks). */
  loadGeneratorMs: number;
  /** Share of all the machine's cores that were busy, from /proc/stat (10 ms ticks); null elsewhere. */
  machineBusyPercent: number | null;
}

export interface CpuMark {
  at: number;
  server: ThreadCpu | null;
  machine: { busy: number; total: number } | null;
  loadGeneratorUs: number;
}

/** The "cpu" line of /proc/stat as busy and total ticks of all cores, or null. */
export function parseMachineCpu(stat: string): { busy: number; total: number } | null {
  const line = stat.split("\n").find((l) => l.startsWith("cpu "));
  if (!line) return null;
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  if (ticks.length < 4 || ticks.some((t) => !Number.isFinite(t))) return null;
  // user nice system idle iowait irq softirq steal …: idle and iowait are the cores' idle time.
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = ticks[3]! + (ticks[4] ?? 0);
  return { busy: total - idle, total };
}

function readMachineCpu(): CpuMark["machine"] {
  try {
    return parseMachineCpu(fs.readFileSync("/proc/stat", "utf8"));
  } catch {
    return null;
  }
}

/** A reading of every counter, the server's through its metrics channel. */
export async function markCpu(server: { sample(gc?: boolean): Promise<Pick<BenchSample, "threads">> }): Promise<CpuMark> {
  const { threads } = await server.sample();
  const usage = process.cpuUsage();
  const children = childrenCpuMs(loadGeneratorChildren) * 1000;
  return { at: now(), server: threads, machine: readMachineCpu(), loadGeneratorUs: usage.user + usage.system + children };
}

export function cpuBetween(before: CpuMark, after: CpuMark): StepCpu {
  const server = (pick: (t: ThreadCpu) => number) => (before.server && after.server ? pick(after.server) - pick(before.server) : null);
  const machineTicks = before.machine && after.machine ? after.machine.total - before.machine.total : 0;
  return {
    wallMs: after.at - before.at,
    serverMainRunMs: server((t) => t.mainRunMs),
    serverMainWaitMs: server((t) => t.mainWaitMs),
    serverOtherRunMs: server((t) => t.otherRunMs),
    loadGeneratorMs: (after.loadGeneratorUs - before.loadGeneratorUs) / 1000,
    machineBusyPercent: machineTicks > 0 ? ((after.machine!.busy - before.machine!.busy) / machineTicks) * 100 : null,
  };
}
