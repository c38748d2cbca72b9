import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { FacilitatorView, ParticipantView, WireParticipantView } from "../../server/domain/workshop";
import {
  addFacilitator,
  combineCookies,
  connectSocket,
  connectWithView,
  createWorkshop,
  joinWorkshop,
  nextDisconnect,
  nextEvent,
  nextView,
  sendCommand,
  signIn,
  signUpFirstFacilitator,
  startTestServer,
  type ClientSocket,
  type TestServer,
} from "../support/test-server";

let server: TestServer;
let url: string;
let ownerCookie: string;
let otherFacilitatorCookie: string;

beforeAll(async () => {
  server = await startTestServer();
  url = server.url;
  ownerCookie = await signUpFirstFacilitator(url);
  const other = { name: "Other Facilitator", email: "other@example.org", password: "other's long password" };
  expect((await addFacilitator(url, ownerCookie, other)).status).toBe(200);
  otherFacilitatorCookie = await signIn(url, other.email, other.password);
});
afterAll(() => server?.close());

/** Every socket a test opens is closed after it. */
const open: ClientSocket[] = [];
afterEach(() => {
  for (const socket of open.splice(0)) socket.close();
});
async function connect(cookie: string | null, workshopId: string, as: "facilitator" | "participant", options?: { auth?: Record<string, unknown> }) {
  const socket = await connectSocket(url, cookie, workshopId, as, options);
  open.push(socket);
  return socket;
}
async function connectViewing<V extends FacilitatorView | ParticipantView>(cookie: string, workshopId: string, as: "facilitator" | "participant") {
  const result = await connectWithView(url, cookie, workshopId, as);
  open.push(result.socket);
  return { ...result, view: result.view as V };
}

/** The refusal a connection attempt ends with: its message and the code in `data`. */
async function refusalOf(cookie: string | null, workshopId: string, as: "facilitator" | "participant", auth?: Record<string, unknown>) {
  try {
    const socket = await connect(cookie, workshopId, as, auth ? { auth } : undefined);
    throw new Error(`expected the connection to be refused, but it connected (${socket.id})`);
  } catch (error) {
    const e = error as Error & { data?: { code?: string } };
    if (e.message.startsWith("expected the connection")) throw e;
    return { message: e.message, code: e.data?.code };
  }
}

function stored(workshopId: string) {
  const loaded = server.services.workshops.load(workshopId)!;
  return { version: loaded.version, status: loaded.state.status, state: loaded.state };
}

/** A fresh workshop with `names` joined through the real form. */
async function workshopWith(names: string[], opts: { askTeamAndShift?: boolean } = {}) {
  const { workshopId, code } = await createWorkshop(url, ownerCookie, `Workshop ${Math.random().toString(36).slice(2, 7)}`, opts);
  const people: { name: string; cookie: string; id: string }[] = [];
  for (const name of names) {
    const { cookie } = await joinWorkshop(url, code, name, opts.askTeamAndShift ? { team: `Team of ${name}`, shift: `Shift of ${name}` } : {});
    const participant = Object.values(server.services.workshops.load(workshopId)!.state.participants).find((p) => p.displayName === name)!;
    people.push({ name, cookie, id: participant.id });
  }
  return { workshopId, code, people };
}

