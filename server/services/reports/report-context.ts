import { rubricResolver, type PerformanceCriterion, type RubricResolver, type ScoreRow } from "../../domain/analysis/aggregation";
import { criterionSpread } from "../../domain/analysis/agreement";
import type { Rubric } from "../../domain/scenario-schema";
import type { WorkshopState } from "../../domain/workshop";
import type { StoredScore } from "../../db/report-repository";
import type { CatalogScenario } from "../scenario-catalog";
import type { CriterionRef, PerformanceCriterionLine, ScenarioRef } from "./report-types";

/** The part of the scenario catalog reports read. */
export interface ReportLibrary {
  getScenario(id: string): CatalogScenario | undefined;
  getRubric(id: string): Rubric | undefined;
  readonly rubrics: readonly Rubric[];
}

/** A stored rating in the shape the analysis functions take. */
export function toScoreRow(row: StoredScore): ScoreRow {
  return {
    workshopId: row.workshopId,
    groupId: row.groupId,
    round: row.round,
    scenarioId: row.scenarioId,
    rubricId: row.rubricId,
    rateeId: row.rateeParticipantId,
    raterId: row.raterParticipantId,
    raterRole: row.kind,
    criterionId: row.criterionId,
    score: row.score,
  };
}

export function scenarioRef(library: ReportLibrary, id: string | null): ScenarioRef | null {
  if (id === null) return null;
  const scenario = library.getScenario(id);
  if (!scenario) return { id, title: id, difficulty: null };
  return { id, title: scenario.title, difficulty: { score: scenario.difficultyIndex.score, level: scenario.difficultyIndex.level } };
}

/** Names and lookups for one workshop, so every section says the same thing the same way. */
export function reportContext(state: WorkshopState, library: ReportLibrary) {
  const rubricFor: RubricResolver = rubricResolver(library.rubrics);
  const groupNames = new Map(state.groups.map((g) => [g.id, g.name]));
  const criterionRefs = new Map<string, CriterionRef>();
  for (const rubric of library.rubrics) {
    for (const c of rubric.criteria) criterionRefs.set(`${rubric.id}/${c.id}`, { rubricId: rubric.id, id: c.id, title: c.title, scale: c.scale, weight: c.weight });
  }
  return {
    rubricFor,
    /** A group formed again later keeps its id; one that no longer exists is named by its id. */
    groupName: (groupId: string) => groupNames.get(groupId) ?? groupId,
    personName: (id: string | null) => (id === null ? null : (state.participants[id]?.displayName ?? "Someone who left")),
    scenario: (id: string | null) => scenarioRef(library, id),
    criterion: (rubricId: string, criterionId: string) => criterionRefs.get(`${rubricId}/${criterionId}`),
    /** By criterion id alone: within one workshop's rubric, ids are unique. */
    criterionTitle(rubricIds: readonly string[], criterionId: string | null): string | null {
      if (criterionId === null) return null;
      for (const rubricId of rubricIds) {
        const ref = criterionRefs.get(`${rubricId}/${criterionId}`);
        if (ref) return ref.title;
      }
      return criterionId;
    },
  };
}

export type ReportContext = ReturnType<typeof reportContext>;

export const performanceKey = (groupId: string, round: number) => `${groupId}/${round}`;

/** One criterion of one turn, as the report and a participant's summary show it: observers' levels lowest first. */
export function performanceCriterionLine(c: PerformanceCriterion, observerScores: readonly number[]): PerformanceCriterionLine {
  const scores = [...observerScores].sort((a, b) => a - b);
  const spread = criterionSpread(scores);
  return {
    criterionId: c.criterionId,
    title: c.title ?? c.criterionId,
    scale: c.scale,
    observerScores: scores,
    mean: c.observers.mean,
    spread: spread.spread,
    disagreement: spread.disagreement,
    self: c.self,
    agreed: c.agreed,
  };
}
