import type { PresenceRegistry } from "./presence";
import type { WorkshopService } from "./workshop-service";

/** How long a workshop nobody is connected to stays in memory unless told otherwise (env IDLE_WORKSHOP_SECONDS). */
export const DEFAULT_IDLE_WORKSHOP_SECONDS = 15 * 60;

/**
 * Lets workshops nobody uses leave memory. A workshop is folded from its
 * events on first use and kept, with what the fan-out remembers beside it (what
 * each socket was sent, the console's parts): without this, every workshop a
 * server had ever loaded stayed until it restarted. A workshop is evicted once
 * nobody has a socket open in it and nothing has loaded or changed it for
 * `idleMs`; its next use folds it again from SQLite (6–9 ms for a workshop of
 * 1,000 after a round: bench/workshop-fold.ts), and a socket that connects then is sent
 * everything, as after a restart. Nothing stored is touched.
 */
export function startIdleWorkshopSweep(deps: {
  workshops: Pick<WorkshopService, "inMemory" | "evict">;
  presence: Pick<PresenceRegistry, "anyoneIn">;
  now: () => number;
  idleMs: number;
  /** How often to look (default: a minute, or half the idle time when that is shorter). */
  everyMs?: number;
}): { sweep: () => string[]; stop: () => void } {
  function sweep(): string[] {
    const cutoff = deps.now() - deps.idleMs;
    const evicted: string[] = [];
    for (const { workshopId, usedAt } of deps.workshops.inMemory()) {
      if (usedAt > cutoff || deps.presence.anyoneIn(workshopId)) continue;
      deps.workshops.evict(workshopId);
      evicted.push(workshopId);
    }
    return evicted;
  }
  const timer = setInterval(sweep, deps.everyMs ?? Math.min(60_000, Math.max(500, deps.idleMs / 2)));
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
