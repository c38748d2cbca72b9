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
  type BehaviourTicks,
  type RoundSheet,
  type ScoreMap,
} from "../domain/scoring";
import type { Actor, WorkshopState } from "../domain/workshop";
import type { CommandResult, WorkshopService } from "./workshop-service";

/**
 * Reads scoring documents as plain data; the collab layer provides it.
 * Asynchronous because the documents may live in another process.
 */
export interface SheetReader {
  observerSheet(docName: string): Promise<{ scores: unknown; behaviours: unknown }>;
  sharedSheet(docName: string): Promise<{ notes: unknown; agreed: unknown; meta: unknown }>;
}

/** What a round's rows are built from besides the workshop's events: its documents, read beforehand. */
interface RoundDocs {
  /** Observers who never submitted, each with their draft. */
  drafts: { participantId: string; scores: ScoreMap; behaviours: BehaviourTicks }[];
  shared: { notes: unknown; agreed: unknown };
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

  /** Rejects when the observer's sheet cannot be read (nothing is submitted then). */
  async function submitScores(workshopId: string, actor: Actor): Promise<CommandResult> {
    const state = workshops.load(workshopId)?.state;
    const place = state && actor.kind === "participant" ? currentSheetFor(state, actor.participantId) : undefined;
    const rubric = place?.sheet.rubricId ? deps.rubric(place.sheet.rubricId) : undefined;
    if (!state || !place || !rubric || actor.kind !== "participant" || !place.sheet.observerIds.includes(actor.participantId)) {
      // Nothing to read: the rules say why (not an observer, no group, no rubric…).
      return workshops.execute(workshopId, { type: "submitScores", scores: {}, behaviours: {} }, actor);
    }
    // The sheet is the one current now. By the time it is read the group may have moved on:
    // execute checks the rules again, and refuses scores read from a sheet no longer current.
    const readFrom = { groupId: place.group.id, round: place.sheet.round };
    const docName = observerSheetDocName(workshopId, readFrom.groupId, readFrom.round, actor.participantId);
    const { scores, behaviours } = parseObserverSheet(await sheets.observerSheet(docName), rubric);
    return workshops.execute(workshopId, { type: "submitScores", scores, behaviours, readFrom }, actor);
  }

  /** Reads, all at once, the documents a round's rows need: the shared sheet, and the draft of every observer who never submitted. */
  async function readRound(workshopId: string, sheet: RoundSheet, rubric: Rubric): Promise<RoundDocs> {
    const unsubmitted = sheet.observerIds.filter((id) => !sheet.submissions[id]);
    const [shared, drafts] = await Promise.all([
      sheets.sharedSheet(sharedSheetDocName(workshopId, sheet.groupId, sheet.round)),
      Promise.all(
        unsubmitted.map(async (participantId) => ({
          participantId,
          ...parseObserverSheet(await sheets.observerSheet(observerSheetDocName(workshopId, sheet.groupId, sheet.round, participantId)), rubric),
        })),
      ),
    ]);
    return { drafts, shared };
  }

