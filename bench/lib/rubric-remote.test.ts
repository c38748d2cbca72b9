import { describe, expect, it } from "vitest";
import { childrenCpuMs } from "./rubric-remote";

describe("childrenCpuMs", () => {
  it.runIf(process.platform === "linux")("reads a process's CPU from /proc, in 10 ms ticks", () => {
    const before = childrenCpuMs([process.pid]);
    const until = Date.now() + 60;
    let spin = 0;
    while (Date.now() < until) spin++;
    const after = childrenCpuMs([process.pid]);
    expect(spin).toBeGreaterThan(0);
    expect(after % 10).toBe(0);
    expect(after - before).toBeGreaterThanOrEqual(30);
  });

  it("counts a process that is gone as nothing", () => {
    expect(childrenCpuMs([2 ** 22 + 12345])).toBe(0);
  });
});
