import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FacilitatorView, ParticipantView, WireView } from "../../server/domain/workshop";
import {
  connectWithView,
  createWorkshop,
  followViews,
  joinWorkshop,
  nextView,
  sendCommand,
  signUpFirstFacilitator,
  startTestServer,
  until,
  type ClientSocket,
  type TestServer,
} from "../support/test-server";
import { TWO_ROUNDS_OF_THREE } from "../support/plans";

/**
 * Group steps over real socket.io (server/realtime/group-steps.ts): when a
 * round's groups only move on, each member is sent the group's step and the
 * page applies it to the view it holds. What every page then shows must be
 * the view the server would send it whole, as a resync proves.
 */

const PLAN = TWO_ROUNDS_OF_THREE;

interface Person {
  name: string;
  cookie: string;
  socket: ClientSocket;
  id: string;
  /** The kind of every view message this socket was sent, in order. */
  kinds: string[];
  view: ParticipantView;
}

let server: TestServer;
let facilitator: ClientSocket;
let consoleView: FacilitatorView;
let workshopId: string;
let code: string;
const people: Person[] = [];

async function connectPerson(name: string, cookie: string): Promise<Person> {
  const connected = await connectWithView(server.url, cookie, workshopId, "participant");
  const person: Person = { name, cookie, socket: connected.socket, id: connected.welcome.participantId!, kinds: [], view: connected.view as ParticipantView };
  connected.socket.on("workshop:view", (wire: WireView) => person.kinds.push(wire.kind));
  followViews(connected.socket, (view) => (person.view = view as ParticipantView));
  return person;
}

/** Runs a command and waits until every connected participant shows its version; returns what each was sent for it. */
async function facilitatorDoes(command: Record<string, unknown>) {
  const sentBefore = new Map(people.map((p) => [p.id, p.kinds.length]));
  const ack = await sendCommand(facilitator, command);
  if (!ack.ok) throw new Error(`${String(command.type)} refused: ${ack.error.message}`);
  const connected = people.filter((p) => p.socket.connected);
  for (const p of connected) await until(() => p.view.version >= ack.version, 5_000, `${p.name} at version ${ack.version}`);
  await until(() => consoleView.version >= ack.version);
  return new Map(connected.map((p) => [p.id, p.kinds.slice(sentBefore.get(p.id))]));
}

/** What the server sends this socket whole, now: the view its page must already show. */
async function resynced(person: Person): Promise<ParticipantView> {
  const whole = nextView<ParticipantView>(person.socket);
  person.socket.emit("workshop:resync");
  return whole;
}

async function expectEveryPageCurrent() {
  for (const p of people.filter((x) => x.socket.connected)) {
    const shown = p.view;
    const whole = await resynced(p);
    expect({ ...shown, serverNow: 0 }, `${p.name}'s page`).toEqual({ ...whole, serverNow: 0 });
  }
}

beforeAll(async () => {
  server = await startTestServer();
  const cookie = await signUpFirstFacilitator(server.url);
  const created = await createWorkshop(server.url, cookie, "Steps over sockets");
  workshopId = created.workshopId;
  code = created.code;
  const f = await connectWithView(server.url, cookie, workshopId, "facilitator");
  facilitator = f.socket;
  consoleView = f.view as FacilitatorView;
  followViews(facilitator, (v) => (consoleView = v as FacilitatorView));
  for (const name of ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay"]) {
    const joined = await joinWorkshop(server.url, code, name);
    people.push(await connectPerson(name, joined.cookie));
  }
  await until(() => consoleView.roster.filter((r) => r.connected).length === 6);
  for (const command of [{ type: "setPlan", plan: PLAN }, { type: "formGroups" }]) await facilitatorDoes(command);
  // Someone who joins after the groups were formed waits in the lobby through the round.
  const late = await joinWorkshop(server.url, code, "Gus");
  people.push(await connectPerson("Gus", late.cookie));
  await until(() => consoleView.roster.filter((r) => r.connected).length === 7);
  await facilitatorDoes({ type: "startRound" });
});

