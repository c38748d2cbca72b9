import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  extendTimer,
  isExpired,
  pauseTimer,
  remainingMs,
  resumeTimer,
  startTimer,
  stopTimer,
  timerStatus,
  type PhaseTimer,
  type TimerChange,
} from "./timer";

const MINUTE = 60_000;

function changed(change: TimerChange): PhaseTimer {
  if (!change.ok) throw new Error(`expected a timer, got: ${change.message}`);
  return change.timer;
}
function refused(change: TimerChange): string {
  if (change.ok) throw new Error(`expected a refusal, got ${JSON.stringify(change.timer)}`);
  return change.message;
}

describe("a seven-minute role-play timer, with the clock passed in", () => {
  const started = startTimer(1_000, 7 * MINUTE);

  it("is a deadline, not a counter", () => {
    expect(started).toEqual({ endsAt: 1_000 + 7 * MINUTE, pausedRemainingMs: null, durationMs: 7 * MINUTE });
  });

  it("counts down from the deadline and expires exactly at it", () => {
    expect(remainingMs(started, 1_000)).toBe(7 * MINUTE);
    expect(remainingMs(started, 1_000 + 2 * MINUTE)).toBe(5 * MINUTE);
    expect(isExpired(started, 1_000 + 7 * MINUTE - 1)).toBe(false);
    expect(isExpired(started, 1_000 + 7 * MINUTE)).toBe(true);
    expect(remainingMs(started, 1_000 + 9 * MINUTE)).toBe(0);
    expect(timerStatus(started, 1_000 + 9 * MINUTE)).toBe("expired");
  });

  it("pauses at 5 minutes left, keeps 5 minutes through a long pause, and resumes with them", () => {
    const paused = changed(pauseTimer(started, 1_000 + 2 * MINUTE));
    expect(paused).toEqual({ endsAt: null, pausedRemainingMs: 5 * MINUTE, durationMs: 7 * MINUTE });
    expect(timerStatus(paused, 1_000 + 60 * MINUTE)).toBe("paused");
    expect(remainingMs(paused, 1_000 + 60 * MINUTE)).toBe(5 * MINUTE);
    expect(isExpired(paused, 1_000 + 60 * MINUTE)).toBe(false);

    const resumed = changed(resumeTimer(paused, 1_000 + 60 * MINUTE));
    expect(resumed.endsAt).toBe(1_000 + 65 * MINUTE);
    expect(remainingMs(resumed, 1_000 + 61 * MINUTE)).toBe(4 * MINUTE);
  });

  it("extends while running or paused, adding to the length too", () => {
    const running = changed(extendTimer(started, 1_000, 2 * MINUTE));
    expect(running).toEqual({ endsAt: 1_000 + 9 * MINUTE, pausedRemainingMs: null, durationMs: 9 * MINUTE });

    const paused = changed(pauseTimer(started, 1_000 + 6 * MINUTE));
    const extended = changed(extendTimer(paused, 1_000 + 30 * MINUTE, MINUTE));
    expect(extended).toEqual({ endsAt: null, pausedRemainingMs: 2 * MINUTE, durationMs: 8 * MINUTE });
  });

  it("pause, extend, resume, pause again: every minute accounted for", () => {
    let timer = changed(pauseTimer(started, 1_000 + 3 * MINUTE)); // 4 left
    timer = changed(extendTimer(timer, 1_000 + 5 * MINUTE, 2 * MINUTE)); // 6 left
    timer = changed(resumeTimer(timer, 1_000 + 10 * MINUTE)); // ends at 16
    timer = changed(pauseTimer(timer, 1_000 + 11 * MINUTE)); // 5 left
    expect(remainingMs(timer, 1_000 + 99 * MINUTE)).toBe(5 * MINUTE);
    expect(timer.durationMs).toBe(9 * MINUTE);
  });

  it("refuses changes that make no sense, saying what to do", () => {
    const timeIsUp = "Time is already up for this phase. Move on to the next phase, or start the timer again.";
    const later = 1_000 + 8 * MINUTE;
    expect(refused(extendTimer(started, later, MINUTE))).toBe(timeIsUp);
    expect(refused(pauseTimer(started, later))).toBe(timeIsUp);
    expect(refused(resumeTimer(started, 1_000))).toBe("The timer is already running.");
    const paused = changed(pauseTimer(started, 1_000));
    expect(refused(pauseTimer(paused, 2_000))).toBe("The timer is already paused.");
    expect(refused(extendTimer(started, 1_000, 0))).toBe("Add a positive amount of time.");
    expect(refused(extendTimer(started, 1_000, -MINUTE))).toBe("Add a positive amount of time.");
    expect(refused(extendTimer(started, 1_000, Number.NaN))).toBe("Add a positive amount of time.");
  });

  it("once stopped, has nothing left and refuses to pause, resume or extend", () => {
    const stopped = stopTimer(started);
    const ended = "This timer has been stopped. Start it again to time this phase.";
    expect(timerStatus(stopped, 2_000)).toBe("ended");
    expect(remainingMs(stopped, 2_000)).toBe(0);
    expect(isExpired(stopped, 2_000)).toBe(false);
    expect(refused(pauseTimer(stopped, 2_000))).toBe(ended);
    expect(refused(resumeTimer(stopped, 2_000))).toBe(ended);
    expect(refused(extendTimer(stopped, 2_000, MINUTE))).toBe(ended);
  });

  it("treats a zero or negative length as already up", () => {
    expect(isExpired(startTimer(5_000, 0), 5_000)).toBe(true);
    expect(startTimer(5_000, -10)).toEqual({ endsAt: 5_000, pausedRemainingMs: null, durationMs: 0 });
  });
});

