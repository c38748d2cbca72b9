import type { Page } from "@playwright/test";
import { spawnServer } from "../support/spawn-server";
import { createWorkshop, expect, expectAccessible, joinAs, setUpFirstFacilitator, test } from "./fixtures";

/** Saves a short two-round plan through the console's plan form. */
async function savePlan(console: Page) {
  await console.getByLabel("Rounds").fill("2");
  await console.getByLabel("People per group").selectOption("4");
  await console.getByLabel("Rubric").selectOption("core-skills");
  await console.getByLabel("Scenario for round 1").selectOption("surprise-copay-at-check-in");
  await console.getByLabel("Role-play (min)").fill("6");
  await console.getByRole("button", { name: "Save plan" }).click();
  await expect(console.getByText("Plan saved.")).toBeVisible();
}

/**
 * Counts, from the socket frames a page sends and receives, the group steps it
 * was sent and the whole views it had to ask for again: steps (a round's
 * groups moving on) must apply to the view the page holds, never by a resync.
 */
function watchSteps(page: Page) {
  const seen = { steps: 0, resyncs: 0 };
  page.on("websocket", (socket) => {
    socket.on("framereceived", ({ payload }) => {
      if (typeof payload === "string" && payload.startsWith('42["workshop:view",{"kind":"step"')) seen.steps++;
    });
    socket.on("framesent", ({ payload }) => {
      if (typeof payload === "string" && payload.includes('"workshop:resync"')) seen.resyncs++;
    });
  });
  return seen;
}

async function roleOf(page: Page) {
  return (await page.getByTestId("my-role").first().innerText()).trim();
}

test("the console keeps a late joiner in the lobby beside the groups, and follows each change", async ({ page: console, newPerson }) => {
  await setUpFirstFacilitator(console);
  const { code } = await createWorkshop(console, "Late joiner");
  for (const name of ["Ana", "Ben", "Cleo", "Dev"]) await joinAs(await newPerson(), code, name);
  await savePlan(console);
  await console.getByRole("button", { name: "Form groups" }).click();
  await expect(console.getByTestId("group-member")).toHaveCount(4);
  await expect(console.getByText("Everyone is in a group.")).toBeVisible();

  // The console's view arrives in parts (the roster in stretches, each group); the lobby is worked out from them.
  const eve = await newPerson();
  await joinAs(eve, code, "Eve");
  await expect(console.getByTestId("roster-count")).toHaveText("5 joined · 5 connected now");
  await expect(console.getByTestId("roster-entry")).toHaveCount(1);
  await expect(console.getByTestId("roster-entry")).toContainText("Eve");
  await expect(console.getByTestId("group-member")).toHaveCount(4);
  await expectAccessible(console);

  await console.getByLabel("Place Eve in a group").selectOption({ label: "Group 1" });
  await expect(console.getByText("Everyone is in a group.")).toBeVisible();
  await expect(console.getByTestId("group-member")).toHaveCount(5);

  await eve.close();
  await expect(console.getByTestId("roster-count")).toHaveText("5 joined · 4 connected now");
  await expect(console.getByTestId("group-member")).toHaveCount(5);
});

