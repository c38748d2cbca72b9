/**
 * Work that may wait for the fan-out: writing a finished round's rows (a
 * thousand rows for 200 groups) used to take turns with the slices of the
 * view fan-out that the same change started, so the last people saw the new
 * phase later for work nobody was waiting on. The socket server holds the
 * gate while a fan-out is under way; background tasks run one per turn of
 * the event loop while it is open, and anyway once it has been held for
 * `maxWaitMs` (so a workshop that never goes quiet still gets its rows).
 */
export function createBackgroundWork(options: { maxWaitMs?: number; now?: () => number } = {}) {
  const maxWaitMs = options.maxWaitMs ?? 1_000;
  const now = options.now ?? (() => performance.now());
  const tasks: (() => void)[] = [];
  let holds = 0;
  let heldSince = 0;
  let scheduled: NodeJS.Immediate | NodeJS.Timeout | null = null;

  function schedule() {
    if (scheduled || tasks.length === 0) return;
    const waited = now() - heldSince;
    if (holds > 0 && waited < maxWaitMs) {
      scheduled = setTimeout(run, maxWaitMs - waited);
      return;
    }
    scheduled = setImmediate(run);
  }

  function run() {
    scheduled = null;
    if (holds > 0 && now() - heldSince < maxWaitMs) return schedule();
    tasks.shift()?.();
    schedule();
  }

  return {
    /** Runs `task` on a later turn, once no fan-out holds the gate. */
    enqueue(task: () => void) {
      tasks.push(task);
      schedule();
    },
    /** Holds background work back until the returned release is called (once). */
    hold(): () => void {
      if (holds++ === 0) heldSince = now();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holds--;
        if (holds === 0 && scheduled) {
          clearTimeout(scheduled as NodeJS.Timeout);
          clearImmediate(scheduled as NodeJS.Immediate);
          scheduled = null;
        }
        schedule();
      };
    },
    get pending() {
      return tasks.length;
    },
  };
}

export type BackgroundWork = ReturnType<typeof createBackgroundWork>;
