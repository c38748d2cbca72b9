import { EventEmitter } from "node:events";
import { createBackgroundWork, type BackgroundWork } from "./background-work";
import type { BehaviourTickRow, NoteRow, ScoreRow, ScoringRepository } from "../db/scoring-repository";
import type { Rubric } from "../domain/scenario-schema";
import {
  currentSheet,
  currentSheetFor,
  observerSheetDocName,
  orderedSubmissions,
  parseNotes,
  parseObserverSheet,
  parseScores,
  sharedSheetDocName,
  sheetOf,
  type RoundSheet,
} from "../domain/scoring";
import type { Actor, WorkshopState } from "../domain/workshop";
import type { CommandResult, WorkshopService } from "./workshop-service";

/** Reads scoring documents as plain data; the collab layer provides it. */
export interface SheetReader {
  observerSheet(docName: string): { scores: unknown; behaviours: unknown };
  sharedSheet(docName: string): { notes: unknown; agreed: unknown; meta: unknown };
}

export interface MaterialisedCounts {
  scores: number;
  behaviourTicks: number;
  notes: number;
}

/**
 * Scoring use cases that need the documents: submitting (the server reads
 * the observer's own sheet; a client never sends its scores) and
 * materialising a finished round into rows for the debrief board and reports.
 */
