import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { readThreadCpu, type ThreadCpu } from "./thread-cpu";

/**
 * Bench only (ROLECALL_BENCH_METRICS=1): the load bench (bench/run.ts) spawns
 * the production build with an IPC channel and asks this process, over that
 * channel, for its event-loop delay, CPU time and memory. Nothing listens on
 * a port, so when the bench did not spawn the server there is no way in; and
 * without the switch this module is never started.
 *
 * Messages from the parent: {type:"reset"} starts a new measuring window;
 * {type:"sample", id, gc?} answers {type:"sample", id, ...figures} for the
 * window so far (after a full GC when asked and node runs with --expose-gc).
 */

export interface BenchSample {
  type: "sample";
  id: number;
  /** performance.timeOrigin + performance.now() here, comparable with the bench's own clock on this machine. */
  at: number;
  eventLoopDelayMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** CPU time since the window started, in ms (user + system), and the wall time it covered. */
  cpuMs: number;
  wallMs: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** The threads' CPU since the process started (Linux; null elsewhere): see thread-cpu.ts. */
  threads: ThreadCpu | null;
  /** Whatever the server reports about itself (e.g. loaded Yjs documents). */
  extra: Record<string, number>;
}

export function startBenchMetrics(extra: () => Record<string, number>, log: (line: string) => void): () => void {
  if (typeof process.send !== "function") {
    log("ROLECALL_BENCH_METRICS is set but this process has no IPC channel (the bench spawns it with one); metrics are off.");
    return () => {};
  }
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let cpuStart = process.cpuUsage();
  let wallStart = performance.now();

  const onMessage = (message: unknown) => {
    if (!message || typeof message !== "object") return;
    const m = message as { type?: string; id?: number; gc?: boolean };
    if (m.type === "reset") {
      histogram.reset();
      cpuStart = process.cpuUsage();
      wallStart = performance.now();
    } else if (m.type === "sample") {
      if (m.gc) (globalThis as { gc?: () => void }).gc?.();
      const cpu = process.cpuUsage(cpuStart);
      const memory = process.memoryUsage();
      const ms = (ns: number) => (Number.isFinite(ns) ? ns / 1e6 : 0);
      const sample: BenchSample = {
        type: "sample",
        id: Number(m.id ?? 0),
        at: performance.timeOrigin + performance.now(),
        eventLoopDelayMs: {
          p50: ms(histogram.percentile(50)),
          p95: ms(histogram.percentile(95)),
          p99: ms(histogram.percentile(99)),
          max: ms(histogram.max),
          mean: ms(histogram.mean),
        },
        cpuMs: (cpu.user + cpu.system) / 1000,
        wallMs: performance.now() - wallStart,
        rss: memory.rss,
        heapUsed: memory.heapUsed,
        heapTotal: memory.heapTotal,
        external: memory.external,
        arrayBuffers: memory.arrayBuffers,
        threads: readThreadCpu(),
        extra: extra(),
      };
      process.send!(sample);
    }
  };
  process.on("message", onMessage);
  log("Bench metrics: reporting to the parent process over IPC.");
  return () => {
    process.off("message", onMessage);
    histogram.disable();
  };
}
