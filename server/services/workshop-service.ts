import { EventEmitter } from "node:events";
import {
  decide,
  evolveAll,
  generateRoomCode,
  type Actor,
  type DecisionError,
  type ScenarioLibrary,
  type WorkshopCommand,
  type WorkshopEvent,
  type WorkshopState,
} from "../domain/workshop";
import { DuplicateCodeError, StaleVersionError, type WorkshopRepository } from "../db/workshop-repository";

export interface LoadedWorkshop {
  state: WorkshopState;
  version: number;
}

export type CommandResult =
  | { ok: true; version: number; state: WorkshopState; events: WorkshopEvent[] }
  | { ok: false; error: DecisionError | { code: "stale"; message: string } };

export interface WorkshopChange {
  workshopId: string;
  state: WorkshopState;
  version: number;
  events: WorkshopEvent[];
}

const STALE_MESSAGE =
  "Someone changed this workshop a moment ago (another tab, or a double click), so this action was not applied. Check the screen and try again if it is still needed.";

/**
 * The one path from a command to stored events: load → decide → append with
 * an expected version → evolve → publish. better-sqlite3 is synchronous, so
 * a command runs to completion without interleaving inside this process.
 */
export function createWorkshopService(deps: {
  repo: WorkshopRepository;
  now: () => number;
  randomInt: (n: number) => number;
  random: () => number;
  newId: () => string;
  library: ScenarioLibrary;
}) {
  const { repo, now, randomInt, newId, random, library } = deps;
  /**
   * Workshops folded in memory, each with when it was last loaded or changed:
   * a workshop nobody uses is evicted (idle-workshops.ts) and folded again
   * from its events when next asked for.
   */
  const cache = new Map<string, { loaded: LoadedWorkshop; usedAt: number }>();
  const changes = new EventEmitter();
  changes.setMaxListeners(0);

  function load(workshopId: string): LoadedWorkshop | null {
    const cached = cache.get(workshopId);
    if (cached) {
      cached.usedAt = now();
      return cached.loaded;
    }
    const rows = repo.loadEvents(workshopId);
    if (rows.length === 0) return null;
    const state = evolveAll(null, rows.map((row) => row.event));
    if (!state) return null;
    const loaded = { state, version: rows[rows.length - 1]!.version };
    cache.set(workshopId, { loaded, usedAt: now() });
    return loaded;
  }

  function execute(
    workshopId: string,
    command: WorkshopCommand,
    actor: Actor,
    options: { expectedVersion?: number } = {},
  ): CommandResult {
    const current = load(workshopId);
    const version = current?.version ?? 0;
    if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
      return { ok: false, error: { code: "stale", message: STALE_MESSAGE } };
    }
    const decision = decide(current?.state ?? null, command, actor, { now: now(), random, library });
    if (!decision.ok) return decision;

    const next = evolveAll(current?.state ?? null, decision.events);
    if (!next) throw new Error(`Command ${command.type} produced no workshop state.`);

    try {
      const nextVersion = repo.append(workshopId, version, decision.events, next);
      cache.set(workshopId, { loaded: { state: next, version: nextVersion }, usedAt: now() });
      const change: WorkshopChange = { workshopId, state: next, version: nextVersion, events: decision.events };
      changes.emit("change", change);
      return { ok: true, version: nextVersion, state: next, events: decision.events };
    } catch (error) {
      if (error instanceof StaleVersionError) {
        // Another process wrote first; our cache is behind. Reload next time.
        cache.delete(workshopId);
        return { ok: false, error: { code: "stale", message: STALE_MESSAGE } };
      }
      throw error;
    }
  }

  return {
    load,
    execute,

    createWorkshop(
      facilitatorId: string,
      input: { title: string; teamLabel: string | null; askTeamAndShift: boolean },
    ): { workshopId: string; code: string } {
      // 31^6 ≈ 887 million codes: a clash is rare, but a retry costs nothing.
      for (let attempt = 0; attempt < 20; attempt++) {
        const workshopId = newId();
        const code = generateRoomCode(randomInt);
        if (repo.codeExists(code)) continue;
        try {
          const result = execute(
            workshopId,
            { type: "createWorkshop", workshopId, code, ...input },
            { kind: "facilitator", facilitatorId },
          );
          if (!result.ok) throw new Error(result.error.message);
          return { workshopId, code };
        } catch (error) {
          if (error instanceof DuplicateCodeError) continue;
          throw error;
        }
      }
      throw new Error("Could not find a free room code. Try again.");
    },

    listOpenIds(): string[] {
      return repo.listOpenIds();
    },

    findOpenByCode(code: string) {
      return repo.findOpenByCode(code) ?? null;
    },

    listForFacilitator(facilitatorId: string) {
      return repo.listByFacilitator(facilitatorId);
    },

    onChange(listener: (change: WorkshopChange) => void): () => void {
      changes.on("change", listener);
      return () => changes.off("change", listener);
    },

    /**
     * Deletes a workshop and all its data, if it belongs to this facilitator.
     * Not an event: nothing of it is kept. Listeners (sockets, Yjs, timers)
     * hear about it through onDeleted and let go of it.
     */
    delete(workshopId: string, facilitatorId: string): { ok: true } | { ok: false; error: DecisionError } {
      const current = load(workshopId);
      if (!current || current.state.facilitatorId !== facilitatorId) {
        return { ok: false, error: { code: "not-found", message: "No workshop here. Open it from your dashboard." } };
      }
      repo.delete(workshopId);
      cache.delete(workshopId);
      changes.emit("deleted", workshopId);
      return { ok: true };
    },

    onDeleted(listener: (workshopId: string) => void): () => void {
      changes.on("deleted", listener);
      return () => changes.off("deleted", listener);
    },

    /** The workshops held in memory, and when each was last loaded or changed. */
    inMemory(): { workshopId: string; usedAt: number }[] {
      return [...cache].map(([workshopId, { usedAt }]) => ({ workshopId, usedAt }));
    },

    /**
     * Drops a workshop from memory; the next load folds it again from SQLite.
     * Listeners (onEvicted) let go of what they keep beside it.
     */
    evict(workshopId: string) {
      if (cache.delete(workshopId)) changes.emit("evicted", workshopId);
    },

    onEvicted(listener: (workshopId: string) => void): () => void {
      changes.on("evicted", listener);
      return () => changes.off("evicted", listener);
    },
  };
}

export type WorkshopService = ReturnType<typeof createWorkshopService>;