export function createScoringService(deps: {
  workshops: WorkshopService;
  repo: ScoringRepository;
  sheets: SheetReader;
  rubric: (id: string) => Rubric | undefined;
  now: () => number;
  log: (line: string) => void;
  /** Where rows are written: after the views of the change that finished the round (see background-work.ts). */
  background?: BackgroundWork;
}) {
  const { workshops, repo, sheets, now, log } = deps;
  const background = deps.background ?? createBackgroundWork();

  function submitScores(workshopId: string, actor: Actor): CommandResult {
    const state = workshops.load(workshopId)?.state;
    const place = state && actor.kind === "participant" ? currentSheetFor(state, actor.participantId) : undefined;
    const rubric = place?.sheet.rubricId ? deps.rubric(place.sheet.rubricId) : undefined;
    if (!state || !place || !rubric || actor.kind !== "participant" || !place.sheet.observerIds.includes(actor.participantId)) {
      // Nothing to read: the rules say why (not an observer, no group, no rubric…).
      return workshops.execute(workshopId, { type: "submitScores", scores: {}, behaviours: {} }, actor);
    }
    const docName = observerSheetDocName(workshopId, place.group.id, place.sheet.round, actor.participantId);
    const { scores, behaviours } = parseObserverSheet(sheets.observerSheet(docName), rubric);
    return workshops.execute(workshopId, { type: "submitScores", scores, behaviours }, actor);
  }

  function rowsFor(state: WorkshopState, sheet: RoundSheet, rubric: Rubric) {
    const at = now();
    const key = { workshopId: state.id, groupId: sheet.groupId, round: sheet.round, scenarioId: sheet.scenarioId };
    const ratee = sheet.staffId;
    const scoreRows: ScoreRow[] = [];
    const tickRows: BehaviourTickRow[] = [];

    // Submitted scores come from the events; an observer who never submitted
    // still leaves their draft, marked by a null submitted_at.
    const submitted = orderedSubmissions(sheet);
    const drafts = sheet.observerIds
      .filter((id) => !sheet.submissions[id])
      .map((id) => ({ participantId: id, at: null, ...parseObserverSheet(sheets.observerSheet(observerSheetDocName(state.id, sheet.groupId, sheet.round, id)), rubric) }));
    for (const rating of [...submitted.map((s) => ({ ...s, at: s.at as number | null })), ...drafts]) {
      for (const [criterionId, score] of Object.entries(rating.scores)) {
        scoreRows.push({ ...key, rubricId: rubric.id, kind: "observer", raterParticipantId: rating.participantId, rateeParticipantId: ratee, criterionId, score, submittedAt: rating.at, materialisedAt: at });
      }
      for (const [criterionId, ids] of Object.entries(rating.behaviours)) {
        for (const behaviourId of ids) {
          tickRows.push({ ...key, rubricId: rubric.id, raterParticipantId: rating.participantId, rateeParticipantId: ratee, criterionId, behaviourId, submittedAt: rating.at, materialisedAt: at });
        }
      }
    }
    if (sheet.selfAssessment) {
      for (const [criterionId, score] of Object.entries(sheet.selfAssessment.scores)) {
        scoreRows.push({ ...key, rubricId: rubric.id, kind: "self", raterParticipantId: sheet.selfAssessment.participantId, rateeParticipantId: ratee, criterionId, score, submittedAt: sheet.selfAssessment.at, materialisedAt: at });
      }
    }
    const shared = sheets.sharedSheet(sharedSheetDocName(state.id, sheet.groupId, sheet.round));
    for (const [criterionId, score] of Object.entries(parseScores(shared.agreed, rubric))) {
      scoreRows.push({ ...key, rubricId: rubric.id, kind: "agreed", raterParticipantId: null, rateeParticipantId: ratee, criterionId, score, submittedAt: null, materialisedAt: at });
    }
    const noteRows: NoteRow[] = parseNotes(shared.notes, rubric).map((n) => ({
      ...key,
      noteId: n.id,
      authorId: n.authorId,
      authorName: n.authorName,
      rateeParticipantId: ratee,
      kind: n.kind,
      criterionId: n.criterionId,
      offsetMs: n.offsetMs,
      text: n.text,
      insteadOf: n.insteadOf,
      materialisedAt: at,
    }));
    return { scores: scoreRows, behaviourTicks: tickRows, notes: noteRows };
  }

  /** Writes a group's round as rows, replacing what was there: safe to run again. */
  function materialise(workshopId: string, groupId: string, round: number): MaterialisedCounts | null {
    const state = workshops.load(workshopId)?.state;
    const sheet = state ? sheetOf(state, groupId, round) : undefined;
    const rubric = sheet?.rubricId ? deps.rubric(sheet.rubricId) : undefined;
    if (!state || !sheet || !rubric) return null;
    const rows = rowsFor(state, sheet, rubric);
    repo.replaceRound({ workshopId, groupId, round }, rows);
    return { scores: rows.scores.length, behaviourTicks: rows.behaviourTicks.length, notes: rows.notes.length };
  }

  function safely(workshopId: string, groupId: string, round: number) {
    try {
      materialise(workshopId, groupId, round);
    } catch (error) {
      log(`Could not store the scores of ${groupId}, round ${round} in workshop ${workshopId}: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }

  /**
   * Rounds that finished without rows (a crash between the event and the
   * rows, or an error while writing them) are materialised at start-up.
   */
  function catchUp() {
    for (const workshopId of workshops.listOpenIds()) {
      const state = workshops.load(workshopId)?.state;
      if (!state) continue;
      for (const sheet of Object.values(state.sheets)) {
        const group = state.groups.find((g) => g.id === sheet.groupId);
        const finished = sheet.round < state.round || group?.phase === "done";
        if (finished && !repo.hasRound(workshopId, sheet.groupId, sheet.round)) safely(workshopId, sheet.groupId, sheet.round);
      }
    }
  }

  /** Materialises each round as its group finishes it (and every open round when the plenary starts or the workshop ends). */
  function start(): () => void {
    catchUp();
    return workshops.onChange(({ workshopId, state, events }) => {
      const rounds: [string, number][] = [];
      for (const event of events) {
        if (event.type === "groupPhaseChanged" && event.phase === "done") rounds.push([event.groupId, state.round]);
        if (event.type === "plenaryStarted" || event.type === "workshopEnded") {
          for (const group of state.groups) {
            const sheet = currentSheet(state, group);
            if (sheet) rounds.push([group.id, sheet.round]);
          }
        }
      }
      for (const [groupId, round] of rounds) writeLater(workshopId, groupId, round);
    });
  }

  /*
   * Rounds are written after the change's views have gone out, one group per turn of the
   * event loop: the change is already stored, and ending a round in 200 groups (thousands
   * of rows, every observer's sheet read) never blocks the loop for long.
   * A crash before a group's turn is caught up at start-up (catchUp).
   */
  const queuedPerWorkshop = new Map<string, number>();
  function writeLater(workshopId: string, groupId: string, round: number) {
    queuedPerWorkshop.set(workshopId, (queuedPerWorkshop.get(workshopId) ?? 0) + 1);
    background.enqueue(() => {
      safely(workshopId, groupId, round);
      const left = (queuedPerWorkshop.get(workshopId) ?? 1) - 1;
      if (left > 0) return void queuedPerWorkshop.set(workshopId, left);
      queuedPerWorkshop.delete(workshopId);
      // The last queued round of this workshop is written: whoever reads rows may refresh.
      written.emit("written", workshopId);
    });
  }
  const written = new EventEmitter();

  return {
    submitScores,
    materialise,
    start,
    roundRows: repo.roundRows,
    /** After the rounds queued for a workshop have been written as rows (the debrief board's results read them). */
    onRoundsWritten(listener: (workshopId: string) => void): () => void {
      written.on("written", listener);
      return () => written.off("written", listener);
    },
  };
}

export type ScoringService = ReturnType<typeof createScoringService>;