describe("connecting", () => {
  it("welcomes a participant with their own id and the participant view", async () => {
    const { workshopId, people } = await workshopWith(["Ana"]);
    const { welcome, view } = await connectViewing<ParticipantView>(people[0]!.cookie, workshopId, "participant");
    expect(welcome).toMatchObject({ role: "participant", participantId: people[0]!.id });
    expect(view).toMatchObject({ kind: "participant", workshopId, roster: [{ id: people[0]!.id, displayName: "Ana", connected: true }] });
  });

  it("welcomes the owner with the facilitator view", async () => {
    const { workshopId, code } = await workshopWith([]);
    const { welcome, view } = await connectViewing<FacilitatorView>(ownerCookie, workshopId, "facilitator");
    expect(welcome).toMatchObject({ role: "facilitator", participantId: null });
    expect(view).toMatchObject({ kind: "facilitator", workshopId, code, version: 1, status: "open", roster: [] });
  });

  it("refuses a socket without a cookie", async () => {
    const { workshopId } = await workshopWith([]);
    expect(await refusalOf(null, workshopId, "participant")).toEqual({ code: "unauthorized", message: "Join this workshop with its room code first." });
    expect(await refusalOf(null, workshopId, "facilitator")).toEqual({ code: "unauthorized", message: "Sign in as a facilitator to open this workshop." });
  });

  it("refuses a participant of workshop A connecting to workshop B", async () => {
    const a = await workshopWith(["Ana"]);
    const b = await workshopWith(["Ben"]);
    expect(await refusalOf(a.people[0]!.cookie, b.workshopId, "participant")).toMatchObject({ code: "unauthorized" });
    // Even holding both cookies, a socket is only ever the person its workshop's cookie names.
    const both = combineCookies(a.people[0]!.cookie, b.people[0]!.cookie);
    const { welcome } = await connectViewing(both, b.workshopId, "participant");
    expect(welcome.participantId).toBe(b.people[0]!.id);
  });

  it("refuses a participant claiming to be the facilitator", async () => {
    const { workshopId, people } = await workshopWith(["Ana"]);
    expect(await refusalOf(people[0]!.cookie, workshopId, "facilitator")).toMatchObject({ code: "unauthorized" });
  });

  it("refuses the facilitator of another workshop", async () => {
    const { workshopId } = await workshopWith([]);
    expect(await refusalOf(otherFacilitatorCookie, workshopId, "facilitator")).toEqual({
      code: "forbidden",
      message: "This workshop belongs to another facilitator.",
    });
  });

  it("refuses a tampered participant cookie", async () => {
    const { workshopId, people } = await workshopWith(["Ana"]);
    const [name, value] = people[0]!.cookie.split("=");
    const tampered = `${name}=${value!.slice(0, -3)}${value!.endsWith("AAA") ? "BBB" : "AAA"}`;
    expect(await refusalOf(tampered, workshopId, "participant")).toMatchObject({ code: "unauthorized" });
  });

  it.each<[string, Record<string, unknown> | undefined]>([
    ["no workshop id", {}],
    ["a numeric workshop id", { workshopId: 42 }],
    ["an over-long workshop id", { workshopId: "w".repeat(65) }],
    ["an unknown role", { workshopId: "x", as: "admin" }],
  ])("refuses a malformed handshake (%s)", async (_label, auth) => {
    expect(await refusalOf(ownerCookie, "unused", "facilitator", auth)).toMatchObject({ code: "bad-request" });
  });

  it("refuses a workshop that does not exist", async () => {
    expect(await refusalOf(ownerCookie, "no-such-workshop", "facilitator")).toMatchObject({ message: "This workshop does not exist." });
  });
});

