import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParticipantView, WorkshopView } from "../../server/domain/workshop";
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

/**
 * A large workshop's views go out in slices of a few milliseconds each. Here a
 * slice may take no time at all, so each group (whose message goes out whole)
 * and each lobby place takes its own turn of the event loop: every one of the
 * six people must still get each view, and the final view when the workshop
 * ends, before their socket is closed.
 */

const PLAN = {
  rubricId: "core-skills",
  groupSize: 3,
  rounds: 1,
  scenarioIds: ["surprise-copay-at-check-in"],
  durations: { briefingSeconds: 60, roleplaySeconds: 300, resetSeconds: 30, debriefSeconds: 120 },
};

let server: TestServer;
let facilitator: ClientSocket;
let workshopId: string;
const people: { socket: ClientSocket; id: string; views: WorkshopView[] }[] = [];

beforeAll(async () => {
  server = await startTestServer({}, { sliceBudgetMs: 0 });
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

  it("send everyone the final view before closing their sockets when the workshop ends", async () => {
    const closed = people.map((p) => nextDisconnect(p.socket));
    const ack = await sendCommand(facilitator, { type: "endWorkshop" });
    expect(ack).toMatchObject({ ok: true });
    await Promise.all(closed);
    for (const p of people) expect(latest(p).status).toBe("ended");
  });
});
