import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FacilitatorView, ParticipantView } from "../../server/domain/workshop";
import {
  connectWithView,
  followViews,
  createWorkshop,
  joinWorkshop,
  nextEvent,
  sendCommand,
  signUpFirstFacilitator,
  startTestServer,
  until,
  type ClientSocket,
  type TestServer,
} from "../support/test-server";
import { TWO_ROUNDS_OF_THREE } from "../support/plans";

/**
 * Rounds over real socket.io: every facilitator command, its authorization,
 * and what each role receives. Briefs come from the real scenario library.
 */

const PLAN = TWO_ROUNDS_OF_THREE;

let server: TestServer;
let facilitator: ClientSocket;
let workshopId: string;
const people: { name: string; socket: ClientSocket; id: string }[] = [];
let lastFacilitatorView: FacilitatorView;
const wire = new Map<string, string[]>();
const lastView = new Map<string, ParticipantView>();

/** Sends a command and waits until the facilitator has seen its effect. */
async function facilitatorDoes(command: Record<string, unknown>) {
  const ack = await sendCommand(facilitator, { ...command, expectedVersion: lastFacilitatorView.version });
  if (!ack.ok) throw new Error(`${String(command.type)} refused: ${ack.error.message}`);
  // The view may arrive before the ack, so wait on the latest view, not the next event.
  await until(() => lastFacilitatorView.version >= ack.version);
  for (const p of people) await until(() => (lastView.get(p.id)?.version ?? 0) >= ack.version);
  return ack;
}

const groupOfPerson = (id: string) => lastFacilitatorView.groups.find((g) => g.members.some((m) => m.id === id))!;
const personWithRole = (groupId: string, role: string) => {
  const group = lastFacilitatorView.groups.find((g) => g.id === groupId)!;
  const member = group.members.find((m) => m.role === role)!;
  return people.find((p) => p.id === member.id)!;
};

beforeAll(async () => {
  server = await startTestServer();
  const cookie = await signUpFirstFacilitator(server.url);
  const created = await createWorkshop(server.url, cookie, "Rounds over sockets");
  workshopId = created.workshopId;
  const f = await connectWithView(server.url, cookie, workshopId, "facilitator");
  facilitator = f.socket;
  lastFacilitatorView = f.view as FacilitatorView;
  followViews(facilitator, (v) => (lastFacilitatorView = v as FacilitatorView));
  for (const name of ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay"]) {
    const joined = await joinWorkshop(server.url, created.code, name);
    const p = await connectWithView(server.url, joined.cookie, workshopId, "participant");
    const id = p.welcome.participantId!;
    lastView.set(id, p.view as ParticipantView);
    followViews(p.socket, (v) => lastView.set(id, v as ParticipantView));
    // Everything that reaches this person, as sent: views and the content they refer to.
    wire.set(id, []);
    p.socket.onAny((event: string, payload: unknown) => wire.get(id)!.push(`${event} ${JSON.stringify(payload)}`));
    people.push({ name, socket: p.socket, id });
  }
  await until(() => lastFacilitatorView.roster.filter((r) => r.connected).length === 6);
});

afterAll(async () => {
  for (const p of people) p.socket.close();
  facilitator?.close();
  await server?.close();
});

