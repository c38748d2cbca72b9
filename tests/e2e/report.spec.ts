import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { playScoredWorkshop, type Member, type ScoredWorkshop } from "../support/scored-workshop";
import { expect, expectAccessible, FACILITATOR, test } from "./fixtures";

/**
 * Reports in real Chromium, over a workshop played through socket.io and Yjs
 * (tests/support/scored-workshop.ts). Screenshots go to test-results/report/
 * so a person can look at the screen and the print layout.
 */

const shots = path.join("test-results", "report");
fs.mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(FACILITATOR.email);
  await page.getByLabel("Password").fill(FACILITATOR.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

async function asParticipant(page: Page, w: ScoredWorkshop, member: Member) {
  const [name, ...value] = member.cookie.split("=");
  await page.context().addCookies([{ name: name!, value: value.join("="), url: w.url }]);
}

// Each test plays a whole workshop over socket.io and Yjs before the browser part starts.
test.slow();

let played: ScoredWorkshop | null = null;
test.afterEach(() => {
  played?.close();
  played = null;
});

test("the workshop report reads at a glance on screen and prints without navigation", async ({ page, server }) => {
  const w = (played = await playScoredWorkshop(server.url));
  await signIn(page);
  await page.getByRole("link", { name: `Report for ${w.title}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: w.title })).toBeVisible();

  // Charts are drawn (SVG) with their summaries as accessible names.
  const criteriaChart = page.getByTestId("criterion-chart");
  await expect(criteriaChart.locator(".recharts-wrapper > svg")).toBeVisible();
  await expect(criteriaChart).toHaveAttribute("aria-label", /Bar chart of scores per criterion on a 1 to 4 scale\. Acknowledge: observers \d\.\d/);
  await expect(page.getByTestId("difficulty-chart").locator(".recharts-wrapper > svg")).toBeVisible();
  await expect(page.getByTestId("criteria-table")).toContainText("Acknowledge");
  await expect(page.getByTestId("turn").first()).toContainText(/Difficulty \d+\/10/);
  await expect(page.getByTestId("agreement-headline")).toContainText("α =");
  await expect(page.getByTestId("disagreement-flags")).toContainText("Own — Group 1, round 1 (Sam as staff): 2 observers gave 2 to 4");
  await expect(page.getByTestId("swaps")).toContainText("Instead of That's just your copay say Your visit is $40; you can pay today or set up a plan");
  await expect(page.getByRole("navigation", { name: "Facilitator" })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "report-screen");

  // Print: the same report, without the site's navigation, buttons or the delete form.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("heading", { level: 1, name: w.title })).toBeVisible();
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Report actions" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
  await expect(page.getByRole("heading", { name: "Delete this workshop" })).toBeHidden();
  await expect(criteriaChart.locator(".recharts-wrapper > svg")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Phrase swaps" })).toBeVisible();
  // Nothing wider than the page: the charts scale down with it.
  const overflow = await page.evaluate(() => [...document.querySelectorAll(".chart-frame svg")].map((svg) => svg.getBoundingClientRect().right > document.documentElement.clientWidth + 1));
  expect(overflow).not.toContain(true);
  await shot(page, "report-print");
  await page.pdf({ path: path.join(shots, "report.pdf"), format: "A4", printBackground: true });
  await page.emulateMedia({ media: "screen" });

  // The exports download with the workshop's name and date.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  expect((await download).suggestedFilename()).toMatch(/^front-desk-refresher-march-\d{4}-\d{2}-\d{2}\.csv$/);
});

test("a participant opens their own summary from the plenary screen", async ({ newPerson, server }) => {
  const w = (played = await playScoredWorkshop(server.url));
  const sam = await newPerson();
  await asParticipant(sam, w, w.members.Sam!);
  await sam.goto(`/p/${w.workshopId}`);
  await expect(sam.getByRole("heading", { name: "Debrief board · Results" })).toBeVisible();
  const opened = sam.context().waitForEvent("page");
  await sam.getByRole("link", { name: /Your summary/ }).click();
  const summary = await opened;
  await expect(summary.getByRole("heading", { level: 1, name: "Sam" })).toBeVisible();
  await expect(summary.getByTestId("summary-turn").first()).toContainText("Round 1: you as the staff member");
  await expect(summary.getByTestId("notes-about-me")).toContainText("That's just your copay");
  await expect(summary.getByText("The patient felt heard: partly.")).toBeVisible();
  await summary.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(summary);
  await shot(summary, "summary-phone");
  // The facilitator's report is not for participants.
  await summary.goto(`/w/${w.workshopId}/report`);
  await expect(summary).toHaveURL(/\/login\?redirectTo=/);
});

test("trends show each criterion per shift with a table beside the chart", async ({ page, server }) => {
  const first = await playScoredWorkshop(server.url, { title: "Front desk refresher, March" });
  first.close();
  // A later cycle where observers scored a level higher.
  const w = (played = await playScoredWorkshop(server.url, { title: "Front desk refresher, April", facilitatorCookie: first.facilitatorCookie, adjust: (s) => s + 1 }));
  await signIn(page);
  await page.getByRole("navigation", { name: "Facilitator" }).getByRole("link", { name: "Trends" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Trends across workshops" })).toBeVisible();
  await page.getByLabel("Criterion").selectOption({ label: "Acknowledge · Calibrate · Re-enter · Own: Own" });
  await page.getByLabel("Split by").selectOption("shift");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Own by shift" })).toBeVisible();
  await expect(page.getByTestId("trend-chart").locator(".recharts-wrapper > svg")).toBeVisible();
  for (const shift of new Set(w.rounds.map((r) => r.staff.shift))) await expect(page.getByTestId("trend-table")).toContainText(shift);
  // Both workshops are points on the line; the change since the previous cycle is up.
  await expect(page.getByTestId("trend-table").getByRole("columnheader")).toContainText([/March/, /April/]);
  await expect(page.getByTestId("trend-changes").locator(".change-up").first()).toContainText(/▲ \+\d\.\d/);
  await expectAccessible(page);
  await shot(page, "trends");
});

test("deleting asks for the title, then tells connected people and removes the workshop", async ({ page, newPerson, server }) => {
  const w = (played = await playScoredWorkshop(server.url));
  const pat = await newPerson();
  await asParticipant(pat, w, w.members.Pat!);
  await pat.goto(`/p/${w.workshopId}`);
  await expect(pat.getByRole("heading", { name: "Debrief board · Results" })).toBeVisible();

  await signIn(page);
  await page.goto(`/w/${w.workshopId}/report`);
  const field = page.getByLabel(/Type the workshop title to confirm/);
  await field.fill("Front desk refresher");
  await page.getByRole("button", { name: "Delete workshop…" }).click();
  await expect(page.getByRole("alert")).toContainText(`That does not match the title. Type “${w.title}” exactly`);
  await expect(page.getByRole("dialog")).toBeHidden();

  await field.fill(w.title);
  await page.getByRole("button", { name: "Delete workshop…" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete “${w.title}”?` });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: path.join(shots, "delete-dialog.png") });
  await dialog.getByRole("button", { name: "Delete everything" }).click();
  await expect(page).toHaveURL(/\/dashboard\?deleted=1$/);
  await expect(page.getByRole("status")).toContainText("The workshop and all its data were deleted.");
  await expect(page.getByText(w.title)).toHaveCount(0);

  await expect(pat.getByRole("heading", { name: "This workshop was deleted" })).toBeVisible();
  await expect(pat.getByTestId("farewell")).toContainText("This workshop was deleted by its facilitator");
});
