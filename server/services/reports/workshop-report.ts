import type { BoardState } from "../../domain/board";
import { boardReport } from "./board-lines";
import {
  criterionStats,
  groupSummaries,
  participantSummaries,
  performanceScores,
  resolveScoreRows,
  selfObserverGaps,
  type PerformanceScore,
  type ScoreRow,
} from "../../domain/analysis/aggregation";
import { workshopAgreement } from "../../domain/analysis/agreement";
import { difficultyAwareView, scoresByDifficultyLevel } from "../../domain/analysis/difficulty-adjustment";
import { groupBy, keyOf, mean } from "../../domain/analysis/stats";
import { sheetKey } from "../../domain/scoring/sheets";
import type { WorkshopState } from "../../domain/workshop";
import type { StoredNote, StoredScore } from "../../db/report-repository";
import { alphaLine } from "./agreement-words";
import { performanceCriterionLine, performanceKey, reportContext, toScoreRow, type ReportContext, type ReportLibrary } from "./report-context";
import type {
  CriterionLine,
  DisagreementFlag,
  NoteLine,
  NotableGap,
  PerformanceLine,
  ScenarioRef,
  SelfGapLine,
  WorkshopReport,
} from "./report-types";

/**
 * Everything the facilitator's report shows, from the workshop's state and
 * the rows materialised when its rounds ended. Numbers come from the analysis
 * functions in server/domain/analysis; this only arranges and names them.
 */
export function buildWorkshopReport(input: {
  state: WorkshopState;
  scores: readonly StoredScore[];
  notes: readonly StoredNote[];
  library: ReportLibrary;
  facilitatorName: string | null;
  board?: BoardState | null;
}): WorkshopReport {
  const { state, library } = input;
  const ctx = reportContext(state, library);
  const rows = input.scores.map(toScoreRow);
  const { skipped, rubrics: usedRubrics } = resolveScoreRows(rows, ctx.rubricFor);
  const rubricIds = [...new Set([...usedRubrics.keys(), ...(state.plan ? [state.plan.rubricId] : [])])];
  const performances = performanceScores(rows, ctx.rubricFor).sort(byRoundThenGroup(ctx));
  const performanceLines = performanceLinesOf(performances, rows, state, ctx);
  const agreement = workshopAgreement(rows.map((r) => ({ groupId: r.groupId, round: r.round, criterionId: r.criterionId, raterId: r.raterId, raterRole: r.raterRole, score: r.score })));
  const noteLines = input.notes.map((n) => noteLine(n, ctx, rubricIds));

  return {
    workshop: {
      id: state.id,
      title: state.title,
      teamLabel: state.teamLabel,
      status: state.status,
      stage: state.stage,
      createdAt: state.createdAt,
      endedAt: state.endedAt,
      facilitatorName: input.facilitatorName,
      participants: Object.keys(state.participants).length,
      groups: state.groups.length,
      roundsPlayed: state.round,
      roundsPlanned: state.plan?.rounds ?? null,
      rubrics: rubricIds.map((id) => ({ id, title: library.getRubric(id)?.title ?? id })),
    },
    totals: {
      observerRatings: input.scores.filter((s) => s.kind === "observer").length,
      drafts: input.scores.filter((s) => s.kind === "observer" && s.submittedAt === null).length,
      selfRatings: input.scores.filter((s) => s.kind === "self").length,
      performances: performances.length,
      notes: noteLines.filter((n) => n.kind !== "swap").length,
      swaps: noteLines.filter((n) => n.kind === "swap").length,
      skipped: skipped.map((s) => s.reason),
    },
    overall: mean(performances.map((p) => p.overall.score).filter((s): s is number => s !== null)),
    criteria: criterionLines(rows, performances, agreement, ctx),
    performances: performanceLines,
    groups: groupSummaries(rows, ctx.rubricFor).map((g) => ({
      groupId: g.groupId,
      name: ctx.groupName(g.groupId),
      performances: g.performances,
      overall: g.overall.mean,
      scenarios: uniqueScenarios(performanceLines.filter((p) => p.groupId === g.groupId).map((p) => p.scenario)),
      criteria: g.criteria.map((c) => ({ criterionId: c.criterionId, title: c.title ?? c.criterionId, scale: c.scale, mean: c.mean, n: c.n })),
    })),
    people: participantSummaries(rows, ctx.rubricFor).map((p) => {
      const person = state.participants[p.rateeId];
      const own = performanceLines.filter((line) => line.staff?.id === p.rateeId);
      return {
        id: p.rateeId,
        name: ctx.personName(p.rateeId) ?? p.rateeId,
        team: person?.team ?? null,
        shift: person?.shift ?? null,
        performances: p.performances,
        overall: p.overall.mean,
        criteria: p.criteria.map((c) => ({ criterionId: c.criterionId, title: c.title ?? c.criterionId, scale: c.scale, mean: c.mean, n: c.n })),
        difficulties: own.flatMap((line) => (line.scenario?.difficulty ? [line.scenario.difficulty] : [])),
      };
    }),
    selfVsObservers: selfVsObservers(rows, performanceLines, ctx),
    agreement: { ...alphaLine(agreement.alpha), flags: disagreementFlags(performanceLines) },
    difficulty: difficultyLevels(performanceLines),
    notes: noteLines.filter((n) => n.kind !== "swap"),
    swaps: noteLines.filter((n) => n.kind === "swap"),
    board: boardReport(input.board ?? null, ctx.groupName),
  };
}

