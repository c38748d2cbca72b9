import { HARD_CASE_LEVELS, WENT_WELL_AT, wentWellOnHardCase } from "../../domain/board/hard-cases";
import type { FeltHeard } from "../../domain/scoring/types";
import type { AgreementVerdict, DifficultyRef, WorkshopReport } from "../reports/report-types";

/** One criterion in one group's turn, as the wall draws it. */
export interface WallCell {
  /** The observers' mean level; null when nobody scored it. */
  mean: number | null;
  /** Observers' ratings behind the mean. */
  n: number;
  spread: number | null;
  /** Observers two or more levels apart: worth calibrating together. */
  disagreement: boolean;
  /** The staff member's own level. */
  self: number | null;
}

/** One group's turn in one round: a column of the heat map. */
export interface WallColumn {
  key: string;
  groupId: string;
  groupName: string;
  round: number;
  scenarioTitle: string | null;
  /** The scenario's starting difficulty. */
  difficulty: DifficultyRef | null;
  observerCount: number;
  /** The observers' weighted overall on 0–1. */
  overall: number | null;
  /** Self-assessment overall on 0–1. */
  selfOverall: number | null;
  patientFeltHeard: FeltHeard | null;
  hardCaseWentWell: boolean;
  cells: Record<string, WallCell>;
}

export interface WallRow {
  criterionId: string;
  title: string;
  scale: { min: number; max: number };
}

/**
 * The results wall: criteria down the side, every group's turn across, with
 * the self-assessment and the patient's answer beside the observers. No
 * staff names: the room discusses what happened, and each person reads their
 * own scores in their summary.
 */
export interface ResultsWall {
  rows: WallRow[];
  columns: WallColumn[];
  agreement: { alpha: number | null; verdict: AgreementVerdict; words: string };
  /** Cells where observers were two or more levels apart. */
  disagreements: number;
  hardCaseRule: string;
}

export function resultsWall(report: Pick<WorkshopReport, "performances" | "agreement">): ResultsWall {
  const rows = new Map<string, WallRow>();
  const columns = report.performances.map((p): WallColumn => {
    const cells: Record<string, WallCell> = {};
    for (const c of p.criteria) {
      if (!rows.has(c.criterionId)) rows.set(c.criterionId, { criterionId: c.criterionId, title: c.title, scale: c.scale });
      cells[c.criterionId] = { mean: c.mean, n: c.observerScores.length, spread: c.spread, disagreement: c.disagreement, self: c.self };
    }
    const difficulty = p.scenario?.difficulty ?? null;
    return {
      key: p.key,
      groupId: p.groupId,
      groupName: p.groupName,
      round: p.round,
      scenarioTitle: p.scenario?.title ?? null,
      difficulty,
      observerCount: p.observerCount,
      overall: p.overall,
      selfOverall: p.self,
      patientFeltHeard: p.patientFeltHeard,
      hardCaseWentWell: wentWellOnHardCase({ difficulty: difficulty?.score ?? null, overall: p.overall }),
      cells,
    };
  });
  return {
    rows: [...rows.values()],
    columns,
    agreement: { alpha: report.agreement.alpha, verdict: report.agreement.verdict, words: report.agreement.words },
    disagreements: columns.reduce((sum, col) => sum + Object.values(col.cells).filter((c) => c.disagreement).length, 0),
    hardCaseRule: `Started ${HARD_CASE_LEVELS.join(" or ")}, and the observers' overall reached ${Math.round(WENT_WELL_AT * 100)}% of the scale.`,
  };
}
