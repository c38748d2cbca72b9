import { afterEach, describe, expect, it } from "vitest";
import { createScoringRepository } from "../db/scoring-repository";
import { createWorkshopRepository } from "../db/workshop-repository";
import { parseSheetDocName, sheetOf } from "../domain/scoring";
import { FULL, RUBRIC, SCORING_LIBRARY } from "../domain/scoring/test-support";
import { PLAN, seededRandom } from "../domain/workshop/test-support";
import type { GroupPhase } from "../domain/workshop";
import { createBackgroundWork } from "./background-work";
import { createScoringService, type SheetReader } from "./scoring-service";
import { OWNER, openTestDb } from "./test-support";
import { createWorkshopService, type WorkshopService } from "./workshop-service";

/*
 * The scoring service on a real database and workshop service, with a sheet
 * reader whose reads the test answers: each read waits until the test
 * resolves or rejects it, as a read from another process would.
 */

const turn = () => new Promise((r) => setImmediate(r));
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await turn();
};

interface Read {
  docName: string;
  resolve: (json: object) => void;
  reject: (error: Error) => void;
}

/** A SheetReader whose reads stay pending until the test settles them. */
function heldReader() {
  const reads: Read[] = [];
  const read = (docName: string) => new Promise<object>((resolve, reject) => reads.push({ docName, resolve, reject }));
  const reader = {
    observerSheet: (docName: string) => read(docName),
    sharedSheet: (docName: string) => read(docName),
  } as SheetReader;
  /** Reads of a group's documents not yet settled. */
  const pendingFor = (groupId: string) => reads.filter((r) => parseSheetDocName(r.docName)?.groupId === groupId);
  /** Answers every pending read of the group: each observer's draft scores, the shared sheet with one note and agreed scores. */
  const answer = (groupId: string) => {
    for (const r of take(pendingFor(groupId))) {
      r.resolve(
        parseSheetDocName(r.docName)?.kind === "observer"
          ? { scores: { empathy: 2 }, behaviours: { "empathy/reflects": true } }
          : { notes: [note(groupId)], agreed: FULL, meta: {} },
      );
    }
  };
  const fail = (groupId: string) => {
    for (const r of take(pendingFor(groupId))) r.reject(new Error(`the documents of ${groupId} are unreachable`));
  };
  const take = (some: Read[]) => {
    for (const r of some) reads.splice(reads.indexOf(r), 1);
    return some;
  };
  return { reader, reads, answer, fail };
}

const note = (groupId: string) => ({ id: `note-${groupId}`, authorId: "p3", authorName: "Person 3", kind: "strength", criterionId: null, offsetMs: 1_000, text: "Kind words", insteadOf: null, at: 1 });

