import { performance } from "node:perf_hooks";

/**
 * The one clock every latency comes from: this process's monotonic
 * performance.now(). All clients live in this process, so a send time and a
 * receive time are always read from the same clock. (Server samples carry
 * performance.timeOrigin + now(), only used to place them on the timeline.)
 */
export const now = () => performance.now();
export const wallAnchored = () => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
