import { now } from "./clock";
import type { StepCpu } from "./cpu-window";

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
  /** The server's own timing of this command's fan-out, when it reported exactly one for it. */
  server?: ServerFanOut | null;
  /** Who had the cores from just before the command to just after its last client's view. */
  cpu?: StepCpu | null;
}

/**
 * What a server reports of a command's fan-out, from the command's arrival
 * (server/realtime/socket-server.ts, CommandFanOutTiming; the relay baseline
 * times its one emit the same way): set beside the clients' times, it tells
 * whether a step waited on the server's writing or on the clients' reading.
 */
export interface ServerFanOut {
  /** Arrival → the last participant's view handed to its socket. */
  participantsMs: number;
  /** Arrival → the console's view handed to its socket (Rolecall only). */
  consoleMs: number | null;
}

/**
 * Reads a server's fan-out timing after each measured command. It keeps the
 * server's count of command fan-outs, and answers null unless exactly one
 * more went out since the last read (so a figure is never another command's).
 */
export async function createServerFanOutReader(server: { sample(gc?: boolean): Promise<{ extra: Record<string, number> }> }) {
  let seen = (await server.sample()).extra.commandFanOuts ?? 0;
  return async (): Promise<ServerFanOut | null> => {
    const { extra } = await server.sample();
    const count = extra.commandFanOuts ?? 0;
    const one = count === seen + 1 && Number.isFinite(extra.lastCommandFanOutParticipantsMs);
    seen = count;
    if (!one) return null;
    const consoleMs = extra.lastCommandFanOutConsoleMs;
    return { participantsMs: extra.lastCommandFanOutParticipantsMs!, consoleMs: Number.isFinite(consoleMs) ? consoleMs! : null };
  };
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
