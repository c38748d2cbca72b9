import type { FacilitatorView } from "../../server/domain/workshop";
import { connectDoc, note, roundTrip, synced, type DocClient, type Person } from "./collab";
import { connectSocket, connectWithView, createWorkshop, joinWorkshop, sendCommand, signUpFirstFacilitator, type ClientSocket } from "./test-server";

/**
 * A workshop played for real, for the report tests: people join through the
 * /join form with a team and shift, the facilitator runs two rounds over
 * socket.io, observers score in their own Yjs sheets and write notes in the
 * shared one, staff lock in self-assessments and patients answer. Every score
 * that should end up in a report or an export is recorded in `expected`.
 */

export const RUBRIC = "acro";
export const SCENARIO = "surprise-copay-at-check-in";
export const CRITERIA = ["acknowledge", "calibrate", "re-enter", "own"] as const;

export interface Member extends Person {
  team: string;
  shift: string;
}

export interface ExpectedScore {
  round: number;
  staff: string;
  kind: "observer" | "self" | "agreed";
  rater: string | null;
  criterion: string;
  score: number;
}

export interface ExpectedNote {
  round: number;
  staff: string;
  author: string;
  kind: "strength" | "try" | "quote" | "swap";
  text: string;
  insteadOf: string | null;
}

export interface ScoredWorkshop {
  url: string;
  workshopId: string;
  code: string;
  title: string;
  facilitatorCookie: string;
  facilitator: ClientSocket;
  members: Record<string, Member>;
  /** Who played what, per round. */
  rounds: { round: number; staff: Member; patient: Member; observers: Member[] }[];
  expected: ExpectedScore[];
  notes: ExpectedNote[];
  command(command: Record<string, unknown>): Promise<void>;
  close(): void;
}

export const PEOPLE: { name: string; team: string; shift: string }[] = [
  { name: "Sam", team: "Front desk", shift: "Early" },
  { name: "Pat", team: "Front desk", shift: "Late" },
  { name: "Ana", team: "Call centre", shift: "Early" },
  { name: "Ben", team: "Call centre", shift: "Late" },
  // A name a spreadsheet would run as a formula: the CSV must neutralise it.
  { name: "=Cleo", team: "Scheduling", shift: "Early" },
];

interface ObserverPlan {
  scores: Partial<Record<(typeof CRITERIA)[number], number>>;
  submit: boolean;
  behaviours?: string[];
}

