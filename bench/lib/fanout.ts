import { now } from "./clock";

/**
 * Phase-change fan-out: the time from just before a facilitator sends a
 * command to the moment each client of that workshop receives a view that
 * shows the change. One measurement at a time per workshop; all times from
 * this process's clock.
 */

export interface FanoutResult {
  label: string;
  workshop: number;
  clients: number;
  /** Per-client delivery times (ms), and the last client's. */
  perClient: number[];
  last: number;
  /** Clients that never saw the change before the timeout. */
  missed: number;
  ackMs: number;
}

interface Pending<V> {
  t0: number;
  match: (view: V) => boolean;
  seen: Set<number>;
  times: number[];
  expected: number;
  done: () => void;
}

export function createFanoutMeter<V>() {
  const pending = new Map<number, Pending<V>>();
  const results: FanoutResult[] = [];

  return {
    results,
    /** Called by every client for every view it receives. */
    onView(workshop: number, client: number, view: V) {
      const p = pending.get(workshop);
      if (!p || p.seen.has(client) || !p.match(view)) return;
      p.seen.add(client);
      p.times.push(now() - p.t0);
      if (p.seen.size >= p.expected) p.done();
    },
    async measure(label: string, workshop: number, clients: number, match: (view: V) => boolean, send: () => Promise<unknown>, timeoutMs = 30_000) {
      let done!: () => void;
      const finished = new Promise<void>((resolve) => (done = resolve));
      const p: Pending<V> = { t0: now(), match, seen: new Set(), times: [], expected: clients, done };
      pending.set(workshop, p);
      p.t0 = now();
      await send();
      const ackMs = now() - p.t0;
      const timer = setTimeout(done, timeoutMs);
      await finished;
      clearTimeout(timer);
      pending.delete(workshop);
      const result: FanoutResult = { label, workshop, clients, perClient: p.times, last: p.times.length ? Math.max(...p.times) : NaN, missed: clients - p.seen.size, ackMs };
      results.push(result);
      return result;
    },
  };
}

export type FanoutMeter<V> = ReturnType<typeof createFanoutMeter<V>>;
