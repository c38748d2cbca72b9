import { and, asc, eq } from "drizzle-orm";
import type { Db } from "./client";
import { planTemplates } from "./schema";

export type PlanTemplateRow = typeof planTemplates.$inferSelect;

export function createPlanTemplateRepository(db: Db) {
  return {
    listFor(facilitatorId: string): PlanTemplateRow[] {
      return db.select().from(planTemplates).where(eq(planTemplates.facilitatorId, facilitatorId)).orderBy(asc(planTemplates.name)).all();
    },
    find(facilitatorId: string, id: string): PlanTemplateRow | undefined {
      return db
        .select()
        .from(planTemplates)
        .where(and(eq(planTemplates.facilitatorId, facilitatorId), eq(planTemplates.id, id)))
        .get();
    },
    /** Saving under an existing name replaces that template. */
    upsert(row: PlanTemplateRow): void {
      db.insert(planTemplates)
        .values(row)
        .onConflictDoUpdate({ target: [planTemplates.facilitatorId, planTemplates.name], set: { plan: row.plan, createdAt: row.createdAt } })
        .run();
    },
    delete(facilitatorId: string, id: string): void {
      db.delete(planTemplates).where(and(eq(planTemplates.facilitatorId, facilitatorId), eq(planTemplates.id, id))).run();
    },
  };
}

export type PlanTemplateRepository = ReturnType<typeof createPlanTemplateRepository>;
