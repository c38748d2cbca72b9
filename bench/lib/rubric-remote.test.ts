import { describe, expect, it } from "vitest";
import { childrenCpuMs } from "./rubric-remote";

describe("childrenCpuMs", () => {
  it.runIf(process.platform === "linux")("reads a process's CPU from /proc, in 10 ms ticks", () => {
    const before = childrenCpuMs([process.pid]);
    // Spin for 100 ms of this process's own CPU (not wall time: the machine may be busy).
    const start = process.cpuUsage();
    let spin = 0;
    while (process.cpuUsage(start).user + process.cpuUsage(start).system < 100_000) spin++;
    const after = childrenCpuMs([process.pid]);
    expect(spin).toBeGreaterThan(0);
    expect(after % 10).toBe(0);
    expect(after - before).toBeGreaterThanOrEqual(80);
  });

  it("counts a process that is gone as nothing", () => {
    expect(childrenCpuMs([2 ** 22 + 12345])).toBe(0);
  });
});
