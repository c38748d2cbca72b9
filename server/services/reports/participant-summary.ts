import { performanceScores } from "../../domain/analysis/aggregation";
import { sheetKey, sheetRoleOf } from "../../domain/scoring/sheets";
import type { WorkshopState } from "../../domain/workshop";
import type { StoredNote, StoredScore, StoredTick } from "../../db/report-repository";
import { performanceCriterionLine, reportContext, toScoreRow, type ReportLibrary } from "./report-context";
import type { ParticipantSummary, SummaryNote, SummaryTurn } from "./report-types";

/**
 * One participant's own results: their turns as the staff member (observers'
 * scores without names, their own self-assessment, the agreed score), notes
 * about them, and what they wrote. Nothing here names another person's
 * scores; other participants appear only as authors of notes about this one.
 */
export function buildParticipantSummary(input: {
  state: WorkshopState;
  participantId: string;
  scores: readonly StoredScore[];
  notes: readonly StoredNote[];
  ticks: readonly StoredTick[];
  library: ReportLibrary;
  facilitatorName: string | null;
}): ParticipantSummary {
  const { state, participantId: me, library } = input;
  const ctx = reportContext(state, library);
  const mine = input.scores.filter((s) => s.rateeParticipantId === me);
  const myTicks = input.ticks.filter((t) => t.rateeParticipantId === me);
  const sheets = Object.values(state.sheets).sort((a, b) => a.round - b.round);
  const rubricIds = [...new Set([...mine.map((s) => s.rubricId), ...(state.plan ? [state.plan.rubricId] : [])])];

  const turns = performanceScores(mine.map(toScoreRow), ctx.rubricFor)
    .sort((a, b) => a.round - b.round)
    .map((p): SummaryTurn => {
      const rubric = library.getRubric(p.rubricId);
      const sheet = state.sheets[sheetKey(p.groupId, p.round)];
      const perspective = sheet?.patientPerspective ?? null;
      return {
        round: p.round,
        groupName: ctx.groupName(p.groupId),
        scenario: ctx.scenario(p.scenarioId),
        observerCount: p.observerCount,
        criteria: p.criteria.map((c) => {
          const scores = mine.filter((s) => s.kind === "observer" && s.groupId === p.groupId && s.round === p.round && s.criterionId === c.criterionId).map((s) => s.score);
          const behaviours = rubric?.criteria.find((rc) => rc.id === c.criterionId)?.behaviours ?? [];
          return {
            ...performanceCriterionLine(c, scores),
            behaviours: behaviours
              .map((b) => ({
                text: b.text,
                ticks: myTicks.filter((t) => t.groupId === p.groupId && t.round === p.round && t.criterionId === c.criterionId && t.behaviourId === b.id).length,
              }))
              .filter((b) => b.ticks > 0),
          };
        }),
        patient: perspective ? { feltHeard: perspective.feltHeard, whatLanded: perspective.whatLanded } : null,
      };
    });

  const summaryNote = (n: StoredNote, withAuthor: boolean): SummaryNote => ({
    id: `${n.groupId}/${n.round}/${n.noteId}`,
    kind: n.kind,
    text: n.text,
    insteadOf: n.insteadOf,
    round: n.round,
    criterionTitle: ctx.criterionTitle(rubricIds, n.criterionId),
    authorName: withAuthor ? n.authorName : null,
  });
  const aboutMe = input.notes.filter((n) => n.rateeParticipantId === me);

  return {
    workshop: { title: state.title, createdAt: state.createdAt, facilitatorName: input.facilitatorName },
    me: { displayName: state.participants[me]?.displayName ?? "" },
    roles: sheets.flatMap((sheet) => {
      const role = sheetRoleOf(sheet, me);
      return role ? [{ round: sheet.round, role }] : [];
    }),
    turns,
    notesAboutMe: aboutMe.map((n) => summaryNote(n, true)),
    notesIWrote: input.notes.filter((n) => n.authorId === me && n.rateeParticipantId !== me).map((n) => summaryNote(n, false)),
    asPatient: sheets.flatMap((sheet) =>
      sheet.patientPerspective?.participantId === me ? [{ round: sheet.round, feltHeard: sheet.patientPerspective.feltHeard, whatLanded: sheet.patientPerspective.whatLanded }] : [],
    ),
  };
}
