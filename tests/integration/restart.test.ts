import { afterAll, describe, expect, it } from "vitest";
import type { FacilitatorView, ParticipantView } from "../../server/domain/workshop";
import { spawnServer, type SpawnedServer } from "../support/spawn-server";
import {
  connectWithView,
  createWorkshop,
  getPage,
  joinWorkshop,
  signUpFirstFacilitator,
  type ClientSocket,
} from "../support/test-server";

/**
 * The production build in a child process, killed with SIGKILL: no shutdown
 * hook runs, so whatever survives was on disk when the write returned.
 */
const running: SpawnedServer[] = [];
const sockets: ClientSocket[] = [];
afterAll(async () => {
  for (const s of sockets) s.close();
  for (const server of running) await server.stop();
});

async function spawn(databasePath?: string) {
  const server = await spawnServer(databasePath ? { databasePath } : {});
  running.push(server);
  return server;
}

async function viewAs<V extends FacilitatorView | ParticipantView>(url: string, cookie: string, workshopId: string, as: "facilitator" | "participant") {
  const result = await connectWithView(url, cookie, workshopId, as);
  sockets.push(result.socket);
  return { ...result, view: result.view as V };
}

describe("a crash and restart", () => {
  it("keeps sessions, participants and the room code", async () => {
    const first = await spawn();
    const facilitatorCookie = await signUpFirstFacilitator(first.url);
    const { workshopId, code } = await createWorkshop(first.url, facilitatorCookie, "Survives a crash");
    const ana = await joinWorkshop(first.url, code, "Ana");
    const ben = await joinWorkshop(first.url, code, "Ben");

    const { view: before } = await viewAs<FacilitatorView>(first.url, facilitatorCookie, workshopId, "facilitator");
    const ids = Object.fromEntries(before.roster.map((p) => [p.displayName, p.id]));
    expect(Object.keys(ids)).toEqual(["Ana", "Ben"]);

    await first.kill9();
    expect(first.process.signalCode).toBe("SIGKILL");

    const second = await spawn(first.databasePath);
    expect(second.url).not.toBe("");

    // The facilitator's session was stored, not held in memory.
    const dashboard = await getPage(second.url, "/dashboard", facilitatorCookie);
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain("Survives a crash");
    const consolePage = await getPage(second.url, `/w/${workshopId}`, facilitatorCookie);
    expect(consolePage.status).toBe(200);

    // Each participant cookie still names the same person; nobody is duplicated.
    const anaAfter = await viewAs<ParticipantView>(second.url, ana.cookie, workshopId, "participant");
    expect(anaAfter.welcome.participantId).toBe(ids.Ana);
    const benAfter = await viewAs<ParticipantView>(second.url, ben.cookie, workshopId, "participant");
    expect(benAfter.welcome.participantId).toBe(ids.Ben);
    expect(benAfter.view.roster.map((p) => [p.displayName, p.id])).toEqual([
      ["Ana", ids.Ana],
      ["Ben", ids.Ben],
    ]);

    const { view: after } = await viewAs<FacilitatorView>(second.url, facilitatorCookie, workshopId, "facilitator");
    expect(after.version).toBe(before.version);
    expect(after.code).toBe(code);
    expect(after.roster.map((p) => p.id)).toEqual([ids.Ana, ids.Ben]);

    // Rejoining through the form with the cookie goes back to the lobby, not a new seat.
    const rejoin = await getPage(second.url, `/join?code=${code}`, ana.cookie);
    expect(rejoin.status).toBe(302);
    expect(rejoin.headers.get("location")).toBe(`/p/${workshopId}`);

    // The code still works for someone new.
    const cleo = await joinWorkshop(second.url, code, "Cleo");
    expect(cleo.workshopId).toBe(workshopId);
    const cleoView = await viewAs<ParticipantView>(second.url, cleo.cookie, workshopId, "participant");
    expect(cleoView.view.roster.map((p) => p.displayName)).toEqual(["Ana", "Ben", "Cleo"]);
  });
});
