import { count, eq } from "drizzle-orm";
import { WRITE, type Db } from "./client";
import { authSessions, facilitators } from "./schema";

export type FacilitatorRow = typeof facilitators.$inferSelect;

export function createFacilitatorRepository(db: Db) {
  return {
    count(): number {
      return db.select({ n: count() }).from(facilitators).get()?.n ?? 0;
    },
    findByEmail(email: string): FacilitatorRow | undefined {
      return db.select().from(facilitators).where(eq(facilitators.email, email)).get();
    },
    findById(id: string): FacilitatorRow | undefined {
      return db.select().from(facilitators).where(eq(facilitators.id, id)).get();
    },
    list(): FacilitatorRow[] {
      return db.select().from(facilitators).orderBy(facilitators.createdAt).all();
    },
    insert(row: FacilitatorRow): void {
      db.insert(facilitators).values(row).run();
    },
    /**
     * Inserts only while no facilitator exists, in one transaction, so two
     * people racing through the first-run setup cannot both become the first.
     */
    insertIfNone(row: FacilitatorRow): boolean {
      return db.transaction((tx) => {
        const existing = tx.select({ n: count() }).from(facilitators).get()?.n ?? 0;
        if (existing > 0) return false;
        tx.insert(facilitators).values(row).run();
        return true;
      }, WRITE);
    },
  };
}

export type AuthSessionRow = typeof authSessions.$inferSelect;

export function createAuthSessionRepository(db: Db) {
  return {
    insert(row: AuthSessionRow): void {
      db.insert(authSessions).values(row).run();
    },
    find(id: string): AuthSessionRow | undefined {
      return db.select().from(authSessions).where(eq(authSessions.id, id)).get();
    },
    delete(id: string): void {
      db.delete(authSessions).where(eq(authSessions.id, id)).run();
    },
  };
}

export type FacilitatorRepository = ReturnType<typeof createFacilitatorRepository>;
export type AuthSessionRepository = ReturnType<typeof createAuthSessionRepository>;
