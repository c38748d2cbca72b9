import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCORE_CSV_HEADER } from "../../server/domain/analysis/csv";
import { WORKSHOP_DELETED_MESSAGE } from "../../server/realtime/socket-server";
import { connectDoc, startCollabServer, synced, until, type CollabTestServer } from "../support/collab";
import { csvObjects, parseCsv } from "../support/csv";
import { playScoredWorkshop, SCENARIO, type ScoredWorkshop } from "../support/scored-workshop";
import {
  addFacilitator,
  connectSocket,
  createWorkshop,
  decodeHtml,
  getPage,
  joinWorkshop,
  nextDisconnect,
  nextEvent,
  postForm,
  sendCommand,
  signIn,
} from "../support/test-server";

/**
 * Reports over a workshop played for real (socket.io commands, Yjs sheets,
 * rows materialised when rounds end): the exports hold exactly what was
 * scored, only the owner gets them, a participant's summary is theirs alone,
 * and deleting leaves nothing behind.
 */

let server: CollabTestServer;
let w: ScoredWorkshop;
const OTHER = { name: "Lee Okafor", email: "lee@example.org", password: "another long passphrase" };
let otherCookie: string;

beforeAll(async () => {
  server = await startCollabServer();
  w = await playScoredWorkshop(server.url);
  expect((await addFacilitator(server.url, w.facilitatorCookie, OTHER)).status).toBe(200);
  otherCookie = await signIn(server.url, OTHER.email, OTHER.password);
}, 60_000);

afterAll(async () => {
  w?.close();
  await server?.close();
});

const state = () => server.services.workshops.load(w.workshopId)!.state;
const titles: Record<string, string> = { acknowledge: "Acknowledge", calibrate: "Calibrate", "re-enter": "Re-enter", own: "Own" };
/** What a spreadsheet shows for a name we wrote: text starting with = + - @ gets an apostrophe. */
const cell = (text: string) => (/^[=+\-@]/.test(text) ? `'${text}` : text);

