import { afterAll, describe, expect, it } from "vitest";
import type { FacilitatorView, ParticipantView } from "../../server/domain/workshop";
import {
  connectWithView,
  createWorkshop,
  joinWorkshop,
  nextView,
  sendCommand,
  signUpFirstFacilitator,
  startTestServer,
  until,
  type ClientSocket,
  type TestServer,
} from "../support/test-server";

/**
 * A workshop everyone has left (lunch, the end of the day) leaves the
 * server's memory after IDLE_WORKSHOP_SECONDS, with what the fan-out
 * remembered about its sockets; whoever comes back finds it as it was.
 * A real server on port 0 with a one-second idle time.
 */
const PLAN = {
  rubricId: "core-skills",
  groupSize: 3,
  rounds: 1,
  scenarioIds: ["surprise-copay-at-check-in"],
  durations: { briefingSeconds: 600, roleplaySeconds: 600, resetSeconds: 60, debriefSeconds: 300 },
};

let server: TestServer;
const sockets: ClientSocket[] = [];
afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.close();
});

async function connect(cookie: string, workshopId: string, as: "facilitator" | "participant") {
  const connected = await connectWithView(server.url, cookie, workshopId, as);
  sockets.push(connected.socket);
  return connected;
}

describe("a workshop nobody is connected to", () => {
  it("stays while anyone is connected, leaves memory once all have gone, and comes back as it was", async () => {
    server = await startTestServer({ IDLE_WORKSHOP_SECONDS: "1" });
    const facilitatorCookie = await signUpFirstFacilitator(server.url);
    const { workshopId, code } = await createWorkshop(server.url, facilitatorCookie, "Back after lunch");
    const people = await Promise.all(["Ana", "Ben", "Cleo"].map((name) => joinWorkshop(server.url, code, name)));
    const console1 = await connect(facilitatorCookie, workshopId, "facilitator");
    const ana1 = await connect(people[0]!.cookie, workshopId, "participant");
    for (const command of [{ type: "setPlan", plan: PLAN }, { type: "formGroups" }, { type: "startRound" }]) {
      const ack = await sendCommand(console1.socket, command);
      expect(ack, command.type).toMatchObject({ ok: true });
    }
    const briefed = await nextView<ParticipantView>(ana1.socket, (v) => v.group?.phase === "briefing");
    expect(briefed.scenario?.id).toBe("surprise-copay-at-check-in");
    const before = server.services.workshops.load(workshopId)!;

    // Nothing changes for well over the idle time, but people are connected: it stays.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(server.memory.workshopsInMemory()).toBe(1);
    expect(server.memory.fanOutWorkshops()).toBe(1);

    console1.socket.close();
    ana1.socket.close();
    await until(() => server.memory.workshopsInMemory() === 0, 5_000, "the idle workshop leaves memory");
    expect(server.memory.fanOutWorkshops()).toBe(0);

    // Ana comes back: her screen is whole (briefs and all), at the same version.
    const ana2 = await connect(people[0]!.cookie, workshopId, "participant");
    const view = ana2.view as ParticipantView;
    expect(view.version).toBe(before.version);
    expect(view.group?.phase).toBe("briefing");
    expect(view.scenario?.id).toBe("surprise-copay-at-check-in");
    expect(view.role).toBe(briefed.role);
    expect(Object.values(view.briefs).some((brief) => brief !== null)).toBe(true);

    // The console too, and the round goes on from where it was: no stale version.
    const console2 = await connect(facilitatorCookie, workshopId, "facilitator");
    const consoleView = console2.view as FacilitatorView;
    expect(consoleView.version).toBe(before.version);
    expect(consoleView.roster.map((p) => p.displayName).sort()).toEqual(["Ana", "Ben", "Cleo"]);
    expect(consoleView.groups).toHaveLength(1);
    const roleplay = nextView<ParticipantView>(ana2.socket, (v) => v.group?.phase === "roleplay");
    const ack = await sendCommand(console2.socket, { type: "startRoleplay", expectedVersion: before.version });
    expect(ack).toMatchObject({ ok: true, version: before.version + 1 });
    expect((await roleplay).version).toBe(before.version + 1);
    expect(server.services.workshops.load(workshopId)!.state).toMatchObject({ id: workshopId, title: "Back after lunch" });
  });
});
