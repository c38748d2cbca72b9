import { describe, expect, it } from "vitest";
import { createBackgroundWork } from "./background-work";

const turn = () => new Promise((r) => setImmediate(r));

describe("background work", () => {
  it("runs tasks in order, one per turn of the event loop", async () => {
    const work = createBackgroundWork();
    const ran: number[] = [];
    work.enqueue(() => ran.push(1));
    work.enqueue(() => ran.push(2));
    expect(ran).toEqual([]);
    await turn();
    expect(ran).toEqual([1]);
    await turn();
    await turn();
    expect(ran).toEqual([1, 2]);
  });

  it("waits while a fan-out holds it, and runs once released", async () => {
    const work = createBackgroundWork({ maxWaitMs: 10_000 });
    const ran: string[] = [];
    const release = work.hold();
    work.enqueue(() => ran.push("rows"));
    for (let i = 0; i < 5; i++) await turn();
    expect(ran).toEqual([]);
    release();
    release(); // a second call is harmless
    for (let i = 0; i < 3; i++) await turn();
    expect(ran).toEqual(["rows"]);
    expect(work.pending).toBe(0);
  });

  it("stops waiting after maxWaitMs, so a busy workshop still gets its rows", async () => {
    const work = createBackgroundWork({ maxWaitMs: 30 });
    const ran: string[] = [];
    work.hold();
    work.enqueue(() => ran.push("rows"));
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toEqual([]);
    await new Promise((r) => setTimeout(r, 60));
    expect(ran).toEqual(["rows"]);
  });
});
