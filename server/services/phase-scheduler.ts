import type { WorkshopState } from "../domain/workshop";
import type { WorkshopService } from "./workshop-service";

/**
 * Turns deadlines in the state into `expirePhase` commands. Nothing here
 * counts down: after a restart, `start()` re-arms every running deadline from
 * the stored state, and one already past fires at once.
 */
export function createPhaseScheduler(deps: {
  workshops: WorkshopService;
  now: () => number;
  log?: (message: string) => void;
}) {
  const armed = new Map<string, { endsAt: number; handle: NodeJS.Timeout }>();

  function arm(state: WorkshopState) {
    const wanted = new Set<string>();
    if (state.status === "open") {
      for (const group of state.groups) {
        const endsAt = group.timer?.endsAt;
        if (endsAt === null || endsAt === undefined) continue;
        const key = `${state.id}:${group.id}`;
        wanted.add(key);
        const existing = armed.get(key);
        if (existing?.endsAt === endsAt) continue;
        if (existing) clearTimeout(existing.handle);
        const delay = Math.max(0, endsAt - deps.now());
        const handle = setTimeout(() => fire(state.id, group.id, endsAt), delay);
        handle.unref?.();
        armed.set(key, { endsAt, handle });
      }
    }
    for (const [key, entry] of armed) {
      if (key.startsWith(`${state.id}:`) && !wanted.has(key)) {
        clearTimeout(entry.handle);
        armed.delete(key);
      }
    }
  }

  function fire(workshopId: string, groupId: string, endsAt: number) {
    const key = `${workshopId}:${groupId}`;
    if (armed.get(key)?.endsAt === endsAt) armed.delete(key);
    const result = deps.workshops.execute(workshopId, { type: "expirePhase", groupId, endsAt }, { kind: "system" });
    // "conflict" means the deadline moved (paused, extended, skipped): nothing to do.
    if (!result.ok && result.error.code !== "conflict") deps.log?.(`Could not expire ${groupId} in ${workshopId}: ${result.error.message}`);
  }

  const unsubscribe = deps.workshops.onChange(({ state }) => arm(state));
  // A deleted workshop has nothing left to expire.
  const unsubscribeDeleted = deps.workshops.onDeleted((workshopId) => {
    for (const [key, entry] of armed) {
      if (!key.startsWith(`${workshopId}:`)) continue;
      clearTimeout(entry.handle);
      armed.delete(key);
    }
  });

  return {
    /** Re-arms every open workshop's deadlines, e.g. after a restart. */
    start() {
      for (const id of deps.workshops.listOpenIds()) {
        const loaded = deps.workshops.load(id);
        if (loaded) arm(loaded.state);
      }
    },
    armedCount: () => armed.size,
    stop() {
      unsubscribe();
      unsubscribeDeleted();
      for (const entry of armed.values()) clearTimeout(entry.handle);
      armed.clear();
    },
  };
}

export type PhaseScheduler = ReturnType<typeof createPhaseScheduler>;