describe("running a round over socket.io", () => {
  it("refuses every facilitator command from a participant, leaving the workshop untouched", async () => {
    const ana = people[0]!;
    const before = lastFacilitatorView.version;
    for (const command of [
      { type: "setPlan", plan: PLAN },
      { type: "formGroups" },
      { type: "startRound" },
      { type: "startRoleplay" },
      { type: "pauseGroup", groupId: "g1" },
      { type: "resumeGroup", groupId: "g1" },
      { type: "extendGroup", groupId: "g1", seconds: 60 },
      { type: "advanceGroups" },
      { type: "stepBackGroups" },
      { type: "sendCurveball", groupIds: ["g1"], curveballId: "receipt-found" },
      { type: "broadcastMessage", text: "I am the facilitator now" },
      { type: "clearHelp", groupId: "g1" },
      { type: "setRole", groupId: "g1", participantId: ana.id, role: "staff" },
      { type: "moveMember", participantId: ana.id, toGroupId: "g2" },
      { type: "placeParticipant", participantId: ana.id, groupId: "g1" },
      { type: "setGroupScenario", groupId: "g1", scenarioId: "long-wait-after-time-off" },
      { type: "swapRoles", groupId: "g1", participantIds: [ana.id, people[1]!.id] },
      { type: "startPlenary" },
    ]) {
      const error = nextEvent(ana.socket, "workshop:error");
      const ack = await sendCommand(ana.socket, command);
      expect(ack, String(command.type)).toMatchObject({ ok: false });
      expect((await error).message).toBeTruthy();
    }
    expect(server.services.workshops.load(workshopId)!.version).toBe(before);
  });

  it("refuses malformed round commands with a clear error", async () => {
    for (const bad of [
      { type: "extendGroup", groupId: "g1", seconds: 99_999 },
      { type: "setPlan", plan: { ...PLAN, groupSize: 9 } },
      { type: "setPlan", plan: { ...PLAN, durations: { ...PLAN.durations, roleplaySeconds: 5 } } },
      { type: "sendCurveball", groupIds: [], curveballId: "x" },
      { type: "setRole", groupId: "g1", participantId: "x", role: "doctor" },
      { type: "broadcastMessage", text: "x".repeat(281) },
    ]) {
      const ack = await sendCommand(facilitator, bad);
      expect(ack, JSON.stringify(bad).slice(0, 60)).toMatchObject({ ok: false, error: { code: "bad-request" } });
    }
  });

  it("plans, forms groups and gives each person a group and a role", async () => {
    await facilitatorDoes({ type: "setPlan", plan: PLAN });
    expect(lastFacilitatorView.plan).toMatchObject({ rounds: 2, groupSize: 3 });
    await facilitatorDoes({ type: "formGroups" });
    expect(lastFacilitatorView.groups).toHaveLength(2);
    for (const p of people) {
      const view = lastView.get(p.id)!;
      expect(view.group?.id).toBe(groupOfPerson(p.id).id);
      expect(view.role).toBeTruthy();
      expect(view.briefs.patient).toBeNull();
    }
  });

  it("starts the round: each role receives only the briefs it may see", async () => {
    await facilitatorDoes({ type: "startRound" });
    const patient = lastView.get(personWithRole("g1", "patient").id)!;
    const staff = lastView.get(personWithRole("g1", "staff").id)!;
    const observer = lastView.get(personWithRole("g1", "observer").id)!;
    expect(patient.group?.phase).toBe("briefing");
    expect(patient.briefs.patient?.means).toBeTruthy();
    expect(patient.briefs.staff).toBeNull();
    expect(JSON.stringify(patient)).not.toContain("extension 4410");
    expect(staff.briefs.staff?.facts.join(" ")).toContain("$75");
    expect(staff.briefs.patient).toBeNull();
    expect(JSON.stringify(staff)).not.toContain(patient.briefs.patient!.means);
    expect(observer.briefs.patient).not.toBeNull();
    expect(observer.briefs.staff).not.toBeNull();
    expect(observer.rubric?.id).toBe("core-skills");
    // Not on the wire either, in any event: the content a view refers to is filtered like the view.
    const sentTo = (id: string) => wire.get(id)!.join("\n");
    expect(sentTo(personWithRole("g1", "patient").id)).toContain(patient.briefs.patient!.means);
    expect(sentTo(personWithRole("g1", "patient").id)).not.toContain("extension 4410");
    expect(sentTo(personWithRole("g1", "staff").id)).not.toContain(patient.briefs.patient!.means);
  });

  it("counts ready people for the facilitator", async () => {
    const someone = personWithRole("g1", "staff");
    const ack = await sendCommand(someone.socket, { type: "setReady", ready: true });
    expect(ack.ok).toBe(true);
    await until(() => lastFacilitatorView.groups.find((g) => g.id === "g1")!.readyCount === 1);
  });

  it("applies a racing double command once and refuses the second as stale", async () => {
    const version = lastFacilitatorView.version;
    const [a, b] = await Promise.all([
      sendCommand(facilitator, { type: "startRoleplay", expectedVersion: version }),
      sendCommand(facilitator, { type: "startRoleplay", expectedVersion: version }),
    ]);
    const results = [a, b].map((r) => (r.ok ? "applied" : r.error.code)).sort();
    expect(results).toEqual(["applied", "stale"]);
    await until(() => lastFacilitatorView.groups.every((g) => g.phase === "roleplay"));
    expect(server.services.workshops.load(workshopId)!.version).toBe(version + 2); // one event per group
  });

  it("pauses, extends and resumes one group's timer without touching the other", async () => {
    await facilitatorDoes({ type: "pauseGroup", groupId: "g1" });
    const g1 = lastFacilitatorView.groups.find((g) => g.id === "g1")!;
    expect(g1.timer?.endsAt).toBeNull();
    expect(g1.timer?.pausedRemainingMs).toBeGreaterThan(0);
    expect(lastFacilitatorView.groups.find((g) => g.id === "g2")!.timer?.endsAt).not.toBeNull();
    const paused = g1.timer!.pausedRemainingMs!;
    await facilitatorDoes({ type: "extendGroup", groupId: "g1", seconds: 60 });
    expect(lastFacilitatorView.groups.find((g) => g.id === "g1")!.timer?.pausedRemainingMs).toBe(paused + 60_000);
    await facilitatorDoes({ type: "resumeGroup", groupId: "g1" });
    expect(lastFacilitatorView.groups.find((g) => g.id === "g1")!.timer?.endsAt).toBeGreaterThan(Date.now());
  });

  it("sends a curveball to one group only, and a broadcast to everyone", async () => {
    await facilitatorDoes({ type: "sendCurveball", groupIds: ["g1"], curveballId: "receipt-found" });
    for (const p of people) {
      const view = lastView.get(p.id)!;
      expect(view.group!.curveballs.map((c) => c.id)).toEqual(view.group!.id === "g1" ? ["receipt-found"] : []);
    }
    await facilitatorDoes({ type: "broadcastMessage", text: "Two minutes left" });
    for (const p of people) expect(lastView.get(p.id)!.broadcast?.text).toBe("Two minutes left");
  });

  it("lights up a help request on the console and clears it", async () => {
    const asker = personWithRole("g2", "observer");
    expect((await sendCommand(asker.socket, { type: "askForHelp", message: "Our patient froze" })).ok).toBe(true);
    await until(() => lastFacilitatorView.groups.find((g) => g.id === "g2")!.help?.message === "Our patient froze");
    await facilitatorDoes({ type: "clearHelp", groupId: "g2" });
    expect(lastFacilitatorView.groups.find((g) => g.id === "g2")!.help).toBeNull();
  });

  it("moves through reset and debrief to done, rotating roles for round 2", async () => {
    const staffBefore = personWithRole("g1", "staff").id;
    await facilitatorDoes({ type: "advanceGroups" });
    expect(lastView.get(staffBefore)!.group?.phase).toBe("reset");
    await facilitatorDoes({ type: "advanceGroups" });
    await facilitatorDoes({ type: "advanceGroups" });
    expect(lastFacilitatorView.groups.every((g) => g.phase === "done")).toBe(true);
    expect(personWithRole("g1", "staff").id).not.toBe(staffBefore);
    await facilitatorDoes({ type: "startRound" });
    expect(lastFacilitatorView.round).toBe(2);
    expect(lastFacilitatorView.groups[0]!.scenario?.id).toBe("long-wait-after-time-off");
  });

  it("refuses invalid transitions with a clear message", async () => {
    const ack = await sendCommand(facilitator, { type: "startRound", expectedVersion: lastFacilitatorView.version });
    expect(ack).toMatchObject({ ok: false, error: { message: expect.stringContaining("still in round 2") } });
    await facilitatorDoes({ type: "advanceGroups", groupIds: ["g1"] });
    await facilitatorDoes({ type: "advanceGroups", groupIds: ["g1"] });
    await facilitatorDoes({ type: "advanceGroups", groupIds: ["g1"] });
    await facilitatorDoes({ type: "advanceGroups", groupIds: ["g1"] });
    const extend = await sendCommand(facilitator, { type: "extendGroup", groupId: "g1", seconds: 60, expectedVersion: lastFacilitatorView.version });
    expect(extend).toMatchObject({ ok: false, error: { message: "Group 1 has no phase running to extend." } });
  });
});