function dbRows<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe("CSV export", () => {
  it("parses as RFC 4180 and holds one row per rating, exactly as scored", async () => {
    const response = await getPage(server.url, `/w/${w.workshopId}/export.csv`, w.facilitatorCookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const date = new Date(state().createdAt).toISOString().slice(0, 10);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="front-desk-refresher-march-${date}.csv"; filename*=UTF-8''front-desk-refresher-march-${date}.csv`,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const bytes = new Uint8Array(await response.arrayBuffer());
    // Excel needs the byte-order mark to read the names as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.slice(3));
    expect(parseCsv(text)[0]).toEqual([...SCORE_CSV_HEADER]);
    const rows = csvObjects(text);

    const difficulty = String(server.services.catalog.getScenario(SCENARIO)!.difficultyIndex.score);
    const expected = w.expected.map((e) => {
      const staff = w.members[e.staff]!;
      return {
        workshop: "Front desk refresher, March",
        date,
        team: staff.team,
        shift: staff.shift,
        scenario: "A copay nobody mentioned",
        difficulty,
        round: String(e.round),
        participant: cell(e.staff),
        role: e.kind,
        criterion: titles[e.criterion]!,
        rater: e.rater === null ? "" : cell(e.rater),
        score: String(e.score),
      };
    });
    const key = (r: Record<string, string>) => JSON.stringify(SCORE_CSV_HEADER.map((h) => r[h]));
    expect(rows.map(key).sort()).toEqual(expected.map(key).sort());
    // And the same number of rows the database holds: nothing dropped, nothing doubled.
    expect(rows).toHaveLength(dbRows("select 1 from scores where workshop_id = ?", w.workshopId).length);
    // Rounds in order, observers before self and agreed within a round.
    expect(rows.map((r) => Number(r.round))).toEqual([...rows.map((r) => Number(r.round))].sort((a, b) => a - b));
    expect(rows.filter((r) => r.rater === "'=Cleo").length).toBeGreaterThan(0);
    expect(rows.some((r) => r.rater === "=Cleo" || r.participant === "=Cleo")).toBe(false);
  });
});

describe("JSON export", () => {
  it("holds the whole workshop: state, event log, ratings, ticks, notes and the content it used", async () => {
    const response = await getPage(server.url, `/w/${w.workshopId}/export.json`, w.facilitatorCookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="front-desk-refresher-march-\d{4}-\d{2}-\d{2}\.json"/);
    const data = (await response.json()) as {
      format: string;
      workshop: { id: string; title: string; code: string; teamLabel: string; facilitator: { name: string } };
      state: { participants: Record<string, { displayName: string; team: string; shift: string }>; stage: string; sheets: Record<string, unknown> };
      events: { version: number; type: string }[];
      scores: { kind: string; score: number; criterionId: string }[];
      behaviourTicks: { behaviourId: string }[];
      notes: { kind: string; text: string; insteadOf: string | null }[];
      scenarios: { id: string; difficulty: { score: number } }[];
      rubrics: { id: string; criteria: unknown[] }[];
    };
    expect(data.format).toBe("rolecall-workshop");
    expect(data.workshop).toMatchObject({ id: w.workshopId, title: w.title, code: w.code, teamLabel: "Outpatients", facilitator: { name: "Dana Reyes" } });
    expect(Object.values(data.state.participants).map((p) => [p.displayName, p.team, p.shift])).toEqual(
      Object.values(w.members).map((m) => [m.name, m.team, m.shift]),
    );
    expect(data.state.stage).toBe("plenary");
    expect(Object.keys(data.state.sheets).sort()).toEqual(["g1/1", "g1/2"]);
    const storedEvents = dbRows<{ version: number }>("select version from workshop_events where workshop_id = ? order by version", w.workshopId);
    expect(data.events.map((e) => e.version)).toEqual(storedEvents.map((e) => e.version));
    expect(data.events[0]!.type).toBe("workshopCreated");
    expect(data.scores).toHaveLength(w.expected.length);
    expect(data.behaviourTicks.map((t) => t.behaviourId)).toEqual(["names-burden"]);
    expect(data.notes.map((n) => n.text).sort()).toEqual(w.notes.map((n) => n.text).sort());
    expect(data.notes.find((n) => n.kind === "swap")).toMatchObject({ insteadOf: "That's just your copay" });
    expect(data.scenarios).toEqual([expect.objectContaining({ id: SCENARIO, difficulty: expect.objectContaining({ score: expect.any(Number) }) })]);
    expect(data.rubrics.map((r) => r.id)).toEqual(["acro"]);
  });
});

describe("the facilitator's report", () => {
  it("shows scores with difficulty, agreement in words, disagreement flags, notes and phrase swaps", async () => {
    const response = await getPage(server.url, `/w/${w.workshopId}/report`, w.facilitatorCookie);
    expect(response.status).toBe(200);
    const html = decodeHtml(await response.text());
    expect(html).toContain("Front desk refresher, March");
    expect(html).toContain("Scores per criterion");
    expect(html).toMatch(/Difficulty \d+\/10 · (gentle|moderate|hard|very hard)/);
    expect(html).toContain("Do the observers agree?");
    expect(html).toMatch(/0\.8 or more is good; 0\.667 to 0\.8 is tentative; below that, observers read the rubric differently — calibrate/);
    // Round 1: Ana gave Own a 2, Ben a 4.
    expect(html).toMatch(/<strong>Own<\/strong> — Group 1, round 1 \(Sam as staff\): 2 observers gave 2 to 4/);
    expect(html).toContain("That's just your copay");
    expect(html).toContain("Your visit is $40; you can pay today or set up a plan");
    expect(html).toContain("Named the lost afternoon before the money");
    expect(html).toContain("observers who never pressed submit");
  });

  it("belongs to its owner: another facilitator gets 404, a participant or a stranger is sent to sign in", async () => {
    for (const path of ["report", "export.csv", "export.json"]) {
      const other = await getPage(server.url, `/w/${w.workshopId}/${path}`, otherCookie);
      expect(other.status, path).toBe(404);
      expect(await other.text()).not.toContain("Front desk refresher");
      for (const cookie of [w.members.Sam!.cookie, undefined]) {
        const refused = await getPage(server.url, `/w/${w.workshopId}/${path}`, cookie);
        expect(refused.status, path).toBe(302);
        expect(refused.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(`/w/${w.workshopId}/${path}`)}`);
      }
    }
    const trends = await getPage(server.url, "/trends", w.members.Sam!.cookie);
    expect(trends.status).toBe(302);
    expect(trends.headers.get("location")).toMatch(/^\/login/);
    // Nor can another facilitator (or a participant) delete it.
    expect((await postForm(server.url, `/w/${w.workshopId}/report`, { intent: "delete", confirmTitle: w.title }, otherCookie)).status).toBe(404);
    expect((await postForm(server.url, `/w/${w.workshopId}/report`, { intent: "delete", confirmTitle: w.title }, w.members.Sam!.cookie)).status).toBe(302);
    expect(server.services.workshops.load(w.workshopId)).not.toBeNull();
  });
});

