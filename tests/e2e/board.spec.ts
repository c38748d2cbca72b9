import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { playTwoGroupRound, type Player, type TwoGroupRound } from "../support/two-group-round";
import { expect, expectAccessible, FACILITATOR, test } from "./fixtures";

/**
 * The plenary debrief board in real Chromium: two groups finish a round
 * (played over socket.io and Yjs), then the facilitator starts the plenary
 * and leads the board while two participants (one from each room) and the
 * presenter view follow live. Screenshots go to test-results/board/.
 */

const shots = path.join("test-results", "board");
fs.mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

test.slow();

let played: TwoGroupRound | null = null;
test.afterEach(() => {
  played?.close();
  played = null;
});

async function signedInFacilitator(page: Page) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(FACILITATOR.email);
  await page.getByLabel("Password").fill(FACILITATOR.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

async function openAs(page: Page, url: string, w: TwoGroupRound, player: Player) {
  const [name, ...value] = player.cookie.split("=");
  await page.context().addCookies([{ name: name!, value: value.join("="), url }]);
  await page.goto(`/p/${w.workshopId}`);
}

test("two rooms' results, a promoted note, a vote and a spotlight reach every screen", async ({ page, server, newPerson }) => {
  const w = (played = await playTwoGroupRound(server.url));
  const [room1, room2] = w.groups as [TwoGroupRound["groups"][0], TwoGroupRound["groups"][0]];
  const observer = room1.observers[0]!;
  const voter = room2.staff;

  // Everyone is on their page before the plenary starts: the board must arrive live.
  await signedInFacilitator(page);
  await page.goto(`/w/${w.workshopId}`);
  const presenter = await page.context().newPage();
  await presenter.goto(`/w/${w.workshopId}/present`);
  const observerPage = await newPerson();
  await observerPage.setViewportSize({ width: 390, height: 844 });
  await openAs(observerPage, server.url, w, observer);
  const voterPage = await newPerson();
  await voterPage.setViewportSize({ width: 390, height: 844 });
  await openAs(voterPage, server.url, w, voter);
  const everyone = [page, presenter, observerPage, voterPage];

  await page.getByRole("button", { name: "Start the plenary debrief" }).click();

  // Results: both rooms on every screen, each with its scenario and starting difficulty.
  for (const screen of everyone) {
    const columns = screen.getByTestId("wall-column");
    await expect(columns).toHaveCount(2);
    await expect(columns.nth(0)).toContainText("Group 1, round 1");
    await expect(columns.nth(0)).toContainText(/Difficulty \d+\/10/);
    await expect(columns.nth(1)).toContainText("Group 2, round 1");
    await expect(columns.nth(1)).toContainText("Hard case, went well");
    await expect(screen.getByTestId("wall-patient").first()).toHaveText("Yes");
  }
  await expect(page.getByTestId("hard-cases")).toContainText("Group 2, round 1");
  await expectAccessible(page, "console, results step");
  await expectAccessible(observerPage, "participant, results step");
  await expectAccessible(presenter, "presenter, results step");
  await shot(page, "console-results");
  await shot(presenter, "presenter-results");
  await shot(observerPage, "participant-results");

  // Cards: the observer promotes their own note; it shows everywhere, without their name.
  await page.getByRole("button", { name: "Next: Cards" }).click();
  await expect(observerPage.getByRole("heading", { name: "Debrief board · Cards" })).toBeVisible();
  await observerPage.getByRole("button", { name: `Put on the board: ${room1.note}` }).click();
  await expect(observerPage.getByText("Your note is on the board, without your name.")).toBeVisible();
  for (const screen of everyone) {
    const card = screen.getByTestId("board-card").filter({ hasText: room1.note });
    await expect(card).toBeVisible();
    await expect(card).toContainText("Observer's note · Group 1, round 1");
    await expect(card).not.toContainText(observer.name);
  }
  // The voter adds a phrase swap of their own.
  await voterPage.getByLabel("Phrase swap").check();
  await voterPage.getByLabel("Instead of saying").fill("That's not our department");
  await voterPage.getByLabel("Say", { exact: true }).fill("I'll book the scan from here and call you by five");
  await voterPage.getByRole("button", { name: "Put it on the board" }).click();
  await expect(page.getByTestId("board-card").filter({ hasText: "book the scan" })).toContainText("Instead of “That's not our department”");
  await expectAccessible(observerPage, "participant, cards step");
  await shot(observerPage, "participant-cards");

  // Group: the facilitator makes a theme and sorts the promoted note into it.
  // Keyboard alone works too: focus and Enter.
  await page.getByRole("button", { name: "Next: Group" }).focus();
  await page.keyboard.press("Enter");
  await page.getByLabel("New theme").fill("Saying the hard part first");
  await page.getByRole("button", { name: "Add theme" }).click();
  await page.getByLabel(`Theme for “${room1.note}”`).selectOption({ label: "Saying the hard part first" });
  await expect(presenter.getByTestId("theme").filter({ hasText: "Saying the hard part first" })).toContainText(room1.note);

  // Vote: the facilitator allows two votes each; the voter spends one on the promoted note.
  await page.getByLabel("Votes per person").fill("2");
  await page.getByRole("button", { name: "Set votes" }).click();
  await page.getByRole("button", { name: "Next: Vote" }).click();
  await expect(voterPage.getByTestId("votes-left")).toHaveText("2 of 2 votes left");
  await voterPage.getByRole("button", { name: `Vote for “${room1.note}”` }).focus();
  await voterPage.keyboard.press("Space");
  await expect(voterPage.getByTestId("votes-left")).toHaveText("1 of 2 votes left");
  for (const screen of everyone) {
    await expect(screen.getByTestId("board-card").filter({ hasText: room1.note }).getByTestId("card-votes")).toHaveText("1 vote");
  }

  // Spotlight: the card, then a room's turn, on every screen.
  await page.getByTestId("board-card").filter({ hasText: room1.note }).getByRole("button", { name: "Spotlight" }).click();
  for (const screen of everyone) await expect(screen.getByTestId("spotlight")).toContainText(room1.note);
  await expectAccessible(page, "console, vote step with a spotlight");
  await expectAccessible(voterPage, "participant, vote step");
  await shot(page, "console-vote-spotlight");
  await shot(presenter, "presenter-spotlight-card");
  await shot(voterPage, "participant-vote");

  await page.getByText("Results wall", { exact: true }).click();
  await page.getByRole("button", { name: "Spotlight Group 2, round 1" }).click();
  for (const screen of everyone) await expect(screen.getByTestId("spotlight")).toContainText("Group 2, round 1");
  await shot(presenter, "presenter-spotlight-group");

  // Discuss, then close the workshop: participants see the goodbye.
  await page.getByRole("button", { name: "Next: Discuss" }).click();
  await expect(presenter.getByRole("heading", { name: "Most votes first" })).toBeVisible();
  await shot(page, "console-discuss");
  await page.getByRole("button", { name: "Close the workshop" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "End workshop" }).click();
  await expect(voterPage.getByRole("heading", { name: /Thank you|ended/i })).toBeVisible();

  // The trainer keeps what the room put on the board.
  await page.goto(`/w/${w.workshopId}/report`);
  await expect(page.getByTestId("board-report")).toContainText(`1 vote · What worked · Saying the hard part first: ${room1.note}`);
  await expectAccessible(page, "report with the board's cards");
});
