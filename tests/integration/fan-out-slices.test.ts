import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParticipantView, WorkshopView } from "../../server/domain/workshop";
import type { CommandFanOutTiming } from "../../server/realtime/socket-server";
import {
  connectWithView,
  createWorkshop,
  followViews,
  joinWorkshop,
  nextDisconnect,
  sendCommand,
  signUpFirstFacilitator,
  startTestServer,
  until,
  type ClientSocket,
  type TestServer,
} from "../support/test-server";
import { ONE_ROUND_OF_THREE } from "../support/plans";

/**
 * A large workshop's views go out in slices of a few milliseconds each. Here a
 * slice may take no time at all, so each group (whose message goes out whole)
 * and each lobby place takes its own turn of the event loop: every one of the
 * six people must still get each view, and the final view when the workshop
 * ends, before their socket is closed.
 */

const PLAN = ONE_ROUND_OF_THREE;

let server: TestServer;
let facilitator: ClientSocket;
let workshopId: string;
const people: { socket: ClientSocket; id: string; views: WorkshopView[] }[] = [];
const commandFanOuts: (CommandFanOutTiming & { at: number })[] = [];

beforeAll(async () => {
  server = await startTestServer({}, { sliceBudgetMs: 0, onCommandFanOut: (timing) => commandFanOuts.push({ ...timing, at: performance.now() }) });
  const cookie = await signUpFirstFacilitator(server.url);
  const created = await createWorkshop(server.url, cookie, "Sliced fan-out");
  workshopId = created.workshopId;
  facilitator = (await connectWithView(server.url, cookie, workshopId, "facilitator")).socket;
  for (const name of ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay"]) {
    const joined = await joinWorkshop(server.url, created.code, name);
    const p = await connectWithView(server.url, joined.cookie, workshopId, "participant");
    const person = { socket: p.socket, id: p.welcome.participantId!, views: [p.view] };
    followViews(p.socket, (v) => person.views.push(v));
    people.push(person);
  }
});

afterAll(async () => {
  facilitator?.close();
  for (const p of people) p.socket.close();
  await server?.close();
});

const latest = (p: (typeof people)[number]) => p.views.at(-1) as ParticipantView;

describe("views sent in slices", () => {
  it("reach everyone in every group and role", async () => {
    for (const command of [{ type: "setPlan", plan: PLAN }, { type: "formGroups" }, { type: "startRound" }]) {
      const ack = await sendCommand(facilitator, command);
      expect(ack, String(command.type)).toMatchObject({ ok: true });
    }
    await until(() => people.every((p) => latest(p).group?.phase === "briefing"), 5_000, "everyone sees the briefing");
    const places = new Set(people.map((p) => `${latest(p).group!.id}/${latest(p).role}`));
    expect(places.size).toBe(6); // two groups of three: six places, so six slices
    const ownBrief = { patient: "patient", staff: "staff", observer: "observers" } as const;
    for (const p of people) expect(latest(p).briefs[ownBrief[latest(p).role!]]).not.toBeNull();
  });

  it("time each facilitator command's fan-out to its last slice, and no other fan-out", async () => {
    // Joining and connecting (above) fanned out views too, but no command did.
    commandFanOuts.length = 0;
    // A participant's command (pressing ready in the briefing) goes out too, untimed: only the facilitator's are timed.
    const readyAck = await sendCommand(people[0]!.socket, { type: "setReady", ready: true });
    expect(readyAck).toMatchObject({ ok: true });
    await until(() => latest(people[0]!).group?.members.some((m) => m.id === people[0]!.id && m.ready) ?? false, 5_000, "the ready mark goes out");
    expect(commandFanOuts).toHaveLength(0);

    const sentAt = performance.now();
    const ack = await sendCommand(facilitator, { type: "startRoleplay" });
    expect(ack).toMatchObject({ ok: true });
    await until(() => people.every((p) => latest(p).group?.phase === "roleplay"), 5_000, "everyone sees the role-play");
    await until(() => commandFanOuts.length > 0, 5_000, "the fan-out is timed");
    expect(commandFanOuts).toHaveLength(1);
    const [timing] = commandFanOuts;
    expect(timing!.workshopId).toBe(workshopId);
    // Six slices, each on its own turn of the event loop: timed to the last one, the console's after the participants'.
    expect(timing!.participantsMs).toBeGreaterThan(0);
    expect(timing!.consoleMs).toBeGreaterThanOrEqual(timing!.participantsMs);
    expect(timing!.consoleMs).toBeLessThanOrEqual(timing!.at - sentAt);
  });

  it("send everyone the final view before closing their sockets when the workshop ends", async () => {
    const closed = people.map((p) => nextDisconnect(p.socket));
    const ack = await sendCommand(facilitator, { type: "endWorkshop" });
    expect(ack).toMatchObject({ ok: true });
    await Promise.all(closed);
    for (const p of people) expect(latest(p).status).toBe("ended");
  });
});
