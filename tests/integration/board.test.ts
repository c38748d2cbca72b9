import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BoardAck, BoardMineReply, PublicBoardMeta, PublicCard } from "../../server/domain/board";
import type { ResultsWall } from "../../server/services/board/results-wall";
import { connectDoc, roundTrip, setUpRound, startCollabServer, synced, tryUpgrade, until, type CollabTestServer, type DocClient, type Person } from "../support/collab";
import { playScoredWorkshop, type Member, type ScoredWorkshop } from "../support/scored-workshop";
import { connectSocket, getPage, nextEvent, type ClientSocket } from "../support/test-server";

/**
 * The debrief board end to end over the real transports: commands over
 * socket.io, the board through its Yjs document opened read-only by every
 * screen. What the server refuses never shows; what it accepts shows
 * everywhere; who wrote or voted never leaves the server unless names are shown.
 */

let server: CollabTestServer;
let w: ScoredWorkshop;
let dir: string;
const sockets: ClientSocket[] = [];
const docs: DocClient[] = [];

const boardName = () => `workshop/${w.workshopId}/debrief`;
const meta = (c: DocClient) => c.doc.getMap("meta").toJSON() as PublicBoardMeta;
const cards = (c: DocClient) => Object.values(c.doc.getMap("cards").toJSON() as Record<string, PublicCard>).sort((a, b) => a.createdAt - b.createdAt);
const wall = (c: DocClient) => c.doc.getMap("results").get("wall") as ResultsWall | undefined;

async function socketOf(member: Member | "facilitator") {
  const socket = member === "facilitator" ? await connectSocket(w.url, w.facilitatorCookie, w.workshopId, "facilitator") : await connectSocket(w.url, member.cookie, w.workshopId, "participant");
  sockets.push(socket);
  return socket;
}
async function board(member: Member | "facilitator") {
  const client = member === "facilitator" ? connectDoc(w.url, boardName(), w.facilitatorCookie, "facilitator") : connectDoc(w.url, boardName(), member.cookie);
  docs.push(client);
  await synced(client.provider);
  return client;
}
const send = (socket: ClientSocket, command: Record<string, unknown>): Promise<BoardAck> => socket.timeout(5_000).emitWithAck("board:command", command as never);
const mine = (socket: ClientSocket): Promise<BoardMineReply> => socket.timeout(5_000).emitWithAck("board:mine");
async function must(socket: ClientSocket, command: Record<string, unknown>) {
  const ack = await send(socket, command);
  if (!ack.ok) throw new Error(`${String(command.type)} refused: ${ack.error.message}`);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-board-"));
  server = await startCollabServer({ databasePath: path.join(dir, "rolecall.db") });
  w = await playScoredWorkshop(server.url, { plenary: false });
}, 60_000);

