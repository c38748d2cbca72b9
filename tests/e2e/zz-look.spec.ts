import type { Page } from "@playwright/test";
import { playScoredWorkshop } from "../support/scored-workshop";
import { expect, FACILITATOR, test } from "./fixtures";

async function pieces(page: Page, name: string, height = 1100) {
  const total = await page.evaluate(() => document.documentElement.scrollHeight);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  for (let y = 0, i = 0; y < total; y += height, i++) {
    await page.screenshot({ path: `/tmp/shots/${name}-${i}.png`, fullPage: true, clip: { x: 0, y, width, height: Math.min(height, total - y) } });
  }
}

test("look", async ({ page, newPerson, server }) => {
  test.setTimeout(120_000);
  const w = await playScoredWorkshop(server.url);
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(FACILITATOR.email);
  await page.getByLabel("Password").fill(FACILITATOR.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/dashboard/);
  await page.goto(`/w/${w.workshopId}/report`);
  await expect(page.getByTestId("criterion-chart").locator(".recharts-wrapper > svg")).toBeVisible();
  await pieces(page, "report");
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: 794, height: 1123 });
  await pieces(page, "print", 1123);
  await page.emulateMedia({ media: "screen" });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/dashboard");
  await pieces(page, "dashboard");
  await page.goto(`/trends?measure=acro/own&segment=shift&bucket=workshop`);
  await pieces(page, "trends");
  const sam = await newPerson();
  const [n, ...v] = w.members.Sam!.cookie.split("=");
  await sam.context().addCookies([{ name: n!, value: v.join("="), url: w.url }]);
  await sam.setViewportSize({ width: 390, height: 844 });
  await sam.goto(`/p/${w.workshopId}/summary`);
  await pieces(sam, "summary", 844);
  await page.goto(`/w/${w.workshopId}`);
  await pieces(page, "console", 800);
  w.close();
});