export async function playScoredWorkshop(
  url: string,
  options: {
    title?: string;
    facilitatorCookie?: string;
    plenary?: boolean;
    /** Changes every observer's score (kept on the 1–4 scale), so a later workshop can score differently. */
    adjust?: (score: number) => number;
  } = {},
): Promise<ScoredWorkshop> {
  const title = options.title ?? "Front desk refresher, March";
  const facilitatorCookie = options.facilitatorCookie ?? (await signUpFirstFacilitator(url));
  const { workshopId, code } = await createWorkshop(url, facilitatorCookie, title, { askTeamAndShift: true, teamLabel: "Outpatients" });
  const cookies: Record<string, string> = {};
  for (const p of PEOPLE) cookies[p.name] = (await joinWorkshop(url, code, p.name, { team: p.team, shift: p.shift })).cookie;

  const { socket: facilitator, view } = await connectWithView(url, facilitatorCookie, workshopId, "facilitator");
  const ids = Object.fromEntries((view as FacilitatorView).roster.map((p) => [p.displayName, p.id]));
  const members: Record<string, Member> = Object.fromEntries(PEOPLE.map((p) => [p.name, { ...p, id: ids[p.name]!, cookie: cookies[p.name]! }]));
  const opened: DocClient[] = [];
  const sockets: ClientSocket[] = [facilitator];
  const command = async (cmd: Record<string, unknown>) => {
    const ack = await sendCommand(facilitator, cmd);
    if (!ack.ok) throw new Error(`${String(cmd.type)} refused: ${ack.error.message}`);
  };
  const as = async (member: Member, cmd: Record<string, unknown>) => {
    const socket = await connectSocket(url, member.cookie, workshopId, "participant");
    sockets.push(socket);
    const ack = await sendCommand(socket, cmd);
    if (!ack.ok) throw new Error(`${member.name}: ${String(cmd.type)} refused: ${ack.error.message}`);
  };
  const open = async (docName: string, member: Member) => {
    const client = connectDoc(url, docName, member.cookie);
    opened.push(client);
    await synced(client.provider);
    return client;
  };

  await command({
    type: "setPlan",
    plan: {
      rubricId: RUBRIC,
      groupSize: 5,
      rounds: 2,
      durations: { briefingSeconds: 600, roleplaySeconds: 1200, resetSeconds: 300, debriefSeconds: 1200 },
      scenarioIds: [SCENARIO, SCENARIO],
    },
  });
  await command({ type: "formGroups" });
  await command({ type: "setRole", groupId: "g1", participantId: members.Sam!.id, role: "staff" });
  await command({ type: "setRole", groupId: "g1", participantId: members.Pat!.id, role: "patient" });

  const expected: ExpectedScore[] = [];
  const notes: ExpectedNote[] = [];
  const rounds: ScoredWorkshop["rounds"] = [];

  async function playRound(
    round: number,
    plans: ObserverPlan[],
    extras: { self: Record<string, number>; agreed: Record<string, number>; notes: { by: number; kind: ExpectedNote["kind"]; text: string; insteadOf?: string; criterionId?: string }[] },
  ) {
    await command({ type: "startRound" });
    await command({ type: "startRoleplay" });
    const lineup = await facilitatorLineup(url, facilitatorCookie, workshopId, members);
    const { staff, patient, observers } = lineup;
    rounds.push({ round, staff, patient, observers });
    const base = `workshop/${workshopId}/group/g1/round/${round}`;

    const shared = await open(`${base}/rubric`, observers[0]!);
    const adjust = (score: number) => Math.min(4, Math.max(1, options.adjust ? options.adjust(score) : score));
    for (const [i, original] of plans.entries()) {
      const plan = { ...original, scores: Object.fromEntries(Object.entries(original.scores).map(([c, v]) => [c, adjust(v!)])) };
      const observer = observers[i]!;
      const sheet = await open(`${base}/observer/${observer.id}`, observer);
      sheet.doc.transact(() => {
        for (const [criterion, score] of Object.entries(plan.scores)) sheet.doc.getMap("scores").set(criterion, score);
        for (const b of plan.behaviours ?? []) sheet.doc.getMap("behaviours").set(b, true);
      });
      await roundTrip(sheet.provider);
      for (const [criterion, score] of Object.entries(plan.scores)) expected.push({ round, staff: staff.name, kind: "observer", rater: observer.name, criterion, score: score! });
      if (plan.submit) await as(observer, { type: "submitScores" });
    }
    for (const [i, n] of extras.notes.entries()) {
      const author = observers[n.by]!;
      shared.doc.getArray("notes").push([note(author, `r${round}-n${i}`, n.text, { kind: n.kind, insteadOf: n.insteadOf ?? null, criterionId: n.criterionId ?? null, offsetMs: 30_000 * (i + 1) })]);
      notes.push({ round, staff: staff.name, author: author.name, kind: n.kind, text: n.text, insteadOf: n.insteadOf ?? null });
    }
    await roundTrip(shared.provider);

    await command({ type: "advanceGroups" }); // reset
    await command({ type: "advanceGroups" }); // room debrief
    await as(staff, { type: "lockSelfAssessment", scores: extras.self });
    for (const [criterion, score] of Object.entries(extras.self)) expected.push({ round, staff: staff.name, kind: "self", rater: staff.name, criterion, score });
    await as(patient, { type: "submitPatientPerspective", feltHeard: round === 1 ? "partly" : "yes", whatLanded: round === 1 ? "Being told the amount straight away" : null });
    shared.doc.transact(() => {
      for (const [criterion, score] of Object.entries(extras.agreed)) shared.doc.getMap("agreed").set(criterion, score);
    });
    await roundTrip(shared.provider);
    for (const [criterion, score] of Object.entries(extras.agreed)) expected.push({ round, staff: staff.name, kind: "agreed", rater: null, criterion, score });
    await command({ type: "advanceGroups" }); // done: the round's rows are written
    // Each provider holds a process listener in Node; let this round's go.
    for (const client of opened.splice(0)) client.destroy();
  }

  await playRound(
    1,
    [
      { scores: { acknowledge: 3, calibrate: 3, "re-enter": 2, own: 2 }, submit: true, behaviours: ["acknowledge/names-burden"] },
      { scores: { acknowledge: 4, calibrate: 2, "re-enter": 3, own: 4 }, submit: true },
      // Never submitted: a draft, kept and marked as such.
      { scores: { acknowledge: 3, calibrate: 3 }, submit: false },
    ],
    {
      self: { acknowledge: 4, calibrate: 4, "re-enter": 3, own: 1 },
      agreed: { acknowledge: 3, own: 3 },
      notes: [
        { by: 0, kind: "strength", text: "Named the lost afternoon before the money", criterionId: "acknowledge" },
        { by: 1, kind: "swap", text: "Your visit is $40; you can pay today or set up a plan", insteadOf: "That's just your copay", criterionId: "own" },
        { by: 2, kind: "quote", text: "I can see this cost you an afternoon" },
      ],
    },
  );
  await playRound(
    2,
    [
      { scores: { acknowledge: 2, calibrate: 3, "re-enter": 3, own: 2 }, submit: true },
      { scores: { acknowledge: 3, calibrate: 3, "re-enter": 2, own: 2 }, submit: true },
      { scores: { acknowledge: 2, calibrate: 2, "re-enter": 3, own: 3 }, submit: true },
    ],
    {
      self: { acknowledge: 3, calibrate: 3, "re-enter": 3, own: 3 },
      agreed: { acknowledge: 2, calibrate: 3, "re-enter": 3, own: 2 },
      notes: [
        { by: 0, kind: "try", text: "Check understanding before the hand-off", criterionId: "own" },
        { by: 1, kind: "strength", text: "Slowed down when the patient raised their voice" },
      ],
    },
  );
  if (options.plenary !== false) await command({ type: "startPlenary" });

  return {
    url,
    workshopId,
    code,
    title,
    facilitatorCookie,
    facilitator,
    members,
    rounds,
    expected,
    notes,
    command,
    close() {
      for (const c of opened.splice(0)) c.destroy();
      for (const s of sockets.splice(0)) s.close();
    },
  };
}

/** The group's current staff member, patient and observers, from a fresh facilitator view. */
async function facilitatorLineup(url: string, cookie: string, workshopId: string, members: Record<string, Member>) {
  const { socket, view } = await connectWithView(url, cookie, workshopId, "facilitator");
  socket.close();
  const group = (view as FacilitatorView).groups.find((g) => g.id === "g1")!;
  const byId = new Map(Object.values(members).map((m) => [m.id, m]));
  const withRole = (role: string) => group.members.filter((m) => m.role === role).map((m) => byId.get(m.id)!);
  return { staff: withRole("staff")[0]!, patient: withRole("patient")[0]!, observers: withRole("observer") };
}