afterAll(async () => {
  for (const d of docs) d.destroy();
  for (const s of sockets) s.close();
  w?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the debrief board", () => {
  it("stays closed until the plenary starts, then shows every round's results", async () => {
    const before = await tryUpgrade(w.url, `/yjs/${boardName()}`, w.members.Ana!.cookie);
    expect(before).toMatchObject({ opened: false, status: 403, body: expect.stringContaining("plenary") });
    const sam = await socketOf(w.members.Sam!);
    expect(await mine(sam)).toMatchObject({ ok: false, error: { code: "conflict" } });

    await w.command({ type: "startPlenary" });
    const ana = await board(w.members.Ana!);
    expect(meta(ana)).toMatchObject({ step: "results", votesPerPerson: 3, showNames: false, spotlight: null, themes: [] });
    const results = wall(ana)!;
    expect(results.rows.map((r) => r.criterionId)).toEqual(["acknowledge", "calibrate", "re-enter", "own"]);
    expect(results.columns.map((c) => [c.groupId, c.round, c.scenarioTitle !== null])).toEqual([
      ["g1", 1, true],
      ["g1", 2, true],
    ]);
    // Round 1's observers gave acknowledge 3, 4 and a draft 3; the staff member said 4; the patient "partly".
    expect(results.columns[0]!.cells.acknowledge).toMatchObject({ mean: 10 / 3, n: 3, self: 4 });
    expect(results.columns[0]!.patientFeltHeard).toBe("partly");
    // Round 1's own: 2 and 4, two levels apart.
    expect(results.columns[0]!.cells.own).toMatchObject({ disagreement: true });
    expect(JSON.stringify(results)).not.toContain(w.members.Sam!.name);
  });

  it("drops anything a browser writes into the board document itself", async () => {
    const ana = await board(w.members.Ana!);
    const ben = await board(w.members.Ben!);
    ana.doc.getMap("meta").set("step", "discuss");
    ana.doc.getMap("cards").set("forged", { id: "forged", text: "I voted 100 times" });
    const facilitator = await socketOf("facilitator");
    await must(facilitator, { type: "setBoardStep", step: "cards" });
    await until(ben.doc, () => meta(ben).step === "cards", () => `step: ${meta(ben).step}`);
    expect(cards(ben)).toEqual([]);
  });

  it("promotes an observer's own note anonymously, refuses someone else's, and takes participants' own cards", async () => {
    const round1 = w.rounds[0]!;
    const [first, second] = round1.observers as [Member, Member];
    const firstSocket = await socketOf(first);
    const secondSocket = await socketOf(second);
    const reply = await mine(firstSocket);
    if (!reply.ok || reply.role !== "participant") throw new Error("expected the participant's side");
    const own = reply.mine.notes.find((n) => n.text === "Named the lost afternoon before the money")!;
    expect(own).toMatchObject({ groupName: "Group 1", round: 1, kind: "strength", onBoard: false });

    expect(await send(secondSocket, { type: "promoteNote", noteId: own.noteId })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const updated = nextEvent(firstSocket, "board:mine", (r) => r.ok && r.role === "participant" && r.mine.notes.some((n) => n.noteId === own.noteId && n.onBoard));
    await must(firstSocket, { type: "promoteNote", noteId: own.noteId });
    await updated;

    await must(secondSocket, { type: "addCard", kind: "swap", text: "Your visit is $40 today", insteadOf: "It's just your copay" });
    expect(await send(secondSocket, { type: "addCard", kind: "worked", text: "   " })).toMatchObject({ ok: false, error: { code: "bad-request", message: "Write something on the card first." } });

    const viewer = await board(w.members.Pat!);
    await until(viewer.doc, () => cards(viewer).length === 2, () => JSON.stringify(cards(viewer)));
    expect(cards(viewer).map((c) => [c.kind, c.source, c.from, c.author])).toEqual([
      ["worked", "note", { groupId: "g1", round: 1 }, null],
      ["swap", "participant", null, null],
    ]);
    const published = JSON.stringify(viewer.doc.toJSON());
    for (const person of Object.values(w.members)) {
      expect(published).not.toContain(person.id);
      expect(published).not.toContain(`"${person.name}"`);
    }

    const facilitator = await socketOf("facilitator");
    await must(facilitator, { type: "setShowNames", show: true });
    await until(viewer.doc, () => cards(viewer).every((c) => c.author !== null), () => JSON.stringify(cards(viewer)));
    expect(cards(viewer).map((c) => c.author)).toEqual([first.name, second.name]);
    await must(facilitator, { type: "setShowNames", show: false });
    await until(viewer.doc, () => cards(viewer).every((c) => c.author === null), () => JSON.stringify(cards(viewer)));
  });

  it("groups, counts votes within each person's allowance, and spotlights on every screen", async () => {
    const facilitator = await socketOf("facilitator");
    const participantsView = await board(w.members.Cleo ?? w.members["=Cleo"]!);
    const presenter = await board("facilitator");
    const [workedCard, swapCard] = cards(participantsView) as [PublicCard, PublicCard];

    await must(facilitator, { type: "setBoardStep", step: "group" });
    await must(facilitator, { type: "addTheme", title: "Money talk" });
    await until(presenter.doc, () => meta(presenter).themes.length === 1, () => JSON.stringify(meta(presenter)));
    const theme = meta(presenter).themes[0]!;
    await must(facilitator, { type: "setCardTheme", cardId: swapCard.id, themeId: theme.id });

    await must(facilitator, { type: "setVotesPerPerson", votes: 2 });
    const sam = await socketOf(w.members.Sam!);
    expect(await send(sam, { type: "vote", cardId: swapCard.id })).toMatchObject({ ok: false, error: { message: "Voting opens at the Vote step." } });
    await must(facilitator, { type: "setBoardStep", step: "vote" });
    await must(sam, { type: "vote", cardId: swapCard.id });
    await must(sam, { type: "vote", cardId: swapCard.id });
    expect(await send(sam, { type: "vote", cardId: workedCard.id })).toMatchObject({ ok: false, error: { code: "limit" } });
    const pat = await socketOf(w.members.Pat!);
    await must(pat, { type: "vote", cardId: workedCard.id });
    expect(await send(facilitator, { type: "vote", cardId: workedCard.id })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await mine(sam)).toMatchObject({ ok: true, role: "participant", mine: { votes: { [swapCard.id]: 2 }, votesLeft: 0 } });

    await must(facilitator, { type: "setSpotlight", spotlight: { kind: "card", cardId: swapCard.id } });
    for (const screen of [participantsView, presenter]) {
      await until(screen.doc, () => meta(screen).spotlight?.kind === "card", () => JSON.stringify(meta(screen)));
      expect(meta(screen)).toMatchObject({ step: "vote", votesPerPerson: 2, spotlight: { kind: "card", cardId: swapCard.id } });
      expect(cards(screen).map((c) => [c.votes, c.themeId])).toEqual([
        [1, null],
        [2, theme.id],
      ]);
    }
    expect(JSON.stringify(presenter.doc.toJSON())).not.toContain(w.members.Sam!.id);
  });

  it("keeps participants away from the facilitator's controls and gives removed cards' votes back", async () => {
    const sam = await socketOf(w.members.Sam!);
    for (const command of [
      { type: "setBoardStep", step: "discuss" },
      { type: "setSpotlight", spotlight: null },
      { type: "setShowNames", show: true },
      { type: "setVotesPerPerson", votes: 10 },
    ]) {
      expect(await send(sam, command)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    expect(await send(sam, { type: "setBoardStep", step: "nonsense" })).toMatchObject({ ok: false, error: { code: "bad-request" } });

    const presenter = await board("facilitator");
    const swap = cards(presenter).find((c) => c.kind === "swap")!;
    const facilitator = await socketOf("facilitator");
    const refunded = nextEvent(sam, "board:mine", (r) => r.ok && r.role === "participant" && r.mine.votesLeft === 2);
    await must(facilitator, { type: "removeCard", cardId: swap.id });
    await refunded;
    await until(presenter.doc, () => cards(presenter).length === 1 && meta(presenter).spotlight === null, () => JSON.stringify(presenter.doc.toJSON()));
  });

  it("goes into the facilitator's report and JSON export with totals, not who voted", async () => {
    const report = server.services.reports.workshopReport(w.workshopId)!;
    expect(report.board).toMatchObject({ votesPerPerson: 2, themes: ["Money talk"] });
    expect(report.board!.cards.map((c) => [c.kind, c.votes, c.source])).toEqual([["worked", 1, "note"]]);
    const response = await getPage(w.url, `/w/${w.workshopId}/export.json`, w.facilitatorCookie);
    expect(response.status).toBe(200);
    const exported = (await response.json()) as { debriefBoard: { cards: { text: string; votes: number }[] } };
    expect(exported.debriefBoard.cards).toEqual([expect.objectContaining({ text: "Named the lost afternoon before the money", votes: 1 })]);
    expect(JSON.stringify(exported.debriefBoard)).not.toContain(w.members.Pat!.id);
  });

  it("keeps the board through a restart", async () => {
    const before = await board("facilitator");
    const snapshot = { meta: meta(before), cards: cards(before) };
    for (const d of docs.splice(0)) d.destroy();
    for (const s of sockets.splice(0)) s.close();
    w.close();
    await server.close();
    server = await startCollabServer({ databasePath: path.join(dir, "rolecall.db") });
    w = { ...w, url: server.url };
    const after = await board("facilitator");
    expect({ meta: meta(after), cards: cards(after) }).toEqual(snapshot);
    expect(wall(after)!.columns).toHaveLength(2);
  });
});

describe("a plenary started while a round is still running", () => {
  it("shows that round's results once its rows are written", async () => {
    const other = await startCollabServer();
    const clients: DocClient[] = [];
    const socketsHere: ClientSocket[] = [];
    try {
      const setup = await setUpRound(other.url);
      const [ana] = setup.observers as [Person];
      const sheet = connectDoc(other.url, setup.observerDoc(ana), ana.cookie);
      clients.push(sheet);
      await synced(sheet.provider);
      sheet.doc.getMap("scores").set("acknowledge", 3);
      await roundTrip(sheet.provider);
      // Not submitted: a draft is written with the round like any other rating.

      // Mid role-play: the plenary closes the round, and its rows are written just after.
      await setup.command({ type: "startPlenary" });
      const wallClient = connectDoc(other.url, `workshop/${setup.workshopId}/debrief`, setup.facilitatorCookie, "facilitator");
      clients.push(wallClient);
      await synced(wallClient.provider);
      const wallOf = () => wallClient.doc.getMap("results").get("wall") as ResultsWall | undefined;
      await until(wallClient.doc, () => (wallOf()?.columns.length ?? 0) === 1, () => JSON.stringify(wallOf()));
      expect(wallOf()!.columns[0]!.cells.acknowledge).toMatchObject({ mean: 3, n: 1 });
    } finally {
      for (const c of clients) c.destroy();
      for (const s of socketsHere) s.close();
      await other.close();
    }
  });
});
