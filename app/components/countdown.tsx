import { useSyncExternalStore } from "react";
import type { PhaseTimer } from "../../server/domain/phases/timer";
import { remainingMs } from "../../server/domain/phases/timer";
import { formatClock, useClockOffset, useServerNow } from "~/realtime/server-clock";

const subscribeNever = () => () => {};

/** False while the server renders and while the browser hydrates; true after. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

/**
 * Time left in a phase, from the server's deadline. The visible clock ticks;
 * screen readers get a coarser live announcement so they are not flooded.
 * Until hydration it draws the time at the view's `serverNow`, identical on
 * server and client, so a page loaded mid-phase hydrates without a mismatch.
 */
export function Countdown({
  timer,
  serverNow,
  size = "normal",
  label = "Time left",
}: {
  timer: PhaseTimer | null;
  serverNow: number;
  size?: "normal" | "large" | "huge";
  label?: string;
}) {
  const offset = useClockOffset(serverNow);
  const liveNow = useServerNow(offset, timer?.endsAt ?? null);
  const now = useHydrated() ? liveNow : serverNow;
  if (!timer) return null;
  const left = remainingMs(timer, now);
  const paused = timer.endsAt === null && timer.pausedRemainingMs !== null;
  const text = formatClock(left);
  const minuteMark = Math.ceil(left / 60_000);
  return (
    <div className={`countdown countdown-${size} ${left === 0 ? "countdown-up" : ""}`} data-testid="countdown">
      <span className="countdown-label">{paused ? "Paused" : left === 0 ? "Time's up" : label}</span>
      <span className="countdown-time" aria-hidden="true" data-remaining-ms={left}>
        {text}
      </span>
      <span className="visually-hidden" aria-live="polite">
        {paused ? `Paused with ${text} left` : left === 0 ? "Time is up" : `About ${minuteMark} minute${minuteMark === 1 ? "" : "s"} left`}
      </span>
    </div>
  );
}