test("a facilitator runs one full round with four participants through every phase", async ({ page: console, newPerson }) => {
  await setUpFirstFacilitator(console);
  const { code } = await createWorkshop(console, "Full round");
  const names = ["Ana", "Ben", "Cleo", "Dev"];
  const people: Page[] = [];
  const frames: ReturnType<typeof watchSteps>[] = [];
  for (const name of names) {
    const p = await newPerson();
    frames.push(watchSteps(p));
    await joinAs(p, code, name);
    people.push(p);
  }
  await expect(console.getByTestId("roster-count")).toHaveText("4 joined · 4 connected now");

  await savePlan(console);
  await console.getByRole("button", { name: "Form groups" }).click();
  await expect(console.getByTestId("group-card")).toHaveCount(1);
  await expect(console.getByTestId("group-member")).toHaveCount(4);
  await expectAccessible(console);

  await console.getByRole("button", { name: "Start round 1" }).click();
  await expect(console.getByTestId("group-phase")).toHaveText("Briefing");

  // Each person sees only their own role's brief.
  const byRole = new Map<string, Page>();
  for (const p of people) {
    await expect(p.getByTestId("phase-heading")).toContainText("Briefing");
    const role = await roleOf(p);
    byRole.set(role.startsWith("Observer") ? `observer-${byRole.size}` : role, p);
    if (role === "Staff member") {
      await expect(p.getByTestId("brief-staff")).toBeVisible();
      await expect(p.getByTestId("brief-patient")).toHaveCount(0);
      await expect(p.getByText("What you mean underneath")).toHaveCount(0);
    } else if (role.startsWith("Observer")) {
      await expect(p.getByTestId("brief-staff")).toBeVisible();
      await expect(p.getByTestId("brief-patient")).toBeVisible();
      await expect(p.getByTestId("rubric")).toBeVisible();
    } else {
      await expect(p.getByTestId("brief-patient")).toBeVisible();
      await expect(p.getByTestId("brief-staff")).toHaveCount(0);
      await expect(p.getByText("What you know at the desk")).toHaveCount(0);
    }
  }
  const staff = byRole.get("Staff member")!;
  await expectAccessible(staff);

  await staff.getByTestId("ready-button").click();
  await expect(staff.getByTestId("ready-count")).toHaveText("1 of 4 ready");
  await expect(console.getByTestId("group-ready")).toHaveText("1 of 4 ready");

  // The facilitator starts anyway: role-play with a countdown on every screen.
  await console.getByRole("button", { name: "Start role-play in all groups" }).click();
  for (const p of people) await expect(p.getByTestId("phase-heading")).toContainText("Role-play");
  await expect(console.getByTestId("group-phase")).toHaveText("Role-play");
  const remaining = Number(await staff.getByTestId("countdown").locator("[data-remaining-ms]").getAttribute("data-remaining-ms"));
  expect(remaining).toBeGreaterThan(5 * 60_000);
  expect(remaining).toBeLessThanOrEqual(6 * 60_000);

  // A curveball reaches the group; a broadcast reaches everyone; help lights up the console.
  await console.getByLabel("Curveball for Group 1").selectOption({ index: 1 });
  await console.getByRole("button", { name: "Send curveball to Group 1" }).click();
  for (const p of people) await expect(p.getByTestId("curveball-card")).toHaveCount(1);
  await console.getByLabel("Message to everyone").fill("Three minutes left");
  await console.getByRole("button", { name: "Send message" }).click();
  for (const p of people) await expect(p.getByTestId("broadcast")).toContainText("Three minutes left");
  const asker = people[0]!;
  await asker.getByTestId("help-button").click();
  await asker.getByRole("button", { name: "Send request" }).click();
  await expect(asker.getByTestId("help-status")).toBeVisible();
  await expect(console.getByTestId("help-alert")).toBeVisible();
  await console.getByRole("button", { name: "Mark as handled for Group 1" }).click();
  await expect(console.getByTestId("help-alert")).toHaveCount(0);
  await expectAccessible(asker);

  // Pause and extend show on the participants' screens.
  await console.getByRole("button", { name: "Pause Group 1" }).click();
  await expect(staff.getByTestId("countdown")).toContainText("Paused");
  await console.getByRole("button", { name: "Resume Group 1" }).click();
  await expect(staff.getByTestId("countdown")).not.toContainText("Paused");

  await console.getByRole("button", { name: "End role-play in Group 1" }).click();
  for (const p of people) await expect(p.getByTestId("phase-heading")).toContainText("Reset");
  await expectAccessible(staff);
  await console.getByRole("button", { name: "Next phase in Group 1" }).click();
  for (const p of people) await expect(p.getByTestId("phase-heading")).toContainText("debrief", { ignoreCase: true });
  await expectAccessible(staff);
  await console.getByRole("button", { name: "Next phase in Group 1" }).click();
  await expect(console.getByTestId("group-phase")).toHaveText("Round complete");
  for (const p of people) await expect(p.getByTestId("phase-heading")).toContainText("Round 1 complete");
  // Roles rotated for round 2: the staff member of round 1 plays something else next.
  await expect(staff.getByTestId("my-role")).not.toHaveText("Staff member");
  await expectAccessible(console);
  // Pause, resume, reset, debrief and the round's end went out as group steps, and every page
  // applied them to the view it held (the screens above followed each one).
  for (const [i, seen] of frames.entries()) {
    expect(seen.steps, `${names[i]}'s steps`).toBeGreaterThanOrEqual(5);
    expect(seen.resyncs, `${names[i]}'s resyncs`).toBe(0);
  }
});

test("kill -9 mid role-play: the restarted server restores the round and clients reconnect by themselves", async ({ page: console, newPerson, server }) => {
  await setUpFirstFacilitator(console);
  const { code } = await createWorkshop(console, "Crash drill");
  const people: Page[] = [];
  for (const name of ["Ana", "Ben", "Cleo"]) {
    const p = await newPerson();
    await joinAs(p, code, name);
    people.push(p);
  }
  await savePlan(console);
  await console.getByRole("button", { name: "Form groups" }).click();
  await console.getByRole("button", { name: "Start round 1" }).click();
  await console.getByRole("button", { name: "Start role-play in all groups" }).click();
  const roles = [];
  for (const p of people) {
    await expect(p.getByTestId("phase-heading")).toContainText("Role-play");
    roles.push(await roleOf(p));
  }
  const before = Number(await people[0]!.getByTestId("countdown").locator("[data-remaining-ms]").getAttribute("data-remaining-ms"));

  const port = Number(new URL(server.url).port);
  await server.kill9();
  for (const p of people) await expect(p.getByRole("status").filter({ hasText: /Offline|Reconnecting/i }).first()).toBeVisible();

  const restarted = await spawnServer({ databasePath: server.databasePath, port });
  try {
    // Nobody reloads: socket.io reconnects and the server sends fresh views.
    for (const [i, p] of people.entries()) {
      await expect(p.getByRole("status").filter({ hasText: "Live" }).first()).toBeVisible({ timeout: 20_000 });
      await expect(p.getByTestId("phase-heading")).toContainText("Role-play");
      await expect(p.getByTestId("my-role").first()).toHaveText(roles[i]!);
    }
    const after = Number(await people[0]!.getByTestId("countdown").locator("[data-remaining-ms]").getAttribute("data-remaining-ms"));
    // Same deadline: time kept running while the server was down, and did not reset.
    expect(after).toBeLessThan(before);
    expect(after).toBeGreaterThan(before - 60_000);
    // The console reconnects by itself too (socket.io backs off up to 5 s between attempts); until it
    // has, it still shows the last view it had, and a command would only say "you are offline".
    await expect(console.getByRole("status").filter({ hasText: "Live" }).first()).toBeVisible({ timeout: 20_000 });
    await expect(console.getByTestId("group-phase")).toHaveText("Role-play");
    await expect(console.getByTestId("roster-count")).toHaveText("3 joined · 3 connected now");
    // And it keeps working: the facilitator can end the role-play.
    await console.getByRole("button", { name: "End role-play in Group 1" }).click();
    for (const p of people) await expect(p.getByTestId("phase-heading")).toContainText("Reset");
  } finally {
    await restarted.stop();
  }
});
