import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addFacilitator, createWorkshop, decodeHtml, getPage, postForm, signIn, signUpFirstFacilitator, startTestServer, type TestServer } from "../support/test-server";

const PLAN = {
  rubricId: "heart",
  groupSize: 5,
  rounds: 2,
  scenarioIds: ["surprise-copay-at-check-in", "long-wait-after-time-off"],
  durations: { briefingSeconds: 90, roleplaySeconds: 360, resetSeconds: 45, debriefSeconds: 240 },
};

let server: TestServer;
let owner: string;
let workshopPath: string;
/** Remix answers a fetcher's POST with the action's JSON when asked for the route's data. */
const DATA = "?_data=routes%2Fw.%24workshopId._index";

beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpFirstFacilitator(server.url);
  const { workshopId } = await createWorkshop(server.url, owner, "Templates");
  workshopPath = `/w/${workshopId}`;
});

afterAll(async () => server?.close());

describe("plan templates", () => {
  it("saves a plan under a name and offers it on the facilitator's next workshop", async () => {
    const saved = await postForm(server.url, workshopPath + DATA, { intent: "saveTemplate", name: "Cycle seven", plan: JSON.stringify(PLAN) }, owner);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ ok: true, message: "Saved “Cycle seven”." });
    const { workshopId } = await createWorkshop(server.url, owner, "Next cycle");
    const html = decodeHtml(await (await getPage(server.url, `/w/${workshopId}`, owner)).text());
    expect(html).toContain("Cycle seven");
    expect(html).toContain('"groupSize":5');
  });

  it("refuses a malformed or out-of-range plan with a clear message, saving nothing", async () => {
    for (const [plan, message] of [
      ["{not json", "The plan could not be read"],
      [JSON.stringify({ ...PLAN, groupSize: 12 }), "Groups need 3 to 6 people"],
      [JSON.stringify({ ...PLAN, durations: { ...PLAN.durations, roleplaySeconds: 10 } }), "The role-play must last between"],
    ] as const) {
      const response = await postForm(server.url, workshopPath + DATA, { intent: "saveTemplate", name: "Broken", plan }, owner);
      expect(response.status).toBe(400);
      expect((await response.json()).message).toContain(message);
    }
    expect(server.services.planTemplates.listFor(server.services.auth.listFacilitators()[0]!.id).map((t) => t.name)).toEqual(["Cycle seven"]);
  });

  it("keeps templates to their owner and refuses saving into another facilitator's workshop", async () => {
    await addFacilitator(server.url, owner, { name: "Sam Lee", email: "sam@example.org", password: "another long password" });
    const other = await signIn(server.url, "sam@example.org", "another long password");
    const response = await postForm(server.url, workshopPath + DATA, { intent: "saveTemplate", name: "Sneaky", plan: JSON.stringify(PLAN) }, other);
    expect(response.status).toBe(404);
    const { workshopId } = await createWorkshop(server.url, other, "Sam's workshop");
    const html = decodeHtml(await (await getPage(server.url, `/w/${workshopId}`, other)).text());
    expect(html).not.toContain("Cycle seven");
  });
});
