import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { spawnServer, type SpawnedServer } from "../support/spawn-server";

/** Fails on any axe-core violation (WCAG 2.1 A/AA and best practices). */
export async function expectAccessible(page: Page, label = page.url()) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`);
  expect(summary, `axe-core violations on ${label}`).toEqual([]);
}

type Fixtures = {
  server: SpawnedServer;
  /** A page in a fresh browser context (its own cookies): another person. */
  newPerson: () => Promise<Page>;
  /** Every page opened in the test is checked by axe-core when the test ends. */
  axeAllPages: void;
};

const openedPages: Page[] = [];

export const test = base.extend<Fixtures>({
  server: async ({}, use) => {
    const server = await spawnServer();
    await use(server);
    await server.stop();
  },
  baseURL: async ({ server }, use) => use(server.url),
  newPerson: async ({ browser, baseURL }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async () => {
      const context = await browser.newContext({ baseURL });
      contexts.push(context);
      const page = await context.newPage();
      openedPages.push(page);
      return page;
    });
    for (const context of contexts) await context.close();
  },
  axeAllPages: [
    // Depends on newPerson so the pages it opened are still open when this runs.
    async ({ context, newPerson: _newPerson }, use, testInfo) => {
      openedPages.length = 0;
      context.on("page", (p) => openedPages.push(p));
      await use();
      // A failed test already says what broke; an axe run on a broken page would only add noise.
      if (testInfo.status !== testInfo.expectedStatus) return;
      for (const p of openedPages) if (!p.isClosed()) await expectAccessible(p, `${p.url()} (at the end of the test)`);
    },
    { auto: true },
  ],
});

export { expect };

export const FACILITATOR = { name: "Dana Reyes", email: "dana@example.org", password: "correct horse battery" };

/** First-run setup through the real form; leaves the page signed in on the dashboard. */
export async function setUpFirstFacilitator(page: Page) {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel("Your name").fill(FACILITATOR.name);
  await page.getByLabel("E-mail").fill(FACILITATOR.email);
  await page.getByLabel("Password").fill(FACILITATOR.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

export async function createWorkshop(page: Page, title: string, options: { askTeamAndShift?: boolean } = {}) {
  await page.goto("/dashboard");
  await page.getByLabel("Title").fill(title);
  if (options.askTeamAndShift) await page.getByLabel(/Ask participants for their team and shift/).check();
  await page.getByRole("button", { name: "Create workshop" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const code = (await page.getByTestId("room-code").innerText()).replace(/\s/g, "");
  return { code, consoleUrl: page.url() };
}

export async function joinAs(page: Page, code: string, displayName: string) {
  await page.goto("/join");
  await page.getByLabel("Room code").fill(code);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Your display name").fill(displayName);
  await page.getByRole("button", { name: "Join workshop" }).click();
  await expect(page.getByTestId("lobby-welcome")).toContainText(displayName);
}
