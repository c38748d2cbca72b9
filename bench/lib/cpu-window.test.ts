import { describe, expect, it } from "vitest";
import { cpuBetween, markCpu, parseMachineCpu, type CpuMark } from "./cpu-window";

describe("the machine's CPU from /proc/stat", () => {
  it("counts idle and iowait as idle and everything else as busy", () => {
    const stat = "cpu  100 5 50 800 20 3 7 0 0 0\ncpu0 50 2 25 400 10 1 3 0 0 0\nintr 1 2 3\n";
    expect(parseMachineCpu(stat)).toEqual({ busy: 165, total: 985 });
  });

  it("answers null for text that is not that", () => {
    expect(parseMachineCpu("intr 1 2 3\n")).toBeNull();
    expect(parseMachineCpu("cpu  1 x 3 4\n")).toBeNull();
  });
});

describe("a step's CPU window", () => {
  const mark = (at: number, server: CpuMark["server"], busy: number, total: number, loadGeneratorUs: number): CpuMark => ({ at, server, machine: { busy, total }, loadGeneratorUs });

  it("subtracts the readings taken before and after", () => {
    const before = mark(1000, { mainRunMs: 500, mainWaitMs: 100, otherRunMs: 300 }, 1000, 4000, 2_000_000);
    const after = mark(1150, { mainRunMs: 560, mainWaitMs: 140, otherRunMs: 320 }, 1027, 4030, 2_090_000);
    expect(cpuBetween(before, after)).toEqual({
      wallMs: 150,
      serverMainRunMs: 60,
      serverMainWaitMs: 40,
      serverOtherRunMs: 20,
      loadGeneratorMs: 90,
      machineBusyPercent: 90,
    });
  });

  it("has no server or machine figures when either reading lacks them", () => {
    const window = cpuBetween({ at: 0, server: null, machine: null, loadGeneratorUs: 0 }, mark(10, { mainRunMs: 1, mainWaitMs: 1, otherRunMs: 1 }, 5, 10, 5000));
    expect(window).toMatchObject({ serverMainRunMs: null, serverMainWaitMs: null, serverOtherRunMs: null, machineBusyPercent: null, loadGeneratorMs: 5 });
  });

  it("reads the server's threads through its metrics sample, and this process's own CPU", async () => {
    const threads = { mainRunMs: 12, mainWaitMs: 3, otherRunMs: 4 };
    const first = await markCpu({ sample: async () => ({ threads }) });
    // Some work of this process's own, so its CPU counter moves.
    let spin = 0;
    const until = performance.now() + 30;
    while (performance.now() < until) spin++;
    const second = await markCpu({ sample: async () => ({ threads: { ...threads, mainRunMs: 20 } }) });
    const window = cpuBetween(first, second);
    expect(spin).toBeGreaterThan(0);
    expect(window.serverMainRunMs).toBe(8);
    expect(window.loadGeneratorMs).toBeGreaterThan(10);
    expect(window.wallMs).toBeGreaterThanOrEqual(30);
    if (process.platform === "linux") expect(window.machineBusyPercent).not.toBeNull();
  });
});
