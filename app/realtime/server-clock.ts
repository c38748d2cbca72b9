import { useEffect, useState } from "react";

/**
 * Countdowns are drawn from the server's deadline and the server's clock:
 * each view carries `serverNow`, and the difference to this device's clock is
 * kept, so every screen shows the same time left even if a phone's clock is off.
 */
export function clockOffset(serverNow: number, receivedAt: number): number {
  return serverNow - receivedAt;
}

/**
 * How long until a countdown to `deadline` shows a different whole second
 * (clocks round the time left up), or null once it has run out. A few
 * milliseconds late, never early, so the redraw lands on the new second.
 */
export function msUntilNextSecond(deadline: number, now: number): number | null {
  const left = deadline - now;
  if (left <= 0) return null;
  return (left % 1000 || 1000) + 5;
}

/**
 * The server's idea of now, redrawn only when a countdown to `deadline` would
 * show a new second: once a second while it runs, never while it is paused,
 * stopped or up. A fixed quarter-second tick redrew every screen four times a
 * second for nothing, a cost each phone and the projector paid all workshop.
 */
export function useServerNow(offsetMs: number, deadline: number | null): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    let handle: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      const current = Date.now() + offsetMs;
      setNow(current);
      const wait = deadline === null ? null : msUntilNextSecond(deadline, current);
      if (wait !== null) handle = setTimeout(tick, wait);
    };
    tick();
    return () => clearTimeout(handle);
  }, [offsetMs, deadline]);
  return now;
}

/** The offset for the latest view: measured when the view object first arrives. */
export function useClockOffset(serverNow: number | undefined): number {
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    if (serverNow !== undefined) setOffset(clockOffset(serverNow, Date.now()));
  }, [serverNow]);
  return offset;
}

export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${seconds.toString().padStart(2, "0")}`;
}
