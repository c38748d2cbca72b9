import { useEffect, useState } from "react";

/**
 * Countdowns are drawn from the server's deadline and the server's clock:
 * each view carries `serverNow`, and the difference to this device's clock is
 * kept, so every screen shows the same time left even if a phone's clock is off.
 */
export function clockOffset(serverNow: number, receivedAt: number): number {
  return serverNow - receivedAt;
}

/** Re-renders every `intervalMs` with the server's idea of now. */
export function useServerNow(offsetMs: number, intervalMs = 250): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    setNow(Date.now() + offsetMs);
    const handle = setInterval(() => setNow(Date.now() + offsetMs), intervalMs);
    return () => clearInterval(handle);
  }, [offsetMs, intervalMs]);
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