describe("a participant's own summary", () => {
  const summaryOf = async (cookie: string | undefined, query = "") => getPage(server.url, `/p/${w.workshopId}/summary${query}`, cookie);

  it("shows their scores as staff, their self-assessment and the notes about them — nobody else's", async () => {
    const sam = w.members.Sam!;
    const response = await summaryOf(sam.cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const html = decodeHtml(await response.text());
    expect(html).toMatch(/<h1>Sam<\/h1>/);
    expect(html).toContain("Round 1: you as the staff member");
    // Observers' levels, unnamed: Acknowledge was 3 (Ana), 4 (Ben), 3 (Cleo's draft).
    expect(html).toMatch(/Acknowledge[\s\S]*?<dt>Observers<\/dt><dd>3, 3, 4<\/dd>/);
    expect(html).toContain("The patient felt heard: partly.");
    for (const n of w.notes.filter((n) => n.staff === "Sam")) expect(html).toContain(n.text);
    // Nothing about anyone else's turn, unless Sam wrote it himself.
    for (const n of w.notes.filter((n) => n.staff !== "Sam" && n.author !== "Sam")) expect(html).not.toContain(n.text);
    for (const m of Object.values(w.members).filter((m) => m.name !== "Sam")) expect(html).not.toContain(m.id);
    const round2Staff = w.rounds[1]!.staff;
    if (round2Staff.name !== "Sam") expect(html).not.toContain(`Round 2: you as the staff member`);
  });

  it("is chosen by the cookie alone: another participant sees their own, whatever the URL says", async () => {
    const pat = w.members.Pat!;
    const sam = w.members.Sam!;
    for (const query of ["", `?participantId=${sam.id}`, `?p=${sam.id}&as=${sam.id}`]) {
      const html = decodeHtml(await (await summaryOf(pat.cookie, query)).text());
      expect(html).toMatch(/<h1>Pat<\/h1>/);
      expect(html).not.toMatch(/<h1>Sam<\/h1>/);
      for (const n of w.notes.filter((n) => n.staff === "Sam")) expect(html).not.toContain(n.text);
      expect(html).toContain("Round 1, as the patient: you felt heard — partly.");
    }
  });

  it("opens for nobody without this workshop's participant cookie", async () => {
    const elsewhere = await createWorkshop(server.url, w.facilitatorCookie, "Another day");
    const stranger = await joinWorkshop(server.url, elsewhere.code, "Stranger");
    for (const cookie of [stranger.cookie, w.facilitatorCookie, otherCookie, undefined, `rc_p_${w.workshopId}=forged`]) {
      const response = await summaryOf(cookie);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/join");
    }
  });
});

describe("trends", () => {
  it("shows a criterion over workshops per team, and refuses a malformed choice in words", async () => {
    const page = decodeHtml(await (await getPage(server.url, "/trends?measure=acro/acknowledge&segment=team&bucket=month", w.facilitatorCookie)).text());
    expect(page).toContain("Acknowledge by team");
    const teams = new Set(w.rounds.map((r) => r.staff.team));
    for (const team of teams) expect(page).toContain(`<th scope="row">${team}</th>`);
    expect(page).toContain("only one cycle so far");
    const bad = decodeHtml(await (await getPage(server.url, "/trends?segment=desk&bucket=decade", w.facilitatorCookie)).text());
    expect(bad).toContain("Segment by team, shift, scenario or facilitator. Showing the defaults instead.");
    // Another facilitator sees only their own workshops unless they ask for everyone's.
    const mine = decodeHtml(await (await getPage(server.url, "/trends", otherCookie)).text());
    expect(mine).toContain("0 workshops");
    const everyone = decodeHtml(await (await getPage(server.url, "/trends?scope=all&measure=acro/overall&segment=facilitator", otherCookie)).text());
    expect(everyone).toContain(`<th scope="row">Dana Reyes</th>`);
  });
});

describe("deleting a workshop", () => {
  it("needs the title typed exactly, then removes every row, evicts it and disconnects everyone", async () => {
    const doomed = await playScoredWorkshop(server.url, { title: "Delete me: late shift", facilitatorCookie: w.facilitatorCookie, plenary: false });
    try {
      const removed = doomed.rounds[1]!.observers[2]!;
      // Grouping is random: take someone other than the person removed below.
      const first = Object.values(doomed.members).find((m) => m.id !== removed.id);
      // Before the plenary a summary is not open yet.
      expect(decodeHtml(await (await getPage(server.url, `/p/${doomed.workshopId}/summary`, first!.cookie)).text())).toContain(
        "Your summary opens when the whole group meets for the plenary debrief, or when the workshop ends.",
      );
      // Someone removed gets no summary at all.
      await doomed.command({ type: "removeParticipant", participantId: removed.id, reason: null });
      await doomed.command({ type: "startPlenary" });
      expect((await getPage(server.url, `/p/${doomed.workshopId}/summary`, removed.cookie)).status).toBe(403);

      const participant = await connectSocket(server.url, first!.cookie, doomed.workshopId, "participant");
      const sheet = connectDoc(server.url, `workshop/${doomed.workshopId}/group/g1/round/2/rubric`, doomed.facilitatorCookie, "facilitator");
      await synced(sheet.provider);
      const closes: number[] = [];
      sheet.provider.on("connection-close", (event: CloseEvent | null) => {
        if (event) closes.push(event.code);
      });

      const wrong = await postForm(server.url, `/w/${doomed.workshopId}/report`, { intent: "delete", confirmTitle: "delete me" }, doomed.facilitatorCookie);
      expect(wrong.status).toBe(400);
      expect(decodeHtml(await wrong.text())).toContain("That does not match the title. Type “Delete me: late shift” exactly to delete the workshop.");
      const unknown = await postForm(server.url, `/w/${doomed.workshopId}/report`, { intent: "wipe", confirmTitle: doomed.title }, doomed.facilitatorCookie);
      expect(unknown.status).toBe(400);
      expect(server.services.workshops.load(doomed.workshopId)).not.toBeNull();

      const told = nextEvent(participant, "workshop:deleted");
      const gone = nextDisconnect(participant);
      const response = await postForm(server.url, `/w/${doomed.workshopId}/report`, { intent: "delete", confirmTitle: "  Delete me:  late shift " }, doomed.facilitatorCookie);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/dashboard?deleted=1");
      expect(await told).toEqual({ message: WORKSHOP_DELETED_MESSAGE });
      expect(await gone).toBe("io server disconnect");
      await until(null, () => closes.includes(4403), () => `Yjs connection closes: ${JSON.stringify(closes)}`);
      sheet.destroy();

      // Every table that holds a workshop's data is empty for this one, and untouched for the other.
      const tables = dbRows<{ name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'")
        .map((t) => t.name)
        .filter((name) => dbRows<{ name: string }>(`pragma table_info(${name})`).some((c) => c.name === "workshop_id"));
      expect(tables.sort()).toEqual(["behaviour_ticks", "debrief_boards", "notes", "scores", "workshop_events", "yjs_snapshots", "yjs_updates"]);
      for (const table of tables) {
        expect(dbRows(`select 1 from ${table} where workshop_id = ?`, doomed.workshopId), table).toHaveLength(0);
      }
      expect(dbRows("select 1 from workshops where id = ?", doomed.workshopId)).toHaveLength(0);
      for (const table of ["workshop_events", "scores", "notes", "behaviour_ticks", "debrief_boards"]) {
        expect(dbRows(`select 1 from ${table} where workshop_id = ?`, w.workshopId).length, table).toBeGreaterThan(0);
      }
      expect(dbRows("select 1 from yjs_updates where workshop_id = ? union all select 1 from yjs_snapshots where workshop_id = ?", w.workshopId, w.workshopId).length).toBeGreaterThan(0);

      // Gone from memory too: pages, sockets and documents no longer find it.
      expect(server.services.workshops.load(doomed.workshopId)).toBeNull();
      expect((await server.collab.host.loadedDocNames()).filter((name) => name.includes(doomed.workshopId))).toEqual([]);
      expect((await getPage(server.url, `/w/${doomed.workshopId}/report`, doomed.facilitatorCookie)).status).toBe(404);
      expect((await getPage(server.url, `/p/${doomed.workshopId}`, first!.cookie)).headers.get("location")).toBe("/join");
      await expect(connectSocket(server.url, first!.cookie, doomed.workshopId, "participant")).rejects.toThrow("This workshop does not exist.");
      const dashboard = decodeHtml(await (await getPage(server.url, "/dashboard?deleted=1", doomed.facilitatorCookie)).text());
      expect(dashboard).toContain("The workshop and all its data were deleted.");
      expect(dashboard).not.toContain("Delete me: late shift");
      // The other workshop is untouched and still answers commands.
      expect((await sendCommand(w.facilitator, { type: "broadcastMessage", text: "Still here" })).ok).toBe(true);
    } finally {
      doomed.close();
    }
  }, 60_000);
});