afterAll(async () => {
  for (const p of people) p.socket.close();
  facilitator?.close();
  await server?.close();
});

describe("group steps over socket.io", () => {
  it("move every group into role-play with a step each, and the lobby on by a version", async () => {
    const sent = await facilitatorDoes({ type: "advanceGroups" });
    for (const p of people) expect(sent.get(p.id), p.name).toEqual(["step"]);
    const inGroups = people.filter((p) => p.view.group);
    expect(inGroups).toHaveLength(6);
    for (const p of inGroups) expect(p.view.group!.phase, p.name).toBe("roleplay");
    expect(people.find((p) => p.name === "Gus")!.view.group).toBeNull();
    await expectEveryPageCurrent();
  });

  it("pause one group's timer: its members get the step, everyone else the new version", async () => {
    const g1 = people.filter((p) => p.view.group?.id === "g1");
    const sent = await facilitatorDoes({ type: "pauseGroup", groupId: "g1" });
    for (const p of people) expect(sent.get(p.id), p.name).toEqual(["step"]);
    for (const p of g1) expect(p.view.group!.timer!.endsAt, p.name).toBeNull();
    await expectEveryPageCurrent();
  });

  it("show who disconnected: whole views for that, then steps again, every page current throughout", async () => {
    const leaving = people.find((p) => p.view.group?.id === "g2")!;
    leaving.socket.close();
    await until(() => consoleView.roster.find((r) => r.id === leaving.id)?.connected === false);
    const others = people.filter((p) => p.view.group?.id === "g2" && p !== leaving);
    for (const p of others) await until(() => p.view.group!.members.find((m) => m.id === leaving.id)!.connected === false, 5_000, `${p.name} sees the leaver gone`);
    const sent = await facilitatorDoes({ type: "advanceGroups", groupIds: ["g2"] });
    for (const kinds of sent.values()) expect(kinds).toEqual(["step"]);
    for (const p of others) expect(p.view.group!.phase).toBe("reset");
    await expectEveryPageCurrent();
    // The staff member scores the self-assessment in the room debrief, with the rubric.
    await facilitatorDoes({ type: "advanceGroups", groupIds: ["g2"] });
    const staff = others.find((p) => p.view.role === "staff");
    if (staff) expect(staff.view.scoring!.rubric?.id).toBe("core-skills");
    await expectEveryPageCurrent();
  });

  it("stay current when someone leaves in the same moment as a command, in whichever order the server takes them", async () => {
    const leaving = people.find((p) => p.socket.connected && p.view.group?.id === "g1")!;
    leaving.socket.close();
    await facilitatorDoes({ type: "resumeGroup", groupId: "g1" });
    await until(() => consoleView.roster.find((r) => r.id === leaving.id)?.connected === false);
    const g1 = people.filter((p) => p.socket.connected && p.view.group?.id === "g1");
    for (const p of g1) await until(() => p.view.group!.members.find((m) => m.id === leaving.id)!.connected === false, 5_000, `${p.name} sees the leaver gone`);
    await expectEveryPageCurrent();
  });

  it("end the round with a step too: roles rotate for the next round and the scenario and briefs go", async () => {
    const g2 = people.filter((p) => p.socket.connected && p.view.group?.id === "g2");
    const rolesBefore = new Map(g2.map((p) => [p.id, p.view.role]));
    const sent = await facilitatorDoes({ type: "advanceGroups", groupIds: ["g2"] });
    for (const p of g2) {
      expect(sent.get(p.id), p.name).toEqual(["step"]);
      expect(p.view.group!.phase).toBe("done");
      expect(p.view.scenario).toBeNull();
      expect(p.view.briefs).toEqual({ patient: null, staff: null, observers: null });
      expect(p.view.group!.members.find((m) => m.id === p.id)!.role).toBe(p.view.role);
    }
    expect(g2.some((p) => p.view.role !== rolesBefore.get(p.id)), "someone's role rotated").toBe(true);
    await expectEveryPageCurrent();
  });
});
