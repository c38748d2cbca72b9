import { describe, expect, it } from "vitest";
import type { BenchSample } from "../../server/bench-metrics";
import { wholeServer } from "./server-sample";

function sample(overrides: Partial<BenchSample>): BenchSample {
  return {
    type: "sample",
    id: 1,
    at: 1000,
    eventLoopDelayMs: { p50: 10, p95: 12, p99: 15, max: 20, mean: 10 },
    cpuMs: 100,
    wallMs: 1000,
    rss: 100,
    heapUsed: 40,
    heapTotal: 50,
    external: 5,
    arrayBuffers: 2,
    threads: { mainRunMs: 80, mainWaitMs: 5, otherRunMs: 20 },
    extra: { loadedYjsDocs: 3 },
    ...overrides,
  };
}

describe("the whole server's sample", () => {
  it("adds the Yjs process's memory and CPU, and takes the worse event loop at each percentile", () => {
    const main = sample({ yjsProcess: sample({ eventLoopDelayMs: { p50: 11, p95: 11, p99: 30, max: 25, mean: 9 }, cpuMs: 60, rss: 70, heapUsed: 30, heapTotal: 35, external: 1, arrayBuffers: 1, threads: { mainRunMs: 50, mainWaitMs: 9, otherRunMs: 7 } }) });
    const whole = wholeServer(main);
    expect(whole.eventLoopDelayMs).toEqual({ p50: 11, p95: 12, p99: 30, max: 25, mean: 10 });
    expect([whole.cpuMs, whole.rss, whole.heapUsed, whole.heapTotal, whole.external, whole.arrayBuffers]).toEqual([160, 170, 70, 85, 6, 3]);
    // The main thread stays the main process's; the Yjs process's threads are counted as other threads.
    expect(whole.threads).toEqual({ mainRunMs: 80, mainWaitMs: 5, otherRunMs: 77 });
    expect(whole.extra).toEqual({ loadedYjsDocs: 3 });
    // Each process's own figures stay readable.
    expect(whole.mainProcess?.eventLoopDelayMs.p99).toBe(15);
    expect(whole.yjsProcess?.eventLoopDelayMs.p99).toBe(30);
  });

  it("leaves a one-process sample (a baseline, or Rolecall inline) as it is", () => {
    const one = sample({});
    expect(wholeServer(one)).toBe(one);
  });
});
