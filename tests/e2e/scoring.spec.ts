import type { Locator, Page } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { FacilitatorView } from "../../server/domain/workshop/views";
import { createViewAssembler, type WireView } from "../../server/domain/workshop/wire-view";
import { createWorkshop, expect, expectAccessible, joinAs, setUpFirstFacilitator, test } from "./fixtures";

/**
 * Live scoring in real browsers. The facilitator's set-up (plan, groups,
 * roles, phases) goes through socket.io with the console's own cookie, so
 * each test knows who plays what; everything a participant does is clicked
 * and typed in their own browser.
 */

interface Facilitator {
  command(command: Record<string, unknown>): Promise<void>;
  ids: Record<string, string>;
  close(): void;
}

async function facilitatorSocket(console: Page, baseURL: string, workshopId: string): Promise<Facilitator> {
  const cookie = (await console.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const socket: Socket = io(baseURL, { transports: ["websocket"], extraHeaders: { cookie }, auth: { workshopId, as: "facilitator" }, forceNew: true });
  // The first view on a connection carries every part of the console's view; join it as the console does.
  const view = await new Promise<FacilitatorView>((resolve, reject) => {
    socket.once("workshop:view", (wire: WireView) => resolve(createViewAssembler().receive(wire) as FacilitatorView));
    socket.once("connect_error", reject);
  });
  return {
    ids: Object.fromEntries(view.roster.map((p) => [p.displayName, p.id])),
    async command(command) {
      const ack = (await socket.timeout(10_000).emitWithAck("workshop:command", command)) as { ok: boolean; error?: { message: string } };
      if (!ack.ok) throw new Error(`${String(command.type)} refused: ${ack.error?.message}`);
    },
    close: () => socket.close(),
  };
}

/** Console, a workshop, and people joined in their own browsers, with Sam as staff and Pat as patient in round 1's role-play. */
async function setUp(console: Page, newPerson: () => Promise<Page>, baseURL: string, observers: string[]) {
  await setUpFirstFacilitator(console);
  const { code, consoleUrl } = await createWorkshop(console, "Scoring together");
  const workshopId = consoleUrl.split("/w/")[1]!;
  const pages: Record<string, Page> = {};
  for (const name of ["Sam", "Pat", ...observers]) {
    pages[name] = await newPerson();
    await joinAs(pages[name], code, name);
  }
  const facilitator = await facilitatorSocket(console, baseURL, workshopId);
  await facilitator.command({
    type: "setPlan",
    plan: {
      rubricId: "acro",
      groupSize: Math.max(3, observers.length + 2),
      rounds: 1,
      durations: { briefingSeconds: 600, roleplaySeconds: 1200, resetSeconds: 300, debriefSeconds: 1200 },
      scenarioIds: ["surprise-copay-at-check-in"],
    },
  });
  await facilitator.command({ type: "formGroups" });
  await facilitator.command({ type: "setRole", groupId: "g1", participantId: facilitator.ids.Sam, role: "staff" });
  await facilitator.command({ type: "setRole", groupId: "g1", participantId: facilitator.ids.Pat, role: "patient" });
  await facilitator.command({ type: "startRound" });
  await facilitator.command({ type: "startRoleplay" });
  return { pages, facilitator, workshopId };
}

const criterion = (page: Page, id: string) => page.locator(`[data-testid="criterion"][data-criterion="${id}"]`);
const level = (page: Page, id: string, value: number) => criterion(page, id).locator(`input[type="radio"][value="${value}"]`);
const noteIds = async (page: Page) => (await page.getByTestId("note").evaluateAll((els) => els.map((e) => e.getAttribute("data-note-id")))).sort();
const noteTexts = (page: Page): Locator => page.getByTestId("notes-list");

async function writeNote(page: Page, text: string, kind?: string) {
  await page.getByTestId("observer-sheet").getByRole("heading", { name: "Scoring sheet" }).click();
  await page.keyboard.press("n");
  const composer = page.getByTestId("note-composer");
  await expect(composer).toBeVisible();
  if (kind) await composer.getByLabel(kind).check();
  await composer.getByLabel(kind === "Quote worth keeping" ? "What was said" : "Note").fill(text);
  await composer.getByRole("button", { name: "Add note" }).click();
  await expect(composer).toHaveCount(0);
}

// Four or five browsers in one test: give them room on a busy machine.
test.describe.configure({ timeout: 120_000 });

test("two observers score and take notes; one goes offline, keeps scoring, and both sheets match after", async ({ page: console, newPerson, baseURL }) => {
  const { pages, facilitator } = await setUp(console, newPerson, baseURL!, ["Ana", "Ben"]);
  const ana = pages.Ana!;
  const ben = pages.Ben!;
  for (const p of [ana, ben]) {
    await expect(p.getByTestId("observer-sheet")).toBeVisible();
    await expect(p.getByTestId("sheet-status")).toHaveAttribute("data-status", "online");
  }
  // Performers get no sheet during the role-play.
  await expect(pages.Sam!.getByTestId("observer-sheet")).toHaveCount(0);
  await expect(pages.Pat!.getByTestId("observer-sheet")).toHaveCount(0);

  // Ana scores with the mouse and with the keyboard; each level says what it means on hover.
  await level(ana, "acknowledge", 3).click();
  await expect(criterion(ana, "acknowledge").getByTestId("chosen-level")).toContainText("3 · Specific");
  await criterion(ana, "own").locator(".level-button").first().hover();
  await expect(criterion(ana, "own").getByRole("tooltip").first()).toBeVisible();
  await ana.getByTestId("observer-sheet").getByRole("heading", { name: "Scoring sheet" }).click();
  await ana.keyboard.press("c");
  await ana.keyboard.press("2");
  await expect(criterion(ana, "calibrate").getByTestId("chosen-level")).toContainText("2 · Fixed");
  await criterion(ana, "acknowledge").getByLabel("Says out loud what this costs the patient (time, money, worry, a missed shift)").check();

  // Notes appear live for the other observer; typing "c" or "2" in a note does not score.
  await writeNote(ana, "I can see this cost you an afternoon — c2", "Quote worth keeping");
  await expect(noteTexts(ben)).toContainText("I can see this cost you an afternoon");
  await expect(criterion(ana, "calibrate").getByTestId("chosen-level")).toContainText("2 · Fixed");
  await expect(ana.getByTestId("presence")).toContainText("Ben");
  await expectAccessible(ana);

  // The facilitator watches the sheet live: notes, and each observer's scores as they are given.
  await console.getByText("Watch the sheet").click();
  const live = console.getByTestId("live-sheet");
  await expect(live.getByTestId("notes-list")).toContainText("I can see this cost you an afternoon");
  await expect(live.getByTestId("live-observer-row").filter({ hasText: "Ana" })).toContainText("32––");
  await expectAccessible(console);

  // Nobody sees anyone's scores yet.
  await expect(ben.getByTestId("score-comparison")).toHaveCount(0);
  await expect(criterion(ben, "acknowledge").getByTestId("chosen-level")).toContainText("Not scored yet");

  // Ben loses the connection and keeps going.
  await ben.context().setOffline(true);
  await expect(ben.getByTestId("sheet-status")).toHaveAttribute("data-status", "offline");
  await expect(ben.getByTestId("sheet-status")).toContainText("Offline — your scores are saved on this device");
  await level(ben, "acknowledge", 1).click();
  await level(ben, "calibrate", 2).click();
  await level(ben, "re-enter", 3).click();
  await level(ben, "own", 2).click();
  await writeNote(ben, "Offered a payment plan without being asked");
  await writeNote(ana, "Checked the amount twice");
  await expect(noteTexts(ben)).not.toContainText("Checked the amount twice");
  await expect(ben.getByRole("button", { name: "Submit my scores" })).toBeDisabled();

  // Back online: everything merges both ways.
  await ben.context().setOffline(false);
  await expect(ben.getByTestId("sheet-status")).toHaveAttribute("data-status", "online");
  await expect(noteTexts(ben)).toContainText("Checked the amount twice");
  await expect(noteTexts(ana)).toContainText("Offered a payment plan without being asked");
  expect(await noteIds(ana)).toHaveLength(3);
  expect(await noteIds(ben)).toEqual(await noteIds(ana));

  // Ben submits what he scored offline; Ana still sees nobody's scores until she submits too.
  await ben.getByRole("button", { name: "Submit my scores" }).click();
  await expect(ben.getByTestId("scores-submitted")).toBeVisible();
  await expect(ben.getByTestId("score-comparison")).toBeVisible();
  await expect(ana.getByTestId("submitted-count")).toContainText("1 of 2");
  await expect(ana.getByTestId("score-comparison")).toHaveCount(0);
  await expect(console.getByTestId("scoring-submitted")).toHaveText("1 of 2 submitted");

  await level(ana, "re-enter", 3).click();
  await level(ana, "own", 4).click();
  await ana.getByRole("button", { name: "Submit my scores" }).click();
  const comparison = ana.getByTestId("score-comparison");
  await expect(comparison).toBeVisible();
  // Acknowledge: Ana 3, Ben 1 — two levels apart, marked; Own: 4 and 2, marked; the others agree.
  await expect(comparison.locator('[data-criterion="acknowledge"]')).toHaveAttribute("data-disagreement", "true");
  await expect(comparison.locator('[data-criterion="own"]')).toHaveAttribute("data-disagreement", "true");
  await expect(comparison.locator('[data-criterion="calibrate"]')).toHaveAttribute("data-disagreement", "false");
  const cell = (page: Page, criterionId: string, name: string) => page.getByTestId("score-comparison").locator(`[data-criterion="${criterionId}"] [data-rater="${facilitator.ids[name]}"]`);
  for (const p of [ana, ben]) {
    await expect(cell(p, "acknowledge", "Ana")).toHaveText("3 Specific");
    await expect(cell(p, "acknowledge", "Ben")).toHaveText("1 Not yet");
    await expect(cell(p, "own", "Ben")).toHaveText("2 Partial");
  }
  // Ana's own sheet is locked once submitted.
  await expect(level(ana, "acknowledge", 1)).toBeDisabled();
  await expect(console.getByTestId("scoring-submitted")).toHaveText("2 of 2 submitted");
  await expectAccessible(ana);
  await expectAccessible(ben);
  facilitator.close();
});

test("in the room debrief the staff member locks in, the patient answers, then the scores are revealed", async ({ page: console, newPerson, baseURL }) => {
  const { pages, facilitator } = await setUp(console, newPerson, baseURL!, ["Ana"]);
  const ana = pages.Ana!;
  const sam = pages.Sam!;
  const pat = pages.Pat!;

  await expect(ana.getByTestId("sheet-status")).toHaveAttribute("data-status", "online");
  for (const [id, value] of [["acknowledge", 2], ["calibrate", 3], ["re-enter", 3], ["own", 1]] as const) await level(ana, id, value).click();
  await writeNote(ana, "Named who would call back and when");
  await ana.getByRole("button", { name: "Submit my scores" }).click();
  await expect(ana.getByTestId("scores-submitted")).toBeVisible();

  await facilitator.command({ type: "advanceGroups" }); // reset
  await facilitator.command({ type: "advanceGroups" }); // room debrief
  for (const p of [sam, pat, ana]) await expect(p.getByTestId("room-debrief")).toBeVisible();

  // Performers see the steps, not the scores.
  await expect(sam.getByTestId("revealed-scores")).toHaveCount(0);
  await expect(sam.getByTestId("score-comparison")).toHaveCount(0);
  await expect(pat.getByTestId("score-comparison")).toHaveCount(0);
  await expect(sam.getByTestId("reveal-waiting")).toBeVisible();
  await expectAccessible(sam);

  // The staff member locks in first.
  const self = sam.getByTestId("self-assessment");
  const lockIn = self.getByRole("button", { name: "Lock in my self-assessment" });
  await expect(lockIn).toBeDisabled();
  for (const [id, value] of [["acknowledge", 4], ["calibrate", 3], ["re-enter", 4], ["own", 3]] as const) {
    await self.locator(`[data-criterion="${id}"] input[value="${value}"]`).click();
  }
  await lockIn.click();
  await expect(sam.getByTestId("self-assessment-locked")).toBeVisible();
  await expect(sam.getByTestId("score-comparison")).toHaveCount(0);
  await expect(pat.getByTestId("reveal-steps").locator("li.done")).toHaveCount(1);

  // The patient answers: that completes the sequence and the scores are revealed to the group.
  await expectAccessible(pat);
  const perspective = pat.getByTestId("patient-perspective");
  await perspective.getByLabel("Partly").check();
  await perspective.getByLabel(/What landed\?/).fill("Being told a real date for the callback");
  await perspective.getByRole("button", { name: "Share my answer" }).click();

  for (const p of [sam, pat]) {
    const revealed = p.getByTestId("revealed-scores");
    await expect(revealed).toBeVisible();
    await expect(revealed.locator('[data-criterion="acknowledge"] [data-rater]')).toHaveText(["2 Generic", "4 Specific and checked"]);
    await expect(revealed.getByTestId("notes-list")).toContainText("Named who would call back and when");
    await expect(p.getByTestId("patient-answer")).toContainText("Partly");
  }
  // Two levels between Ana and Sam's own view of Acknowledge.
  await expect(ana.getByTestId("score-comparison").locator('[data-criterion="acknowledge"] [data-rater="self"]')).toHaveText("4 Specific and checked");
  await expect(ana.getByTestId("score-comparison").locator('[data-criterion="acknowledge"]')).toContainText("self-view differs");
  await expect(console.getByTestId("scoring-revealed")).toHaveText("revealed");

  // The group agrees a score; performers see it, and cannot change the sheet (they have no controls for it).
  await ana.getByLabel("Agreed score for Own").selectOption("2");
  await expect(sam.getByTestId("revealed-scores").locator('[data-criterion="own"] td').last()).toHaveText("2 Partial");
  await expect(sam.getByLabel("Agreed score for Own")).toHaveCount(0);
  await expect(sam.getByTestId("note-now")).toHaveCount(0);
  await expectAccessible(sam);
  await expectAccessible(ana);
  await expectAccessible(console);
  facilitator.close();
});
