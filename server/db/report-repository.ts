import { and, asc, eq, inArray } from "drizzle-orm";
import type { WorkshopEvent } from "../domain/workshop";
import type { Db } from "./client";
import { behaviourTicks, notes, scores, workshopEvents, workshops } from "./schema";

export type StoredScore = typeof scores.$inferSelect;
export type StoredNote = typeof notes.$inferSelect;
export type StoredTick = typeof behaviourTicks.$inferSelect;

export interface TrendWorkshop {
  id: string;
  title: string;
  facilitatorId: string;
  createdAt: number;
}

export interface JoinedParticipant {
  workshopId: string;
  participantId: string;
  team: string | null;
  shift: string | null;
}

// SQLite allows 32,766 bound variables; stay far below it.
const CHUNK = 500;
function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Read-only queries behind reports, exports and trends. Writing scores is the
 * scoring repository's job; this one only reads what it materialised.
 */
export function createReportRepository(db: Db) {
  return {
    scores(workshopId: string): StoredScore[] {
      return db
        .select()
        .from(scores)
        .where(eq(scores.workshopId, workshopId))
        .orderBy(asc(scores.round), asc(scores.groupId), asc(scores.kind), asc(scores.raterParticipantId), asc(scores.criterionId))
        .all();
    },

    notes(workshopId: string): StoredNote[] {
      return db.select().from(notes).where(eq(notes.workshopId, workshopId)).orderBy(asc(notes.round), asc(notes.groupId), asc(notes.offsetMs)).all();
    },

    ticks(workshopId: string): StoredTick[] {
      return db.select().from(behaviourTicks).where(eq(behaviourTicks.workshopId, workshopId)).orderBy(asc(behaviourTicks.round), asc(behaviourTicks.groupId)).all();
    },

    /** The event log as stored, oldest first: the whole history of a workshop. */
    events(workshopId: string): { version: number; type: string; occurredAt: number; event: WorkshopEvent }[] {
      return db
        .select()
        .from(workshopEvents)
        .where(eq(workshopEvents.workshopId, workshopId))
        .orderBy(asc(workshopEvents.version))
        .all()
        .map((r) => ({ version: r.version, type: r.type, occurredAt: r.occurredAt, event: r.payload as WorkshopEvent }));
    },

    /** Workshops for trends: one facilitator's, or everyone's when `facilitatorId` is null. */
    trendWorkshops(facilitatorId: string | null): TrendWorkshop[] {
      const columns = { id: workshops.id, title: workshops.title, facilitatorId: workshops.facilitatorId, createdAt: workshops.createdAt };
      const query = db.select(columns).from(workshops);
      return (facilitatorId === null ? query : query.where(eq(workshops.facilitatorId, facilitatorId))).orderBy(asc(workshops.createdAt)).all();
    },

    /** Every rating stored for these workshops (observers, self and agreed). */
    scoresOf(workshopIds: readonly string[]): StoredScore[] {
      return chunks(workshopIds).flatMap((ids) => db.select().from(scores).where(inArray(scores.workshopId, ids)).all());
    },

    /** Team and shift as each participant gave them on joining, read from the event log without folding it. */
    participantsOf(workshopIds: readonly string[]): JoinedParticipant[] {
      return chunks(workshopIds).flatMap((ids) =>
        db
          .select({ workshopId: workshopEvents.workshopId, payload: workshopEvents.payload })
          .from(workshopEvents)
          .where(and(inArray(workshopEvents.workshopId, ids), eq(workshopEvents.type, "participantJoined")))
          .all()
          .map((r) => {
            const event = r.payload as Extract<WorkshopEvent, { type: "participantJoined" }>;
            return { workshopId: r.workshopId, participantId: event.participantId, team: event.team, shift: event.shift };
          }),
      );
    },
  };
}

export type ReportRepository = ReturnType<typeof createReportRepository>;
