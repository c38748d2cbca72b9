import { afterAll, beforeAll, expect, it } from "vitest";
import { EVENT_BURST } from "../../server/realtime/event-budget";
import { connectSocket, createWorkshop, joinWorkshop, sendCommand, signUpFirstFacilitator, startTestServer, type TestServer } from "../support/test-server";

/**
 * A participant's browser (or a script) flooding the server: past the burst,
 * events are answered "too many" instead of run, the server stays responsive
 * for everyone else, and the flooder gets going again after a pause.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

it("answers a flood with a clear refusal, keeps serving others, and recovers", async () => {
  const cookie = await signUpFirstFacilitator(server.url);
  const { workshopId, code } = await createWorkshop(server.url, cookie, "Flood drill");
  const flooder = await connectSocket(server.url, (await joinWorkshop(server.url, code, "Flo")).cookie, workshopId, "participant");
  const calm = await connectSocket(server.url, (await joinWorkshop(server.url, code, "Cal")).cookie, workshopId, "participant");
  try {
    const replies = await Promise.all(Array.from({ length: EVENT_BURST * 3 }, () => sendCommand(flooder, { type: "setReady", ready: true }, 10_000)));
    const refused = replies.filter((r) => !r.ok && r.error.code === "rate-limited");
    expect(refused.length).toBeGreaterThanOrEqual(EVENT_BURST);
    expect(refused[0]).toMatchObject({ ok: false, error: { message: expect.stringContaining("Too many requests") } });
    // setReady outside a round is refused by the rules, not the budget: those ran.
    expect(replies.filter((r) => !r.ok && r.error.code !== "rate-limited").length).toBeGreaterThan(0);

    // Someone else is not held back by it.
    const other = await sendCommand(calm, { type: "setReady", ready: true });
    expect(other.ok === true || other.error.code !== "rate-limited").toBe(true);

    // After a short pause the flooder's budget has refilled.
    await new Promise((r) => setTimeout(r, 500));
    const later = await sendCommand(flooder, { type: "setReady", ready: true });
    expect(later.ok === true || later.error.code !== "rate-limited").toBe(true);
  } finally {
    flooder.close();
    calm.close();
  }
});
