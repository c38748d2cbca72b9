import { createWorkshop, expect, expectAccessible, joinAs, setUpFirstFacilitator, test } from "./fixtures";

test("a facilitator browses, filters and opens a scenario with every brief and the rubric", async ({ page }) => {
  await setUpFirstFacilitator(page);
  await page.getByRole("link", { name: "Scenarios" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Scenario library" })).toBeVisible();
  const total = await page.getByTestId("scenario-card").count();
  expect(total).toBeGreaterThanOrEqual(12);
  await expect(page.getByTestId("result-count")).toHaveText(`${total} scenarios`);
  await expectAccessible(page);

  // Filter by theme: every card shown carries the tag.
  await page.getByLabel("Theme", { exact: true }).selectOption("billing");
  await expect(page).toHaveURL(/tag=billing/);
  const billing = page.getByTestId("scenario-card");
  const billingCount = await billing.count();
  expect(billingCount).toBeGreaterThan(0);
  expect(billingCount).toBeLessThan(total);
  for (const card of await billing.all()) await expect(card.getByRole("list", { name: "Themes" })).toContainText("billing");

  // Text search narrows further; a nonsense search shows a clear empty state.
  await page.getByLabel("Search", { exact: true }).fill("copay");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("scenario-card").first()).toContainText(/copay/i);
  await page.getByLabel("Search", { exact: true }).fill("zebra crossing");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No scenario matches these filters.")).toBeVisible();
  await page.getByRole("link", { name: "Clear the filters" }).click();
  await expect(page.getByTestId("scenario-card")).toHaveCount(total);

  // Difficulty filter: every badge shown has that level.
  await page.getByLabel("Difficulty").selectOption("very hard");
  await expect(page).toHaveURL(/difficulty=very\+hard/);
  for (const badge of await page.getByTestId("difficulty-badge").all()) await expect(badge).toContainText("very hard");

  await page.goto("/scenarios");
  await page.getByRole("link", { name: "A copay nobody mentioned" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "A copay nobody mentioned" })).toBeVisible();
  await expect(page.getByTestId("brief-patient")).toContainText("What you mean underneath");
  await expect(page.getByTestId("brief-staff")).toContainText("What you cannot do");
  await expect(page.getByTestId("brief-observers")).toContainText("Turning points");
  await expect(page.getByTestId("rubric")).toBeVisible();
  await expect(page.getByRole("heading", { name: /Starting difficulty: \d+\/10/ })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Printable version" }).click();
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  await expect(page.getByText("Staff sheet")).toBeVisible();
  await expectAccessible(page);
});

test("a participant is refused the catalog", async ({ page, browser, baseURL }) => {
  await setUpFirstFacilitator(page);
  const { code } = await createWorkshop(page, "Catalog privacy check");
  const participant = await (await browser.newContext({ baseURL })).newPage();
  await joinAs(participant, code, "Pat");
  for (const path of ["/scenarios", "/scenarios/surprise-copay-at-check-in", "/scenarios/surprise-copay-at-check-in/print"]) {
    await participant.goto(path);
    await expect(participant).toHaveURL(/\/login\?redirectTo=/);
    await expect(participant.getByText("What you mean underneath")).toHaveCount(0);
  }
});
