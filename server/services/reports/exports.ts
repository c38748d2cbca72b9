import type { BoardState } from "../../domain/board";
import { boardReport } from "./board-lines";
import { RATER_ROLES } from "../../domain/analysis/aggregation";
import { scoreRowsToCsv, type ScoreCsvRow } from "../../domain/analysis/csv";
import type { WorkshopState } from "../../domain/workshop";
import type { StoredNote, StoredScore, StoredTick } from "../../db/report-repository";
import { reportContext, type ReportLibrary } from "./report-context";

/**
 * The long CSV (one row per rating) and the whole workshop as JSON. The CSV
 * carries names and titles rather than ids, so it reads in a spreadsheet and
 * sits beside survey results per team, shift and period.
 */
export function workshopScoresCsv(input: { state: WorkshopState; scores: readonly StoredScore[]; library: ReportLibrary }): string {
  const { state, library } = input;
  const ctx = reportContext(state, library);
  const criterionOrder = (s: StoredScore) => library.getRubric(s.rubricId)?.criteria.findIndex((c) => c.id === s.criterionId) ?? -1;
  const sorted = [...input.scores].sort(
    (a, b) =>
      a.round - b.round ||
      ctx.groupName(a.groupId).localeCompare(ctx.groupName(b.groupId), "en", { numeric: true }) ||
      RATER_ROLES.indexOf(a.kind) - RATER_ROLES.indexOf(b.kind) ||
      (ctx.personName(a.raterParticipantId) ?? "").localeCompare(ctx.personName(b.raterParticipantId) ?? "", "en") ||
      criterionOrder(a) - criterionOrder(b),
  );
  const rows = sorted.map((s): ScoreCsvRow => {
    const staff = s.rateeParticipantId === null ? undefined : state.participants[s.rateeParticipantId];
    const scenario = ctx.scenario(s.scenarioId);
    return {
      workshop: state.title,
      workshopDate: state.createdAt,
      team: staff?.team ?? null,
      shift: staff?.shift ?? null,
      scenario: scenario?.title ?? null,
      difficulty: scenario?.difficulty?.score ?? null,
      round: s.round,
      participant: ctx.personName(s.rateeParticipantId),
      role: s.kind,
      criterion: ctx.criterion(s.rubricId, s.criterionId)?.title ?? s.criterionId,
      rater: ctx.personName(s.raterParticipantId),
      score: s.score,
    };
  });
  // Excel reads UTF-8 names correctly only with a byte-order mark.
  return scoreRowsToCsv(rows, { bom: true });
}

export const EXPORT_FORMAT = "rolecall-workshop";
export const EXPORT_VERSION = 1;

/**
 * The whole workshop: its state as it stands, the event log it was folded
 * from (everything that happened, and when), the materialised ratings, ticks
 * and notes, and the scenarios and rubrics it used. Yjs documents are left
 * out: their content is what the rows hold.
 */
export function workshopJson(input: {
  state: WorkshopState;
  version: number;
  events: readonly { version: number; type: string; occurredAt: number; event: unknown }[];
  scores: readonly StoredScore[];
  ticks: readonly StoredTick[];
  notes: readonly StoredNote[];
  library: ReportLibrary;
  facilitatorName: string | null;
  exportedAt: number;
  board?: BoardState | null;
}) {
  const { state, library } = input;
  const scenarioIds = new Set<string>([...(state.plan?.scenarioIds ?? []), ...input.scores.flatMap((s) => (s.scenarioId ? [s.scenarioId] : []))]);
  for (const group of state.groups) if (group.scenarioId) scenarioIds.add(group.scenarioId);
  const rubricIds = new Set<string>([...(state.plan ? [state.plan.rubricId] : []), ...input.scores.map((s) => s.rubricId)]);
  return {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_VERSION,
    exportedAt: new Date(input.exportedAt).toISOString(),
    workshop: {
      id: state.id,
      title: state.title,
      code: state.code,
      teamLabel: state.teamLabel,
      facilitator: { id: state.facilitatorId, name: input.facilitatorName },
      status: state.status,
      stage: state.stage,
      createdAt: new Date(state.createdAt).toISOString(),
      endedAt: state.endedAt === null ? null : new Date(state.endedAt).toISOString(),
      version: input.version,
    },
    state,
    scenarios: [...scenarioIds].sort().map((id) => {
      const scenario = library.getScenario(id);
      return scenario
        ? { id, title: scenario.title, rubricId: scenario.rubric, difficulty: scenario.difficultyIndex }
        : { id, title: null, rubricId: null, difficulty: null, missing: true };
    }),
    rubrics: [...rubricIds].sort().map((id) => library.getRubric(id) ?? { id, missing: true }),
    scores: input.scores.map(({ workshopId: _w, ...row }) => row),
    behaviourTicks: input.ticks.map(({ workshopId: _w, ...row }) => row),
    notes: input.notes.map(({ workshopId: _w, ...row }) => row),
    debriefBoard: boardReport(input.board ?? null, (id) => state.groups.find((g) => g.id === id)?.name ?? id),
    events: input.events.map((e) => ({ version: e.version, type: e.type, at: new Date(e.occurredAt).toISOString(), event: e.event })),
  };
}

/** `front-desk-refresher-2025-03-04.csv`: ASCII only, so every browser and file system keeps it. */
export function exportFilename(title: string, createdAt: number, extension: "csv" | "json"): string {
  const slug =
    title
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "workshop";
  return `${slug}-${new Date(createdAt).toISOString().slice(0, 10)}.${extension}`;
}
