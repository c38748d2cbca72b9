import type { BenchSample } from "../../server/bench-metrics";

/**
 * Rolecall runs as two processes (the main one and the Yjs process, see
 * server/collab/yjs-host-process.ts); the bench measures the server as a
 * whole. Memory and CPU are the sum of both; event-loop delay is the worse
 * of the two loops at each percentile (an edit waits on the Yjs loop, a
 * fan-out on the main one). The main thread's counters stay the main
 * process's (the fan-out's own work); the Yjs process's threads count as
 * other threads. Each process's own sample stays attached, for the report.
 */
export function wholeServer(sample: BenchSample): BenchSample {
  const yjs = sample.yjsProcess;
  if (!yjs) return sample;
  const worse = (pick: (s: BenchSample["eventLoopDelayMs"]) => number) => Math.max(pick(sample.eventLoopDelayMs), pick(yjs.eventLoopDelayMs));
  const { yjsProcess: _, ...mainOnly } = sample;
  return {
    ...sample,
    mainProcess: mainOnly,
    eventLoopDelayMs: {
      p50: worse((d) => d.p50),
      p95: worse((d) => d.p95),
      p99: worse((d) => d.p99),
      max: worse((d) => d.max),
      mean: worse((d) => d.mean),
    },
    cpuMs: sample.cpuMs + yjs.cpuMs,
    rss: sample.rss + yjs.rss,
    heapUsed: sample.heapUsed + yjs.heapUsed,
    heapTotal: sample.heapTotal + yjs.heapTotal,
    external: sample.external + yjs.external,
    arrayBuffers: sample.arrayBuffers + yjs.arrayBuffers,
    threads:
      sample.threads && yjs.threads
        ? { ...sample.threads, otherRunMs: sample.threads.otherRunMs + yjs.threads.mainRunMs + yjs.threads.otherRunMs }
        : sample.threads,
  };
}