const dbs: { close: () => void }[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

function setUp(sheets: SheetReader) {
  const opened = openTestDb("rolecall-scoring-");
  dbs.push(opened);
  const workshops = createWorkshopService({
    repo: createWorkshopRepository(opened.db),
    now: () => Date.now(),
    randomInt: (n) => Math.floor(Math.random() * n),
    random: seededRandom(),
    newId: () => "unused",
    library: SCORING_LIBRARY,
  });
  const repo = createScoringRepository(opened.db);
  const logged: string[] = [];
  const scoring = createScoringService({
    workshops,
    repo,
    sheets,
    rubric: (id) => (id === RUBRIC.id ? RUBRIC : undefined),
    now: () => Date.now(),
    log: (line) => logged.push(line),
    background: createBackgroundWork(),
  });
  return { workshops, repo, scoring, logged };
}

/**
 * Eight people in two groups of four, round 1 (the last) in the role-play:
 * in each group the first member is staff, the second the patient, the rest observe.
 */
function twoGroupsInRoleplay(workshops: WorkshopService, rounds = 1): string {
  const { workshopId } = workshops.createWorkshop(OWNER.facilitatorId, { title: "T", teamLabel: null, askTeamAndShift: false });
  for (let i = 1; i <= 8; i++) {
    const p = `p${i}`;
    must(workshops, workshopId, { type: "joinWorkshop", participantId: p, displayName: `Person ${i}`, team: null, shift: null }, { kind: "participant", participantId: p });
  }
  must(workshops, workshopId, { type: "setPlan", plan: { ...PLAN, groupSize: 4, rounds, scenarioIds: Array(rounds).fill("copay") } });
  must(workshops, workshopId, { type: "formGroups" });
  for (const group of workshops.load(workshopId)!.state.groups) {
    group.memberIds.forEach((participantId, i) => {
      const role = i === 0 ? "staff" : i === 1 ? "patient" : "observer";
      must(workshops, workshopId, { type: "setRole", groupId: group.id, participantId, role });
    });
  }
  must(workshops, workshopId, { type: "startRound" });
  advance(workshops, workshopId, ["g1", "g2"], "roleplay");
  return workshopId;
}

/** Two groups, the first one's round done (not started: materialise is called by the test); reads wait for the test. */
function groupOneDone() {
  const held = heldReader();
  const { workshops, scoring, repo } = setUp(held.reader);
  const workshopId = twoGroupsInRoleplay(workshops);
  advance(workshops, workshopId, ["g1"], "done");
  return { held, workshops, scoring, repo, workshopId };
}

/** Two groups in role-play, the service started, and a list of what onRoundsWritten was told; reads wait for the test. */
function twoGroupsWatched() {
  const held = heldReader();
  const { workshops, scoring, repo, logged } = setUp(held.reader);
  const workshopId = twoGroupsInRoleplay(workshops);
  const stop = scoring.start();
  const told: string[] = [];
  scoring.onRoundsWritten((id) => told.push(id));
  return { held, workshops, scoring, repo, logged, workshopId, told, stop };
}

function must(workshops: WorkshopService, workshopId: string, command: Parameters<WorkshopService["execute"]>[1], actor: Parameters<WorkshopService["execute"]>[2] = OWNER) {
  const result = workshops.execute(workshopId, command, actor);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.error.message}`);
}

/** Moves the groups on, one phase at a time, until they are in `phase`. */
function advance(workshops: WorkshopService, workshopId: string, groupIds: string[], phase: GroupPhase) {
  const order: GroupPhase[] = ["briefing", "roleplay", "reset", "debrief", "done"];
  const phaseOf = (id: string) => workshops.load(workshopId)!.state.groups.find((g) => g.id === id)!.phase;
  while (groupIds.some((id) => order.indexOf(phaseOf(id)) < order.indexOf(phase))) {
    must(workshops, workshopId, { type: "advanceGroups", groupIds: groupIds.filter((id) => order.indexOf(phaseOf(id)) < order.indexOf(phase)) });
  }
}

const observersOf = (workshops: WorkshopService, workshopId: string, groupId: string) => sheetOf(workshops.load(workshopId)!.state, groupId, 1)!.observerIds;

describe("materialising a finished round", () => {
  it("reads the shared sheet and every unsubmitted draft at once, then writes the rows", async () => {
    const { held, workshops, scoring, repo, workshopId } = groupOneDone();

    const materialised = scoring.materialise(workshopId, "g1", 1);
    // Every read has started before any has been answered: they run concurrently.
    expect(held.reads.map((r) => parseSheetDocName(r.docName)?.kind).sort()).toEqual(["observer", "observer", "rubric"]);
    held.answer("g1");
    await expect(materialised).resolves.toEqual({ scores: 4, behaviourTicks: 2, notes: 1 });
    const rows = repo.roundRows(workshopId, "g1", 1);
    expect(rows.scores.filter((s) => s.kind === "observer").map((s) => s.raterParticipantId).sort()).toEqual([...observersOf(workshops, workshopId, "g1")].sort());
    expect(rows.notes.map((n) => n.noteId)).toEqual(["note-g1"]);
  });

  it("runs one round's materialisations in turn, so the one asked for last writes last", async () => {
    const { held, scoring, repo, workshopId } = groupOneDone();

    const first = scoring.materialise(workshopId, "g1", 1);
    const second = scoring.materialise(workshopId, "g1", 1);
    // The second reads nothing until the first has written.
    expect(held.reads).toHaveLength(3);
    await turns(2);
    expect(held.reads).toHaveLength(3);
    held.answer("g1");
    await first;
    await turns(2);
    expect(held.reads).toHaveLength(3);
    // The second reading saw a newer shared sheet: its note is the one kept.
    for (const r of held.reads.splice(0)) {
      r.resolve(parseSheetDocName(r.docName)?.kind === "observer" ? { scores: {}, behaviours: {} } : { notes: [{ ...note("g1"), id: "note-later" }], agreed: FULL, meta: {} });
    }
    await second;
    expect(repo.roundRows(workshopId, "g1", 1).notes.map((n) => n.noteId)).toEqual(["note-later"]);
  });

  it("a failed run does not stop the next one of the same round", async () => {
    const { held, scoring, repo, workshopId } = groupOneDone();

    const first = scoring.materialise(workshopId, "g1", 1);
    const second = scoring.materialise(workshopId, "g1", 1);
    held.fail("g1");
    await expect(first).rejects.toThrow("unreachable");
    await turns(2);
    held.answer("g1");
    await expect(second).resolves.toMatchObject({ notes: 1 });
    expect(repo.hasRound(workshopId, "g1", 1)).toBe(true);
  });

  it("writes nothing, and rejects, when a read fails", async () => {
    const { held, workshops, scoring, repo, workshopId } = groupOneDone();

    const materialised = scoring.materialise(workshopId, "g1", 1);
    held.fail("g1");
    await expect(materialised).rejects.toThrow("unreachable");
    expect(repo.hasRound(workshopId, "g1", 1)).toBe(false);
  });
});

describe("rounds written in the background", () => {
  it("tells onRoundsWritten only once the rows are in the repository, not when the writing starts", async () => {
    const held = heldReader();
    const { workshops, scoring, repo } = setUp(held.reader);
    const workshopId = twoGroupsInRoleplay(workshops);
    const stop = scoring.start();
    const told: { workshopId: string; hadRows: boolean }[] = [];
    scoring.onRoundsWritten((id) => told.push({ workshopId: id, hadRows: repo.hasRound(workshopId, "g1", 1) }));

    advance(workshops, workshopId, ["g1"], "done");
    await turns(5);
    // The group's turn has come and its reads are out, but nothing is written yet.
    expect(held.reads.length).toBeGreaterThan(0);
    expect(told).toEqual([]);
    expect(repo.hasRound(workshopId, "g1", 1)).toBe(false);

    held.answer("g1");
    await turns(2);
    expect(told).toEqual([{ workshopId, hadRows: true }]);
    stop();
  });

  it("waits for every queued round of the workshop, however their reads finish", async () => {
    const { held, workshops, repo, workshopId, told, stop } = twoGroupsWatched();

    advance(workshops, workshopId, ["g1", "g2"], "done");
    await turns(5);
    // The later group's reads finish first: the workshop still has a round to write.
    held.answer("g2");
    await turns(2);
    expect(repo.hasRound(workshopId, "g2", 1)).toBe(true);
    expect(told).toEqual([]);

    held.answer("g1");
    await turns(2);
    expect(repo.hasRound(workshopId, "g1", 1)).toBe(true);
    expect(told).toEqual([workshopId]);
    stop();
  });

  it("logs a round whose documents cannot be read, and goes on with the other groups", async () => {
    const { held, workshops, repo, logged, workshopId, told, stop } = twoGroupsWatched();

    advance(workshops, workshopId, ["g1", "g2"], "done");
    await turns(2);
    held.fail("g1");
    await turns(5);
    held.answer("g2");
    await turns(2);

    expect(logged).toEqual([expect.stringContaining(`Could not store the scores of g1, round 1 in workshop ${workshopId}`)]);
    expect(logged[0]).toContain("unreachable");
    expect(repo.hasRound(workshopId, "g1", 1)).toBe(false);
    expect(repo.hasRound(workshopId, "g2", 1)).toBe(true);
    // The failed round is settled too: the workshop's rounds are done with.
    expect(told).toEqual([workshopId]);
    stop();
  });

  it("catches up at start-up on finished rounds without rows, and tells onRoundsWritten once they are in", async () => {
    const held = heldReader();
    const { workshops, scoring, repo } = setUp(held.reader);
    const workshopId = twoGroupsInRoleplay(workshops);
    // Finished while nothing was listening (a crash before the rows).
    advance(workshops, workshopId, ["g1"], "done");
    const told: string[] = [];
    scoring.onRoundsWritten((id) => told.push(id));

    const stop = scoring.start();
    expect(typeof stop).toBe("function");
    expect(held.reads.length).toBeGreaterThan(0);
    expect(told).toEqual([]);
    held.answer("g1");
    await turns(2);
    expect(repo.hasRound(workshopId, "g1", 1)).toBe(true);
    expect(told).toEqual([workshopId]);
    stop();
  });
});

describe("submitting scores", () => {
  it("submits what the observer's own sheet holds, once it has been read", async () => {
    const held = heldReader();
    const { workshops, scoring } = setUp(held.reader);
    const workshopId = twoGroupsInRoleplay(workshops);
    const observer = observersOf(workshops, workshopId, "g1")[0]!;

    const submitted = scoring.submitScores(workshopId, { kind: "participant", participantId: observer });
    expect(held.reads.map((r) => r.docName)).toEqual([`workshop/${workshopId}/group/g1/round/1/observer/${observer}`]);
    held.reads[0]!.resolve({ scores: FULL, behaviours: {} });
    await expect(submitted).resolves.toMatchObject({ ok: true });
    expect(sheetOf(workshops.load(workshopId)!.state, "g1", 1)!.submissions[observer]).toMatchObject({ scores: FULL });
  });

  it("rejects, and submits nothing, when the sheet cannot be read", async () => {
    const held = heldReader();
    const { workshops, scoring } = setUp(held.reader);
    const workshopId = twoGroupsInRoleplay(workshops);
    const observer = observersOf(workshops, workshopId, "g1")[0]!;

    const submitted = scoring.submitScores(workshopId, { kind: "participant", participantId: observer });
    held.fail("g1");
    await expect(submitted).rejects.toThrow("unreachable");
    expect(sheetOf(workshops.load(workshopId)!.state, "g1", 1)!.submissions).toEqual({});
  });

  it("refuses scores read from a round the group has since left, and files them under neither round", async () => {
    const held = heldReader();
    const { workshops, scoring } = setUp(held.reader);
    const workshopId = twoGroupsInRoleplay(workshops, 2);
    const observer = observersOf(workshops, workshopId, "g1")[0]!;

    const submitted = scoring.submitScores(workshopId, { kind: "participant", participantId: observer });
    // While the sheet is read, both groups finish round 1 and round 2 starts with the same observer.
    advance(workshops, workshopId, ["g1", "g2"], "done");
    must(workshops, workshopId, { type: "startRound" });
    const g1 = workshops.load(workshopId)!.state.groups.find((g) => g.id === "g1")!;
    for (const [i, participantId] of g1.memberIds.entries()) {
      must(workshops, workshopId, { type: "setRole", groupId: "g1", participantId, role: participantId === observer ? "observer" : i === 0 ? "staff" : i === 1 ? "patient" : "observer" });
    }
    advance(workshops, workshopId, ["g1", "g2"], "roleplay");
    expect(sheetOf(workshops.load(workshopId)!.state, "g1", 2)!.observerIds).toContain(observer);

    held.reads[0]!.resolve({ scores: FULL, behaviours: {} });
    await expect(submitted).resolves.toMatchObject({ ok: false, error: { code: "conflict" } });
    const state = workshops.load(workshopId)!.state;
    expect(sheetOf(state, "g1", 1)!.submissions).toEqual({});
    expect(sheetOf(state, "g1", 2)!.submissions).toEqual({});
  });

  it("leaves it to the rules when there is no sheet to read", async () => {
    const held = heldReader();
    const { workshops, scoring } = setUp(held.reader);
    const workshopId = twoGroupsInRoleplay(workshops);
    const staff = workshops.load(workshopId)!.state.groups[0]!.memberIds[0]!;

    await expect(scoring.submitScores(workshopId, { kind: "participant", participantId: staff })).resolves.toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(held.reads).toEqual([]);
  });
});