  function rowsFor(state: WorkshopState, sheet: RoundSheet, rubric: Rubric, docs: RoundDocs) {
    const at = now();
    const key = { workshopId: state.id, groupId: sheet.groupId, round: sheet.round, scenarioId: sheet.scenarioId };
    const ratee = sheet.staffId;
    const scoreRows: ScoreRow[] = [];
    const tickRows: BehaviourTickRow[] = [];

    // Submitted scores come from the events; an observer who never submitted
    // still leaves their draft, marked by a null submitted_at.
    const submitted = orderedSubmissions(sheet);
    const drafts = docs.drafts.map((draft) => ({ ...draft, at: null }));
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
    const { shared } = docs;
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

  /**
   * Writes a group's round as rows, replacing what was there: safe to run again.
   * Runs of one round take turns (a round can be asked for twice: when its group
   * finishes and again when the plenary starts). Each run's reads are answered
   * from another process, so two at once could land in either order and the
   * older reading replace the newer; in turn, the last asked for writes last.
   */
  const roundsInFlight = new Map<string, Promise<MaterialisedCounts | null>>();
  function materialise(workshopId: string, groupId: string, round: number): Promise<MaterialisedCounts | null> {
    const key = JSON.stringify([workshopId, groupId, round]);
    const before = roundsInFlight.get(key);
    const run = before ? before.then(rerun, rerun) : materialiseNow(workshopId, groupId, round);
    function rerun() {
      return materialiseNow(workshopId, groupId, round);
    }
    roundsInFlight.set(key, run);
    const forget = () => {
      if (roundsInFlight.get(key) === run) roundsInFlight.delete(key);
    };
    run.then(forget, forget);
    return run;
  }

  /**
   * One run: every document is read first; the rows are then built from the same
   * state the reads were chosen from and written in one go, with no await between.
   */
  async function materialiseNow(workshopId: string, groupId: string, round: number): Promise<MaterialisedCounts | null> {
    const state = workshops.load(workshopId)?.state;
    const sheet = state ? sheetOf(state, groupId, round) : undefined;
    const rubric = sheet?.rubricId ? deps.rubric(sheet.rubricId) : undefined;
    if (!state || !sheet || !rubric) return null;
    const docs = await readRound(workshopId, sheet, rubric);
    // Deleted while its documents were read: there is nothing to write rows for.
    if (!workshops.load(workshopId)) return null;
    const rows = rowsFor(state, sheet, rubric, docs);
    repo.replaceRound({ workshopId, groupId, round }, rows);
    return { scores: rows.scores.length, behaviourTicks: rows.behaviourTicks.length, notes: rows.notes.length };
  }

  /** Materialises a round, logging any failure: never rejects. */
  async function safely(workshopId: string, groupId: string, round: number): Promise<void> {
    try {
      await materialise(workshopId, groupId, round);
    } catch (error) {
      log(`Could not store the scores of ${groupId}, round ${round} in workshop ${workshopId}: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }

  /**
   * Rounds that finished without rows (a crash between the event and the
   * rows, or an error while writing them) are materialised at start-up, in
   * the background: they count as queued for their workshop (see writeLater),
   * so `written` is not told before they are in too.
   */
  function catchUp() {
    for (const workshopId of workshops.listOpenIds()) {
      const state = workshops.load(workshopId)?.state;
      if (!state) continue;
      for (const sheet of Object.values(state.sheets)) {
        const group = state.groups.find((g) => g.id === sheet.groupId);
        const finished = sheet.round < state.round || group?.phase === "done";
        if (finished && !repo.hasRound(workshopId, sheet.groupId, sheet.round)) {
          const done = queued(workshopId);
          void safely(workshopId, sheet.groupId, sheet.round).then(done);
        }
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
   * A crash before a group's rows are written is caught up at start-up (catchUp).
   *
   * A group's turn only starts its materialisation: the sheets are read asynchronously, so
   * its rows land some turns later, and rounds started in later turns may land first. A
   * workshop's rounds therefore count down as each one settles (written, or failed and
   * logged), not as its turn starts; `written` is told when none is left, so whoever reads
   * the rows then (the results wall) sees every round that was queued.
   */
  const queuedPerWorkshop = new Map<string, number>();
  const written = new EventEmitter();

  function writeLater(workshopId: string, groupId: string, round: number) {
    const done = queued(workshopId);
    background.enqueue(() => void safely(workshopId, groupId, round).then(done));
  }

  /** Counts one more round for the workshop; the returned function counts it down once it has settled (safely never rejects). */
  function queued(workshopId: string): () => void {
    queuedPerWorkshop.set(workshopId, (queuedPerWorkshop.get(workshopId) ?? 0) + 1);
    return () => {
      const left = (queuedPerWorkshop.get(workshopId) ?? 1) - 1;
      if (left > 0) return void queuedPerWorkshop.set(workshopId, left);
      queuedPerWorkshop.delete(workshopId);
      // The last queued round of this workshop is written: whoever reads rows may refresh.
      emitWritten(workshopId);
    };
  }

  /** A listener that throws is logged: it must not become an unhandled rejection, which would stop the process. */
  function emitWritten(workshopId: string) {
    try {
      written.emit("written", workshopId);
    } catch (error) {
      log(`A listener failed after the rounds of workshop ${workshopId} were written: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }

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
