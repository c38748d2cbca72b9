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
  /** The Yjs process's own sample, when the documents live in a process of their own. */
  yjsProcess?: BenchSample;
  /** Set by the bench when it adds the two processes up (bench/lib/server-sample.ts): the main process's own figures. */
  mainProcess?: BenchSample;
}

/**
 * A measuring window over this process: event-loop delay, CPU, memory. Used
 * by the main process and by the Yjs process (collab/yjs-process.ts), which
 * the main process asks for its own sample.
 */
export function createMetricsWindow() {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let cpuStart = process.cpuUsage();
  let wallStart = performance.now();
  return {
    reset() {
      histogram.reset();
      cpuStart = process.cpuUsage();
      wallStart = performance.now();
    },
    sample(id: number, gc: boolean, extra: Record<string, number>): BenchSample {
      if (gc) (globalThis as { gc?: () => void }).gc?.();
      const cpu = process.cpuUsage(cpuStart);
      const memory = process.memoryUsage();
      const ms = (ns: number) => (Number.isFinite(ns) ? ns / 1e6 : 0);
      return {
        type: "sample",
        id,
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
        extra,
      };
    },
    stop: () => histogram.disable(),
  };
}

/** The Yjs process's own figures, when it runs apart (collab/yjs-host-process.ts). */
export type OtherProcessSample = (message: { id: number; reset?: boolean; gc?: boolean }) => Promise<BenchSample | null>;

export function startBenchMetrics(extra: () => Record<string, number> | Promise<Record<string, number>>, log: (line: string) => void, yjsProcess?: OtherProcessSample): () => void {
  if (typeof process.send !== "function") {
    log("ROLECALL_BENCH_METRICS is set but this process has no IPC channel (the bench spawns it with one); metrics are off.");
    return () => {};
  }
  const window = createMetricsWindow();

  const onMessage = async (message: unknown) => {
    if (!message || typeof message !== "object") return;
    const m = message as { type?: string; id?: number; gc?: boolean };
    if (m.type === "reset") {
      window.reset();
      await yjsProcess?.({ id: 0, reset: true }).catch(() => null);
    } else if (m.type === "sample") {
      const id = Number(m.id ?? 0);
      // The Yjs process first (it collects in parallel), then this one.
      const other = yjsProcess ? await yjsProcess({ id, gc: m.gc }).catch(() => null) : null;
      const figures = await extra();
      const sample = window.sample(id, m.gc === true, figures);
      process.send!(other ? { ...sample, yjsProcess: other } : sample);
    }
  };
  const listener = (message: unknown) => void onMessage(message);
  process.on("message", listener);
  log("Bench metrics: reporting to the parent process over IPC.");
  return () => {
    process.off("message", listener);
    window.stop();
  };
}
