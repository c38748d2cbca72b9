import { and, asc, desc, eq, max, sql } from "drizzle-orm";
import type { WorkshopEvent, WorkshopState } from "../domain/workshop";
import type { Db } from "./client";
import { workshopEvents, workshops } from "./schema";

export type WorkshopRow = typeof workshops.$inferSelect;

export class StaleVersionError extends Error {
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`Expected workshop version ${expected} but it is at ${actual}.`);
  }
}

export class DuplicateCodeError extends Error {}

function projectionOf(state: WorkshopState, version: number) {
  return {
    id: state.id,
    code: state.code,
    title: state.title,
    teamLabel: state.teamLabel,
    facilitatorId: state.facilitatorId,
    status: state.status,
    // People still taking part, not everyone who ever joined.
    participantCount: Object.values(state.participants).filter((p) => !p.departure).length,
    version,
    createdAt: state.createdAt,
    endedAt: state.endedAt,
  };
}

export function createWorkshopRepository(db: Db) {
  /*
   * Prepared once: a phase change for 200 groups appends hundreds of events, and
   * building the SQL for each append (a 100-row insert, the version check) cost
   * more than running it. better-sqlite3 runs these on the one connection, so
   * they take part in the transaction below.
   */
  const latestVersion = db
    .select({ v: max(workshopEvents.version) })
    .from(workshopEvents)
    .where(eq(workshopEvents.workshopId, sql.placeholder("workshopId")))
    .prepare();
  const insertEvent = db
    .insert(workshopEvents)
    .values({
      workshopId: sql.placeholder("workshopId"),
      version: sql.placeholder("version"),
      type: sql.placeholder("type"),
      payload: sql.placeholder("payload"),
      occurredAt: sql.placeholder("occurredAt"),
    })
    .prepare();
  const updateProjection = db
    .update(workshops)
    .set({
      code: sql.placeholder("code"),
      title: sql.placeholder("title"),
      teamLabel: sql.placeholder("teamLabel"),
      facilitatorId: sql.placeholder("facilitatorId"),
      status: sql.placeholder("status"),
      participantCount: sql.placeholder("participantCount"),
      version: sql.placeholder("version"),
      createdAt: sql.placeholder("createdAt"),
      endedAt: sql.placeholder("endedAt"),
    } as unknown as Partial<typeof workshops.$inferInsert>)
    .where(eq(workshops.id, sql.placeholder("id")))
    .prepare();

  function appendInTransaction(workshopId: string, expectedVersion: number, events: readonly WorkshopEvent[], nextState: WorkshopState): number {
    const current = latestVersion.get({ workshopId })?.v ?? 0;
    if (current !== expectedVersion) throw new StaleVersionError(expectedVersion, current);

    const nextVersion = expectedVersion + events.length;
    const projection = projectionOf(nextState, nextVersion);
    if (expectedVersion === 0) {
      const clash = db.select({ id: workshops.id }).from(workshops).where(eq(workshops.code, projection.code)).get();
      if (clash) throw new DuplicateCodeError(projection.code);
      db.insert(workshops).values(projection).run();
    } else {
      updateProjection.run(projection);
    }
    // A command for every group (start the role-play in 200 rooms) is hundreds of events.
    events.forEach((event, i) => insertEvent.run({ workshopId, version: expectedVersion + i + 1, type: event.type, payload: event, occurredAt: event.at }));
    return nextVersion;
  }
  /*
   * better-sqlite3's own transaction wrapper, made once: drizzle's builds its
   * statements on every call, which with the projection's update cost more
   * than the writes (an append took ~1 ms whatever its size).
   */
  const appendAtomically = db.$client.transaction(appendInTransaction);

  return {
    /**
     * Appends events after `expectedVersion` and updates the projection in
     * one transaction. A stale expected version is refused, never merged.
     */
    append(workshopId: string, expectedVersion: number, events: readonly WorkshopEvent[], nextState: WorkshopState): number {
      // IMMEDIATE: it reads before it writes, and the Yjs process writes the same file (see client.ts).
      return appendAtomically.immediate(workshopId, expectedVersion, events, nextState);
    },
    loadEvents(workshopId: string): { version: number; event: WorkshopEvent }[] {
      return db
        .select({ version: workshopEvents.version, payload: workshopEvents.payload })
        .from(workshopEvents)
        .where(eq(workshopEvents.workshopId, workshopId))
        .orderBy(asc(workshopEvents.version))
        .all()
        .map((r) => ({ version: r.version, event: r.payload as WorkshopEvent }));
    },
    findById(id: string): WorkshopRow | undefined {
      return db.select().from(workshops).where(eq(workshops.id, id)).get();
    },
    findOpenByCode(code: string): WorkshopRow | undefined {
      return db
        .select()
        .from(workshops)
        .where(and(eq(workshops.code, code), eq(workshops.status, "open")))
        .get();
    },
    codeExists(code: string): boolean {
      return Boolean(db.select({ id: workshops.id }).from(workshops).where(eq(workshops.code, code)).get());
    },
    listOpenIds(): string[] {
      return db.select({ id: workshops.id }).from(workshops).where(eq(workshops.status, "open")).all().map((r) => r.id);
    },
    /**
     * Deletes the workshop row; its events, scores, notes, ticks and Yjs
     * documents go with it (ON DELETE CASCADE, foreign keys are on). True if it existed.
     */
    delete(id: string): boolean {
      return db.delete(workshops).where(eq(workshops.id, id)).run().changes > 0;
    },
    listByFacilitator(facilitatorId: string): WorkshopRow[] {
      return db
        .select()
        .from(workshops)
        .where(eq(workshops.facilitatorId, facilitatorId))
        .orderBy(desc(workshops.createdAt))
        .all();
    },
  };
}

export type WorkshopRepository = ReturnType<typeof createWorkshopRepository>;