function byRoundThenGroup(ctx: ReportContext) {
  return (a: PerformanceScore, b: PerformanceScore) => a.round - b.round || ctx.groupName(a.groupId).localeCompare(ctx.groupName(b.groupId), "en", { numeric: true });
}

function criterionLines(rows: readonly ScoreRow[], performances: readonly PerformanceScore[], agreement: ReturnType<typeof workshopAgreement>, ctx: ReportContext): CriterionLine[] {
  return criterionStats(rows, ctx.rubricFor).map((c) => {
    const ref = ctx.criterion(c.rubricId, c.criterionId);
    const own = performances.filter((p) => p.rubricId === c.rubricId).flatMap((p) => p.criteria.filter((pc) => pc.criterionId === c.criterionId));
    const criterionAgreement = agreement.criteria.find((a) => a.criterionId === c.criterionId);
    return {
      rubricId: c.rubricId,
      id: c.criterionId,
      title: ref?.title ?? c.title ?? c.criterionId,
      scale: c.scale,
      weight: c.weight,
      n: c.n,
      mean: c.mean,
      median: c.median,
      normalisedMean: c.normalisedMean,
      selfMean: mean(own.map((pc) => pc.self).filter((v): v is number => v !== null)),
      agreedMean: mean(own.map((pc) => pc.agreed).filter((v): v is number => v !== null)),
      agreement: alphaLine(criterionAgreement?.alpha ?? { alpha: null, reason: "No observer scored this criterion.", units: 0, pairableValues: 0 }),
      disagreements: criterionAgreement?.disagreements ?? 0,
    };
  });
}

function performanceLinesOf(performances: readonly PerformanceScore[], rows: readonly ScoreRow[], state: WorkshopState, ctx: ReportContext): PerformanceLine[] {
  const observerRows = groupBy(
    rows.filter((r) => r.raterRole === "observer"),
    (r) => keyOf(r.groupId, r.round, r.rateeId, r.criterionId),
  );
  const lines = performances.map((p): PerformanceLine => {
    const scenario = ctx.scenario(p.scenarioId);
    return {
      key: performanceKey(p.groupId, p.round),
      groupId: p.groupId,
      groupName: ctx.groupName(p.groupId),
      round: p.round,
      scenario,
      staff: p.rateeId === null ? null : { id: p.rateeId, name: ctx.personName(p.rateeId) ?? p.rateeId },
      observerCount: p.observerCount,
      overall: p.overall.score,
      self: p.self.score,
      agreed: p.agreed.score,
      criteria: p.criteria.map((c) => performanceCriterionLine(c, (observerRows.get(keyOf(p.groupId, p.round, p.rateeId, c.criterionId)) ?? []).map((r) => r.score))),
      comparedWithLike: { z: null, words: "" },
      patientFeltHeard: state.sheets[sheetKey(p.groupId, p.round)]?.patientPerspective?.feltHeard ?? null,
    };
  });
  const aware = difficultyAwareView(lines.map((line) => ({ workshopId: state.id, normalisedScore: line.overall, difficulty: line.scenario?.difficulty?.score ?? null })));
  return lines.map((line, i) => {
    const view = aware[i]!;
    return { ...line, comparedWithLike: { z: view.z, words: view.z === null ? (view.zReason ?? "") : standingWords(view.z, view.difficultyLevel ?? "similar", view.band?.n ?? 0) } };
  });
}

