import { createWorkshop, expect, expectAccessible, FACILITATOR, joinAs, setUpFirstFacilitator, test } from "./fixtures";

test("facilitator sets up, participants join live, one reloads, one is removed", async ({ page, browser, baseURL }) => {
  await setUpFirstFacilitator(page);
  await expectAccessible(page);

  // Sign out and back in, so the journey covers the real sign-in form.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expectAccessible(page);
  await page.getByLabel("E-mail").fill(FACILITATOR.email);
  await page.getByLabel("Password").fill(FACILITATOR.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  const { code } = await createWorkshop(page, "Front desk refresher");
  await expect(page.getByTestId("room-code")).toHaveText(/^[2-9A-HJKMNP-Z]{3} [2-9A-HJKMNP-Z]{3}$/);
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  await expectAccessible(page);

  const ana = await (await browser.newContext({ baseURL })).newPage();
  const ben = await (await browser.newContext({ baseURL })).newPage();
  await joinAs(ana, code, "Ana");
  await expectAccessible(ana);
  await joinAs(ben, code, "Ben");

  // Live on the console and in each other's lobby.
  const entry = (name: string) => page.getByTestId("roster-entry").filter({ has: page.locator(".person-name", { hasText: name }) });
  await expect(entry("Ana")).toHaveAttribute("data-connected", "true");
  await expect(entry("Ben")).toHaveAttribute("data-connected", "true");
  await expect(page.getByTestId("roster-count")).toHaveText("2 joined · 2 connected now");
  await expect(ana.getByTestId("lobby-entry")).toHaveText(["Anaconnected" , "Benconnected"].map((t) => new RegExp(t.replace("connected", ".*connected"))));
  await expect(ana.getByTestId("lobby-roster")).toContainText("Ana (you)");
  await expect(ben.getByTestId("lobby-roster")).toContainText("Ben (you)");
  await expect(ben.getByTestId("lobby-roster")).not.toContainText("Ana (you)");

  // A reload is the same person, not a duplicate.
  await ana.reload();
  await expect(ana.getByTestId("lobby-welcome")).toContainText("Ana");
  await expect(page.getByTestId("roster-entry")).toHaveCount(2);
  await expect(page.getByTestId("roster-count")).toHaveText("2 joined · 2 connected now");
  // Opening the join link again also goes back in as the same person.
  await ana.goto(`/join?code=${code}`);
  await expect(ana.getByTestId("lobby-welcome")).toContainText("Ana");
  await expect(page.getByTestId("roster-entry")).toHaveCount(2);

  // The facilitator removes Ben, who sees why.
  await page.getByRole("button", { name: "Remove Ben" }).click();
  await page.getByLabel("Message for them (optional)").fill("Wrong session — yours is on Thursday.");
  await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
  await expect(ben.getByRole("heading", { name: "You were removed from this workshop" })).toBeVisible();
  await expect(ben.getByText("Wrong session — yours is on Thursday.")).toBeVisible();
  await expect(page.getByTestId("roster-entry")).toHaveCount(1);
  await expect(ana.getByTestId("lobby-entry")).toHaveCount(1);
  // And stays removed after a reload.
  await ben.reload();
  await expect(ben.getByRole("heading", { name: "You were removed from this workshop" })).toBeVisible();
  await expectAccessible(ben);
});

test("presenter view shows the code and counts people live", async ({ page, browser, baseURL }) => {
  await setUpFirstFacilitator(page);
  const { code, consoleUrl } = await createWorkshop(page, "Waiting room drills");
  await page.goto(`${consoleUrl}/present`);
  await expect(page.getByTestId("presenter-code")).toHaveText(`${code.slice(0, 3)} ${code.slice(3)}`);
  await expect(page.getByTestId("presenter-count")).toHaveText("0 people have joined");
  const sam = await (await browser.newContext({ baseURL })).newPage();
  await joinAs(sam, code, "Sam");
  await expect(page.getByTestId("presenter-count")).toHaveText("1 person has joined");
  await expectAccessible(page);
});

test("ending the workshop stops the code and tells everyone", async ({ page, browser, baseURL }) => {
  await setUpFirstFacilitator(page);
  const { code } = await createWorkshop(page, "Billing conversations", { askTeamAndShift: true });
  const kim = await (await browser.newContext({ baseURL })).newPage();
  await kim.goto(`/join?code=${code}`);
  await kim.getByLabel("Your display name").fill("Kim");
  await kim.getByLabel("Team (optional)").fill("Registration");
  await kim.getByLabel("Shift (optional)").fill("Late");
  await expect(kim.getByText("Training only — never use real patient details.")).toBeVisible();
  await expectAccessible(kim);
  await kim.getByRole("button", { name: "Join workshop" }).click();
  await expect(page.getByTestId("roster")).toContainText("Registration · Late");

  await page.getByRole("button", { name: "End workshop" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "End workshop" }).click();
  await expect(kim.getByRole("heading", { name: "This workshop has ended" })).toBeVisible();

  const late = await (await browser.newContext({ baseURL })).newPage();
  await late.goto("/join");
  await late.getByLabel("Room code").fill(code);
  await late.getByRole("button", { name: "Continue" }).click();
  await expect(late.getByText("No open workshop has that code.")).toBeVisible();

  await page.goto("/dashboard");
  await expect(page.getByRole("region", { name: "Past" }).getByRole("link", { name: "Billing conversations", exact: true })).toBeVisible();
});