describe("commands", () => {
  it("refuses removeParticipant and endWorkshop from a participant: error event, failed ack, nothing changes", async () => {
    const { workshopId, people } = await workshopWith(["Ana", "Ben"]);
    const ana = await connect(people[0]!.cookie, workshopId, "participant");
    const before = stored(workshopId);

    for (const command of [
      { type: "removeParticipant", participantId: people[1]!.id, reason: null },
      { type: "endWorkshop" },
      { type: "endWorkshop", expectedVersion: before.version },
    ]) {
      const errorEvent = nextEvent(ana, "workshop:error");
      const ack = await sendCommand(ana, command);
      expect(ack).toEqual({ ok: false, error: { code: "forbidden", message: expect.stringMatching(/facilitator/) } });
      expect(await errorEvent).toEqual(ack.ok ? null : ack.error);
    }
    expect(stored(workshopId)).toEqual(before);
  });

  it("refuses a facilitator of another workshop sending commands through their own workshop's socket", async () => {
    // The workshop comes from the handshake, so the payload cannot point elsewhere.
    const mine = await workshopWith([]);
    const theirs = await workshopWith(["Ana"]);
    const socket = await connect(ownerCookie, mine.workshopId, "facilitator");
    const before = stored(theirs.workshopId);
    const ack = await sendCommand(socket, { type: "removeParticipant", participantId: theirs.people[0]!.id, reason: null, workshopId: theirs.workshopId });
    expect(ack).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect(stored(theirs.workshopId)).toEqual(before);
  });

  it("refuses malformed payloads with an error, changes nothing and keeps serving", async () => {
    const { workshopId, people } = await workshopWith(["Ana"]);
    const socket = await connect(ownerCookie, workshopId, "facilitator");
    const before = stored(workshopId);

    const malformed: unknown[] = [
      null,
      42,
      "endWorkshop",
      [],
      [{ type: "endWorkshop" }],
      {},
      { type: "explode" },
      { type: "removeParticipant" },
      { type: "removeParticipant", participantId: 5 },
      { type: "removeParticipant", participantId: "" },
      { type: "removeParticipant", participantId: people[0]!.id, reason: "r".repeat(201) },
      { type: "removeParticipant", participantId: "p".repeat(10_000) },
      { type: "endWorkshop", expectedVersion: "1" },
      { type: "endWorkshop", expectedVersion: -1 },
      { type: "endWorkshop", expectedVersion: 1.5 },
    ];
    for (const payload of malformed) {
      const errorEvent = nextEvent(socket, "workshop:error");
      const ack = await sendCommand(socket, payload);
      expect(ack, JSON.stringify(payload).slice(0, 80)).toMatchObject({ ok: false, error: { code: "bad-request" } });
      expect(await errorEvent).toMatchObject({ code: "bad-request", message: expect.stringMatching(/malformed/) });
    }

    // A command without an ack callback still gets the error event.
    const noAck = nextEvent(socket, "workshop:error");
    socket.emit("workshop:command", { type: "explode" } as never, undefined as never);
    expect(await noAck).toMatchObject({ code: "bad-request" });

    expect(stored(workshopId)).toEqual(before);
    expect(socket.connected).toBe(true);
    // The same socket still works for a well-formed command.
    expect(await sendCommand(socket, { type: "endWorkshop", expectedVersion: before.version })).toEqual({ ok: true, version: before.version + 1 });
  });

  it("drops a connection that sends an oversized message, and nothing else", async () => {
    const { workshopId } = await workshopWith([]);
    const flooder = await connect(ownerCookie, workshopId, "facilitator");
    const bystander = await connect(ownerCookie, workshopId, "facilitator");
    const before = stored(workshopId);
    const dropped = nextDisconnect(flooder);
    flooder.emit("workshop:command", { type: "endWorkshop", padding: "x".repeat(200_000) } as never, () => {});
    expect(await dropped).toMatch(/transport (close|error)/);
    expect(stored(workshopId)).toEqual(before);
    expect(bystander.connected).toBe(true);
    expect(await sendCommand(bystander, { type: "endWorkshop" })).toMatchObject({ ok: true });
  });

  it("applies exactly one of two racing endWorkshop commands with the same expectedVersion", async () => {
    const { workshopId } = await workshopWith(["Ana"]);
    const tab1 = await connect(ownerCookie, workshopId, "facilitator");
    const tab2 = await connect(ownerCookie, workshopId, "facilitator");
    const { version } = stored(workshopId);

    const acks = await Promise.all([tab1, tab2].map((s) => sendCommand(s, { type: "endWorkshop", expectedVersion: version })));
    const applied = acks.filter((a) => a.ok);
    const refused = acks.filter((a) => !a.ok);
    expect(applied).toEqual([{ ok: true, version: version + 1 }]);
    expect(refused).toEqual([{ ok: false, error: { code: "stale", message: expect.stringMatching(/not applied/) } }]);
    expect(stored(workshopId)).toMatchObject({ version: version + 1, status: "ended" });
  });

  it("applies exactly one of two racing removals with the same expectedVersion", async () => {
    const { workshopId, people } = await workshopWith(["Ana", "Ben"]);
    const tab1 = await connect(ownerCookie, workshopId, "facilitator");
    const tab2 = await connect(ownerCookie, workshopId, "facilitator");
    const { version } = stored(workshopId);

    const acks = await Promise.all([
      sendCommand(tab1, { type: "removeParticipant", participantId: people[0]!.id, reason: null, expectedVersion: version }),
      sendCommand(tab2, { type: "removeParticipant", participantId: people[1]!.id, reason: null, expectedVersion: version }),
    ]);
    expect(acks.filter((a) => a.ok)).toEqual([{ ok: true, version: version + 1 }]);
    expect(acks.filter((a) => !a.ok)).toMatchObject([{ ok: false, error: { code: "stale" } }]);
    const after = stored(workshopId);
    expect(after.version).toBe(version + 1);
    expect(Object.values(after.state.participants).filter((p) => p.departure)).toHaveLength(1);
  });

  it("refuses commands on an ended workshop as 'ended'", async () => {
    const { workshopId, people } = await workshopWith(["Ana"]);
    const socket = await connect(ownerCookie, workshopId, "facilitator");
    expect(await sendCommand(socket, { type: "endWorkshop" })).toMatchObject({ ok: true });
    const { version } = stored(workshopId);
    expect(await sendCommand(socket, { type: "removeParticipant", participantId: people[0]!.id })).toMatchObject({ ok: false, error: { code: "ended" } });
    expect(stored(workshopId).version).toBe(version);
  });
});

