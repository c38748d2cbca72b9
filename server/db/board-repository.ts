import { eq } from "drizzle-orm";
import type { BoardState } from "../domain/board";
import type { Db } from "./client";
import { debriefBoards } from "./schema";

/** The debrief board's state, one row per workshop (deleted with it). */
export function createBoardRepository(db: Db) {
  return {
    load(workshopId: string): BoardState | null {
      const row = db.select({ state: debriefBoards.state }).from(debriefBoards).where(eq(debriefBoards.workshopId, workshopId)).get();
      return row ? (row.state as BoardState) : null;
    },
    save(workshopId: string, state: BoardState, at: number): void {
      db.insert(debriefBoards)
        .values({ workshopId, state, updatedAt: at })
        .onConflictDoUpdate({ target: debriefBoards.workshopId, set: { state, updatedAt: at } })
        .run();
    },
  };
}

export type BoardRepository = ReturnType<typeof createBoardRepository>;