describe("timer properties", () => {
  const now = fc.integer({ min: 0, max: 2 ** 40 });
  const duration = fc.integer({ min: 1, max: 60 * MINUTE });
  const delay = fc.integer({ min: 0, max: 24 * 60 * MINUTE });

  it("remaining time is never negative and never more than the length", () => {
    fc.assert(
      fc.property(now, duration, fc.integer({ min: -60 * MINUTE, max: 120 * MINUTE }), (start, length, offset) => {
        const timer = startTimer(start, length);
        const left = remainingMs(timer, start + Math.max(0, offset));
        expect(left).toBeGreaterThanOrEqual(0);
        expect(left).toBeLessThanOrEqual(length);
        expect(isExpired(timer, start + offset)).toBe(offset >= length);
      }),
    );
  });

  it("pausing and resuming after any delay preserves the time left", () => {
    fc.assert(
      fc.property(now, duration, fc.nat(), delay, (start, length, elapsedSeed, pause) => {
        const elapsed = elapsedSeed % length; // paused before time is up
        const timer = startTimer(start, length);
        const before = remainingMs(timer, start + elapsed);
        const paused = changed(pauseTimer(timer, start + elapsed));
        expect(remainingMs(paused, start + elapsed + pause)).toBe(before);
        const resumed = changed(resumeTimer(paused, start + elapsed + pause));
        expect(remainingMs(resumed, start + elapsed + pause)).toBe(before);
        expect(resumed.endsAt).toBe(start + elapsed + pause + before);
      }),
    );
  });

  it("extending adds exactly the extra time, running or paused", () => {
    fc.assert(
      fc.property(now, duration, fc.nat(), fc.integer({ min: 1, max: 30 * MINUTE }), fc.boolean(), (start, length, elapsedSeed, by, pause) => {
        const at = start + (elapsedSeed % length);
        const timer = pause ? changed(pauseTimer(startTimer(start, length), at)) : startTimer(start, length);
        const extended = changed(extendTimer(timer, at, by));
        expect(remainingMs(extended, at)).toBe(remainingMs(timer, at) + by);
        expect(extended.durationMs).toBe(timer.durationMs + by);
        expect(timerStatus(extended, at)).toBe(timerStatus(timer, at));
      }),
    );
  });

  it("never extends a timer whose time is up", () => {
    fc.assert(
      fc.property(now, duration, delay, fc.integer({ min: 1, max: 30 * MINUTE }), (start, length, late, by) => {
        const timer = startTimer(start, length);
        expect(extendTimer(timer, start + length + late, by).ok).toBe(false);
      }),
    );
  });

  it("any sequence of pauses, resumes and extensions keeps one of the three shapes and the time accounted for", () => {
    const step = fc.record({
      kind: fc.constantFrom("pause", "resume", "extend"),
      after: fc.integer({ min: 0, max: 10 * MINUTE }),
      by: fc.integer({ min: 1, max: 5 * MINUTE }),
    });
    fc.assert(
      fc.property(duration, fc.array(step, { maxLength: 20 }), (length, steps) => {
        let clock = 0;
        let timer = startTimer(clock, length);
        // Time left is what we started with, plus extensions, minus time spent running.
        let expectedLeft = length;
        for (const s of steps) {
          const running = timerStatus(timer, clock) === "running";
          const next = clock + s.after;
          if (running) expectedLeft = Math.max(0, expectedLeft - s.after);
          clock = next;
          const change =
            s.kind === "pause" ? pauseTimer(timer, clock) : s.kind === "resume" ? resumeTimer(timer, clock) : extendTimer(timer, clock, s.by);
          if (change.ok) {
            if (s.kind === "extend") expectedLeft += s.by;
            timer = change.timer;
          }
          const shape = [timer.endsAt !== null, timer.pausedRemainingMs !== null];
          expect(shape[0] && shape[1]).toBe(false);
          expect(remainingMs(timer, clock)).toBe(expectedLeft);
          if (expectedLeft === 0) break; // time is up; nothing more can change
        }
      }),
    );
  });
});
