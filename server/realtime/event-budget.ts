import type { Server } from "socket.io";

/**
 * A budget of incoming socket.io events per connection: a token bucket,
 * refilled continuously. A person clicking, voting and signalling audio stays
 * far below it; a stuck loop or a hostile script is cut off before it can
 * fill the event loop (each command writes to SQLite). Checked synchronously
 * in a per-socket middleware, so the cost per packet is two numbers, no
 * promise — which is why this is written here rather than taken from
 * rate-limiter-flexible, whose memory limiter is asynchronous.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly now: () => number,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  take(): boolean {
    const at = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((at - this.last) / 1000) * this.refillPerSecond);
    this.last = at;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export const EVENT_BURST = 60;
export const EVENTS_PER_SECOND = 20;
const SLOW_DOWN = { code: "rate-limited", message: "Too many requests at once, so some were ignored. Wait a moment, then try again." };

/** Drops events over the budget; an event that expects an answer gets one saying so. */
export function limitIncomingEvents(io: Server, options: { now: () => number; burst?: number; perSecond?: number }) {
  io.on("connection", (socket) => {
    const bucket = new TokenBucket(options.burst ?? EVENT_BURST, options.perSecond ?? EVENTS_PER_SECOND, options.now);
    let warned = false;
    socket.use((packet, next) => {
      if (bucket.take()) {
        warned = false;
        return next();
      }
      const ack = packet[packet.length - 1];
      if (typeof ack === "function") (ack as (reply: unknown) => void)({ ok: false, error: SLOW_DOWN });
      else if (!warned) socket.emit("workshop:error", SLOW_DOWN);
      warned = true;
      // Not calling next() drops the packet.
    });
  });
}