describe("live roster", () => {
  const entry = (view: Pick<FacilitatorView, "roster">, id: string) => view.roster.find((p) => p.id === id);

  it("shows joins, disconnects and reconnects to the facilitator as they happen", async () => {
    const { workshopId, code } = await workshopWith([], { askTeamAndShift: true });
    const { socket: facilitator } = await connectViewing<FacilitatorView>(ownerCookie, workshopId, "facilitator");

    const joinedView = nextView<FacilitatorView>(facilitator, (v) => v.roster.length === 1);
    const { cookie } = await joinWorkshop(url, code, "Ana", { team: "Registration", shift: "Late" });
    const afterJoin = await joinedView;
    const anaId = afterJoin.roster[0]!.id;
    expect(afterJoin.roster[0]).toMatchObject({ displayName: "Ana", connected: false, team: "Registration", shift: "Late" });
    expect(afterJoin.lobby.map((p) => p.id)).toEqual([anaId]);

    const online = nextView<FacilitatorView>(facilitator, (v) => entry(v, anaId)?.connected === true);
    const ana = await connect(cookie, workshopId, "participant");
    await online;

    const offline = nextView<FacilitatorView>(facilitator, (v) => entry(v, anaId)?.connected === false);
    ana.close();
    await offline;

    const backOnline = nextView<FacilitatorView>(facilitator, (v) => entry(v, anaId)?.connected === true);
    await connect(cookie, workshopId, "participant");
    const reconnected = await backOnline;
    expect(reconnected.roster).toHaveLength(1);
  });

  it("never sends participants anyone's team or shift", async () => {
    const { workshopId, code, people } = await workshopWith(["Ana", "Ben"], { askTeamAndShift: true });
    const seen: unknown[] = [];
    const { socket: ana, view } = await connectViewing<ParticipantView>(people[0]!.cookie, workshopId, "participant");
    seen.push(view);
    ana.on("workshop:view", (v) => seen.push(v));
    const third = nextEvent(ana, "workshop:view", (v) => (v as WireParticipantView).roster.length === 3);
    await joinWorkshop(url, code, "Cleo", { team: "Team of Cleo", shift: "Shift of Cleo" });
    await third;
    const json = JSON.stringify(seen);
    expect(json).toContain("Cleo");
    expect(json).not.toMatch(/Team of|Shift of|"team"|"shift"/);
  });
});

describe("removal", () => {
  it("tells the removed participant why, disconnects them, and keeps them out", async () => {
    const { workshopId, people } = await workshopWith(["Ana", "Ben"]);
    const [ana, ben] = people as [(typeof people)[0], (typeof people)[0]];
    const facilitator = await connect(ownerCookie, workshopId, "facilitator");
    const anaSocket = await connect(ana.cookie, workshopId, "participant");
    const benSocket = await connect(ben.cookie, workshopId, "participant");

    const removedEvent = nextEvent(anaSocket, "workshop:removed");
    const disconnected = nextDisconnect(anaSocket);
    const benSees = nextView<ParticipantView>(benSocket, (v) => !v.roster.some((p) => p.id === ana.id));
    const facilitatorSees = nextView<FacilitatorView>(facilitator, (v) => v.departed.some((d) => d.id === ana.id));

    const ack = await sendCommand(facilitator, { type: "removeParticipant", participantId: ana.id, reason: "Please rejoin with your real name", expectedVersion: stored(workshopId).version });
    expect(ack).toMatchObject({ ok: true });
    expect(await removedEvent).toEqual({ reason: "Please rejoin with your real name" });
    expect(await disconnected).toBe("io server disconnect");
    expect((await benSees).roster.map((p) => p.displayName)).toEqual(["Ben"]);
    expect((await facilitatorSees).departed).toEqual([{ id: ana.id, displayName: "Ana", kind: "removed" }]);

    expect(await refusalOf(ana.cookie, workshopId, "participant")).toEqual({ code: "forbidden", message: "You are no longer in this workshop." });
    expect(benSocket.connected).toBe(true);
  });

  it("ends the workshop for everyone: participants are told and disconnected", async () => {
    const { workshopId, people } = await workshopWith(["Ana"]);
    const facilitator = await connect(ownerCookie, workshopId, "facilitator");
    const ana = await connect(people[0]!.cookie, workshopId, "participant");
    const ended = nextEvent(ana, "workshop:ended");
    const dropped = nextDisconnect(ana);
    const facilitatorView = nextEvent(facilitator, "workshop:view", (v) => v.kind === "facilitator" && v.status === "ended");
    expect(await sendCommand(facilitator, { type: "endWorkshop" })).toMatchObject({ ok: true });
    await ended;
    expect(await dropped).toBe("io server disconnect");
    expect(await facilitatorView).toMatchObject({ kind: "facilitator", status: "ended" });
    expect(facilitator.connected).toBe(true);
  });

  it("lets a participant leave over the socket", async () => {
    const { workshopId, people } = await workshopWith(["Ana"]);
    const ana = await connect(people[0]!.cookie, workshopId, "participant");
    const dropped = nextDisconnect(ana);
    expect(await sendCommand(ana, { type: "leaveWorkshop" })).toMatchObject({ ok: true });
    expect(await dropped).toBe("io server disconnect");
    expect(stored(workshopId).state.participants[people[0]!.id]?.departure?.kind).toBe("left");
    expect(await refusalOf(people[0]!.cookie, workshopId, "participant")).toMatchObject({ code: "forbidden" });
  });
});