function standingWords(z: number, level: string, n: number): string {
  const where = z >= 1 ? "Well above" : z >= 0.5 ? "Above" : z > -0.5 ? "About typical for" : z > -1 ? "Below" : "Well below";
  const rest = where === "About typical for" ? `the ${n} ${level} performances in this workshop` : `the other ${level} performances in this workshop (${n} in all)`;
  return `${where} ${rest}; z = ${z.toFixed(1)}.`;
}

function uniqueScenarios(refs: readonly (ScenarioRef | null)[]): ScenarioRef[] {
  const seen = new Map<string, ScenarioRef>();
  for (const ref of refs) if (ref && !seen.has(ref.id)) seen.set(ref.id, ref);
  return [...seen.values()];
}

function selfVsObservers(rows: readonly ScoreRow[], performances: readonly PerformanceLine[], ctx: ReportContext): WorkshopReport["selfVsObservers"] {
  const gaps = selfObserverGaps(rows, ctx.rubricFor);
  const byCriterion: SelfGapLine[] = [...groupBy(gaps, (g) => keyOf(g.rubricId, g.criterionId)).values()].map((own) => {
    const first = own[0]!;
    const ref = ctx.criterion(first.rubricId, first.criterionId);
    return {
      criterionId: first.criterionId,
      title: ref?.title ?? first.criterionId,
      scale: ref?.scale ?? { min: 0, max: 1 },
      n: own.length,
      meanSelf: mean(own.map((g) => g.self)),
      meanObservers: mean(own.map((g) => g.observerMean)),
      meanGap: mean(own.map((g) => g.gap)),
      notable: own.filter((g) => g.notable).length,
    };
  });
  const notable: NotableGap[] = gaps
    .filter((g) => g.notable)
    .map((g) => {
      const line = performances.find((p) => p.groupId === g.groupId && p.round === g.round && (p.staff?.id ?? null) === g.rateeId);
      return {
        performanceKey: performanceKey(g.groupId, g.round),
        groupName: ctx.groupName(g.groupId),
        round: g.round,
        staffName: line?.staff?.name ?? null,
        criterionTitle: ctx.criterion(g.rubricId, g.criterionId)?.title ?? g.criterionId,
        self: g.self,
        observerMean: g.observerMean,
        gap: g.gap,
      };
    });
  return { byCriterion, notable };
}

function disagreementFlags(performances: readonly PerformanceLine[]): DisagreementFlag[] {
  return performances.flatMap((p) =>
    p.criteria
      .filter((c) => c.disagreement)
      .map((c) => ({
        groupName: p.groupName,
        round: p.round,
        staffName: p.staff?.name ?? null,
        criterionTitle: c.title,
        min: c.observerScores[0]!,
        max: c.observerScores.at(-1)!,
        raters: c.observerScores.length,
      })),
  );
}

function difficultyLevels(performances: readonly PerformanceLine[]): WorkshopReport["difficulty"] {
  const byLevel = scoresByDifficultyLevel(performances.map((p) => ({ workshopId: "", normalisedScore: p.overall, difficulty: p.scenario?.difficulty?.score ?? null })));
  return { levels: byLevel.levels.map((l) => ({ level: l.level, performances: l.n, mean: l.mean })), unplaced: byLevel.unplaced };
}

function noteLine(n: StoredNote, ctx: ReportContext, rubricIds: readonly string[]): NoteLine {
  return {
    id: `${n.groupId}/${n.round}/${n.noteId}`,
    kind: n.kind,
    text: n.text,
    insteadOf: n.insteadOf,
    authorName: n.authorName,
    groupName: ctx.groupName(n.groupId),
    round: n.round,
    staffName: ctx.personName(n.rateeParticipantId),
    criterionTitle: ctx.criterionTitle(rubricIds, n.criterionId),
    offsetMs: n.offsetMs,
  };
}
