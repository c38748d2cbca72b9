import { and, asc, eq } from "drizzle-orm";
import { WRITE, type Db } from "./client";
import { behaviourTicks, notes, scores } from "./schema";

export type ScoreRow = typeof scores.$inferInsert;
export type BehaviourTickRow = typeof behaviourTicks.$inferInsert;
export type NoteRow = typeof notes.$inferInsert;

/** Materialised results of one group's round, for the debrief board and reports. */
export function createScoringRepository(db: Db) {
  const ofRound = <T extends typeof scores | typeof behaviourTicks | typeof notes>(table: T, workshopId: string, groupId: string, round: number) =>
    and(eq(table.workshopId, workshopId), eq(table.groupId, groupId), eq(table.round, round));

  return {
    /**
     * Replaces everything stored for a group's round, in one transaction, so
     * materialising twice (a round reopened and finished again) never duplicates.
     */
    replaceRound(
      key: { workshopId: string; groupId: string; round: number },
      rows: { scores: ScoreRow[]; behaviourTicks: BehaviourTickRow[]; notes: NoteRow[] },
    ): void {
      db.transaction((tx) => {
        tx.delete(scores).where(ofRound(scores, key.workshopId, key.groupId, key.round)).run();
        tx.delete(behaviourTicks).where(ofRound(behaviourTicks, key.workshopId, key.groupId, key.round)).run();
        tx.delete(notes).where(ofRound(notes, key.workshopId, key.groupId, key.round)).run();
        if (rows.scores.length) tx.insert(scores).values(rows.scores).run();
        if (rows.behaviourTicks.length) tx.insert(behaviourTicks).values(rows.behaviourTicks).run();
        if (rows.notes.length) tx.insert(notes).values(rows.notes).run();
      }, WRITE);
    },

    /** Whether anything was materialised for the round (a round without any scores or notes has no rows either). */
    hasRound(workshopId: string, groupId: string, round: number): boolean {
      return [scores, behaviourTicks, notes].some((table) => Boolean(db.select({ w: table.workshopId }).from(table).where(ofRound(table, workshopId, groupId, round)).limit(1).get()));
    },

    roundRows(workshopId: string, groupId: string, round: number) {
      return {
        scores: db.select().from(scores).where(ofRound(scores, workshopId, groupId, round)).orderBy(asc(scores.kind), asc(scores.raterParticipantId), asc(scores.criterionId)).all(),
        behaviourTicks: db.select().from(behaviourTicks).where(ofRound(behaviourTicks, workshopId, groupId, round)).all(),
        notes: db.select().from(notes).where(ofRound(notes, workshopId, groupId, round)).orderBy(asc(notes.offsetMs)).all(),
      };
    },
  };
}

export type ScoringRepository = ReturnType<typeof createScoringRepository>;
