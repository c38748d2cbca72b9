import type { WorkshopPlan } from "../../../server/domain/workshop/types";

/** What the console needs to know about the library to plan a workshop. */
export interface ScenarioOption {
  id: string;
  title: string;
  durationMinutes: number;
  rubricId: string;
  difficulty: { score: number; level: string };
}

export interface RubricOption {
  id: string;
  title: string;
}

export interface TemplateOption {
  id: string;
  name: string;
  plan: WorkshopPlan;
}

export const ROLE_LABELS = { patient: "Patient", staff: "Staff member", observer: "Observer" } as const;
