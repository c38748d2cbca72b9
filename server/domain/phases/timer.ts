/**
 * Phase timers as deadlines, never counters: the state holds when time runs
 * out, so a restart, a late-joining browser or a slow tick all agree on what is
 * left without anything having to count down. `now` is always passed in
 * (milliseconds, from whatever clock the caller trusts).
 *
 * A timer is in one of three shapes:
 *   running  endsAt set,             pausedRemainingMs null
 *   paused   endsAt null,            pausedRemainingMs set (always > 0)
 *   ended    both null              (stopped early, e.g. the facilitator moved on)
 * A running timer whose deadline has passed is expired.
 */

export interface PhaseTimer {
  endsAt: number | null;
  pausedRemainingMs: number | null;
  /** The whole length including extensions, so a countdown can draw its progress. */
  durationMs: number;
}

export type TimerStatus = "running" | "paused" | "expired" | "ended";

export type TimerChange = { ok: true; timer: PhaseTimer } | { ok: false; message: string };

const refuse = (message: string): TimerChange => ({ ok: false, message });

const TIME_IS_UP = "Time is already up for this phase. Move on to the next phase, or start the timer again.";
const ENDED = "This timer has been stopped. Start it again to time this phase.";

export function startTimer(now: number, durationMs: number): PhaseTimer {
  const length = Math.max(0, durationMs);
  return { endsAt: now + length, pausedRemainingMs: null, durationMs: length };
}

export function timerStatus(timer: PhaseTimer, now: number): TimerStatus {
  if (timer.endsAt !== null) return now >= timer.endsAt ? "expired" : "running";
  return timer.pausedRemainingMs !== null ? "paused" : "ended";
}

export function remainingMs(timer: PhaseTimer, now: number): number {
  if (timer.endsAt !== null) return Math.max(0, timer.endsAt - now);
  return timer.pausedRemainingMs ?? 0;
}

/** True once a running timer's deadline has passed; a paused or stopped timer never expires. */
export function isExpired(timer: PhaseTimer, now: number): boolean {
  return timerStatus(timer, now) === "expired";
}

export function pauseTimer(timer: PhaseTimer, now: number): TimerChange {
  switch (timerStatus(timer, now)) {
    case "paused":
      return refuse("The timer is already paused.");
    case "expired":
      return refuse(TIME_IS_UP);
    case "ended":
      return refuse(ENDED);
    case "running":
      return { ok: true, timer: { ...timer, endsAt: null, pausedRemainingMs: remainingMs(timer, now) } };
  }
}

/** The time left when paused carries over whole, however long the pause lasted. */
export function resumeTimer(timer: PhaseTimer, now: number): TimerChange {
  switch (timerStatus(timer, now)) {
    case "running":
      return refuse("The timer is already running.");
    case "expired":
      return refuse(TIME_IS_UP);
    case "ended":
      return refuse(ENDED);
    case "paused":
      return {
        ok: true,
        timer: { ...timer, endsAt: now + (timer.pausedRemainingMs ?? 0), pausedRemainingMs: null },
      };
  }
}

/**
 * Adds time to a running or paused timer. Once time is up the phase is over
 * (the scheduler may already have moved on), so extending then would quietly
 * reopen it; the facilitator restarts the timer instead.
 */
export function extendTimer(timer: PhaseTimer, now: number, byMs: number): TimerChange {
  if (!Number.isFinite(byMs) || byMs <= 0) return refuse("Add a positive amount of time.");
  switch (timerStatus(timer, now)) {
    case "expired":
      return refuse(TIME_IS_UP);
    case "ended":
      return refuse(ENDED);
    case "running":
      return { ok: true, timer: { ...timer, endsAt: (timer.endsAt ?? now) + byMs, durationMs: timer.durationMs + byMs } };
    case "paused":
      return {
        ok: true,
        timer: {
          ...timer,
          pausedRemainingMs: (timer.pausedRemainingMs ?? 0) + byMs,
          durationMs: timer.durationMs + byMs,
        },
      };
  }
}

/** Stops the timer for good, e.g. when the facilitator moves on before time is up. */
export function stopTimer(timer: PhaseTimer): PhaseTimer {
  return { ...timer, endsAt: null, pausedRemainingMs: null };
}
