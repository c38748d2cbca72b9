import fs from "node:fs";
import type { Browser, Page } from "@playwright/test";
import {
  AUDIO_TEST_PLAN,
  audioContext,
  bytesFrom,
  bytesSent,
  createWorkshopOverHttp,
  facilitatorSocket,
  heardTones,
  launchAudioBrowser,
  linkStats,
  pageMedia,
  signUpFacilitator,
  toneFiles,
} from "../support/audio-browsers";
import { expect, expectAccessible, joinAs, test } from "./fixtures";

/**
 * Audio rooms in real Chromium with fake microphones: every browser captures
 * its own tone, and each listener's page analyses what it receives.
 */

// Several browsers per test: one at a time keeps a small machine honest. The timeout only
// guards against a hang: the first test takes ~2 minutes on a quiet machine, but on a
// CPU-starved one (2026-12-06: every page call 3–30 s slower, CPU pressure over 50%) it took
// 4.2 and ran out of a 4-minute budget with every assertion still on its way to passing.
test.describe.configure({ mode: "serial", timeout: 420_000 });

const TONES = [440, 554, 660, 784, 880, 1046, 1318];

interface Person {
  name: string;
  tone: number;
  browser: Browser;
  page: Page;
}

async function launchPeople(names: string[], baseURL: string, tones: Map<number, string>, code: string): Promise<Person[]> {
  return Promise.all(
    names.map(async (name, i) => {
      const tone = TONES[i]!;
      const browser = await launchAudioBrowser(tones.get(tone)!);
      const page = await (await audioContext(browser, baseURL)).newPage();
      await joinAs(page, code, name);
      return { name, tone, browser, page };
    }),
  );
}

/** Inbound bytes from `peerId` keep growing on `page`. */
async function expectAudioFrom(page: Page, peerId: string) {
  let before = 0;
  await expect.poll(async () => (before = await bytesFrom(page, peerId)), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect.poll(() => bytesFrom(page, peerId), { timeout: 30_000 }).toBeGreaterThan(before);
}

/** Outbound bytes grow (or not) between two samples a second apart. */
async function sendingDelta(page: Page): Promise<number> {
  const before = await bytesSent(page);
  await page.waitForTimeout(1_000);
  return (await bytesSent(page)) - before;
}

test("two groups in role-play: audio stays in each group, observers only listen, and it stops with the phase", async ({ server }) => {
  const baseURL = server.url;
  const { dir, files } = toneFiles(TONES);
  const cookie = await signUpFacilitator(baseURL);
  const { workshopId, code } = await createWorkshopOverHttp(baseURL, cookie, "Audio check");
  const facilitator = await facilitatorSocket(baseURL, cookie, workshopId);
  const people = await launchPeople(["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay"], baseURL, files, code);
  try {
    // The lobby's microphone check: a level that moves with the (fake) microphone, and a test sound.
    const lobby = people[0]!.page;
    await lobby.getByRole("button", { name: "Check my microphone" }).click();
    await expect(lobby.getByLabel("Microphone", { exact: true })).toBeVisible();
    await expect.poll(() => lobby.getByTestId("mic-check-level").evaluate((m) => (m as HTMLMeterElement).value), { timeout: 30_000 }).toBeGreaterThan(0.2);
    await lobby.getByRole("button", { name: "Play a test sound" }).click();
    await expect(lobby.getByTestId("tone-status")).toContainText("Can you hear this?");
    await expectAccessible(lobby, "lobby with the microphone check open");
    await lobby.getByRole("button", { name: "Stop the microphone check" }).click();
    // From here on, count only what the audio room asks for.
    await lobby.evaluate(() => ((window as unknown as { __micRequests: number }).__micRequests = 0));
    await facilitator.run({ type: "setPlan", plan: AUDIO_TEST_PLAN });
    await facilitator.run({ type: "formGroups" });
    await facilitator.run({ type: "startRound" });
    await facilitator.run({ type: "startRoleplay" });

    const groups = facilitator.view().groups;
    expect(groups).toHaveLength(2);
    const who = (groupId: string, role: string) => {
      const member = groups.find((g) => g.id === groupId)!.members.find((m) => m.role === role)!;
      return { ...people.find((p) => p.name === member.displayName)!, id: member.id };
    };
    const [aPatient, aStaff, aObserver] = [who("g1", "patient"), who("g1", "staff"), who("g1", "observer")];
    const [bPatient, bStaff, bObserver] = [who("g2", "patient"), who("g2", "staff"), who("g2", "observer")];
    const groupA = [aPatient, aStaff, aObserver];
    const groupB = [bPatient, bStaff, bObserver];

    for (const p of people) await expect(p.page.getByTestId("audio-room")).toHaveAttribute("data-audio-status", "connected", { timeout: 30_000 });

    // In group A the performers hear each other, and the observer hears both.
    await expectAudioFrom(aPatient.page, aStaff.id);
    await expectAudioFrom(aStaff.page, aPatient.id);
    await expectAudioFrom(aObserver.page, aPatient.id);
    await expectAudioFrom(aObserver.page, aStaff.id);
    await expectAudioFrom(bObserver.page, bPatient.id);

    // Each listener hears the right tone from the right person.
    const candidates = people.map((p) => p.tone);
    const expectTones = async (listener: Page, speakers: { id: string; tone: number }[]) => {
      await expect
        .poll(async () => {
          const heard = await heardTones(listener, candidates);
          return Object.fromEntries(Object.entries(heard).map(([id, h]) => [id, h.snr >= 15 ? h.tone : `quiet (${h.tone} Hz, ${h.snr} dB, tracks ${h.tracks})`]));
        }, { timeout: 30_000 })
        .toEqual(Object.fromEntries(speakers.map((s) => [s.id, s.tone])));
    };
    await expectTones(aObserver.page, [aPatient, aStaff]);
    await expectTones(aPatient.page, [aStaff]);
    await expectTones(aStaff.page, [aPatient]);
    await expectTones(bObserver.page, [bPatient, bStaff]);
    await expectTones(bPatient.page, [bStaff]);

    // Nothing from group A reaches group B: no connection to anyone in A, no A tone in any stream.
    const aIds = new Set(groupA.map((p) => p.id));
    for (const b of groupB) {
      expect((await linkStats(b.page)).map((s) => s.peerId).filter((id) => aIds.has(id))).toEqual([]);
      const heard = await heardTones(b.page, candidates);
      expect(Object.keys(heard).filter((id) => aIds.has(id))).toEqual([]);
      const aTones = new Set(groupA.map((a) => a.tone));
      expect(Object.values(heard).filter((h) => h.snr >= 15 && aTones.has(h.tone))).toEqual([]);
    }

    // The observers publish nothing and never ask for the microphone.
    for (const observer of [aObserver, bObserver]) {
      expect((await linkStats(observer.page)).map((s) => s.outboundBytes)).toEqual([0, 0]);
      expect((await pageMedia(observer.page)).micRequests).toBe(0);
      await expect(observer.page.getByTestId("audio-listening")).toBeVisible();
    }
    expect((await pageMedia(aPatient.page)).micRequests).toBe(1);
    await expectAccessible(aObserver.page, "audio room (observer)");
    await expectAccessible(aPatient.page, "audio room (performer)");

    // The phase ends: every connection closes and the audio room leaves the page.
    await facilitator.run({ type: "advanceGroups" });
    for (const p of people) {
      await expect(p.page.getByTestId("audio-room")).toHaveCount(0);
      await expect.poll(async () => (await pageMedia(p.page)).open).toBe(0);
      expect((await pageMedia(p.page)).total).toBeGreaterThan(0);
    }
  } finally {
    facilitator.close();
    await Promise.all(people.map((p) => p.browser.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the facilitator listens in unheard, talks, and leaves; mute stops the sender", async ({ server }) => {
  const baseURL = server.url;
  const { dir, files } = toneFiles(TONES);
  const cookie = await signUpFacilitator(baseURL);
  const { workshopId, code } = await createWorkshopOverHttp(baseURL, cookie, "Coaching check");
  const facilitator = await facilitatorSocket(baseURL, cookie, workshopId);
  const people = await launchPeople(["Gus", "Hana", "Ivo"], baseURL, files, code);
  const facilitatorTone = TONES.at(-1)!;
  const consoleBrowser = await launchAudioBrowser(files.get(facilitatorTone)!);
  try {
    const consoleContext = await audioContext(consoleBrowser, baseURL);
    const [name, value] = cookie.split("=") as [string, string];
    await consoleContext.addCookies([{ name, value, url: baseURL }]);
    const consolePage = await consoleContext.newPage();

    await facilitator.run({ type: "setPlan", plan: AUDIO_TEST_PLAN });
    await facilitator.run({ type: "formGroups" });
    await facilitator.run({ type: "startRound" });
    await facilitator.run({ type: "startRoleplay" });
    const group = facilitator.view().groups[0]!;
    const as = (role: string) => {
      const member = group.members.find((m) => m.role === role)!;
      return { ...people.find((p) => p.name === member.displayName)!, id: member.id };
    };
    const [patient, staff, observer] = [as("patient"), as("staff"), as("observer")];
    for (const p of people) await expect(p.page.getByTestId("audio-room")).toHaveAttribute("data-audio-status", "connected", { timeout: 30_000 });

    // Listen in: the group sees the facilitator; the facilitator hears both performers and sends nothing.
    await consolePage.goto(`/w/${workshopId}`);
    await consolePage.getByRole("button", { name: `Listen in to ${group.name}` }).click();
    await expect(consolePage.getByTestId("listen-status")).toContainText(`Listening to ${group.name}`);
    for (const p of people) await expect(p.page.getByTestId("facilitator-present")).toHaveText("The facilitator is listening to your group.");
    await expectAudioFrom(consolePage, patient.id);
    await expectAudioFrom(consolePage, staff.id);
    await expect
      .poll(async () => Object.fromEntries(Object.entries(await heardTones(consolePage, TONES)).map(([id, h]) => [id, h.snr >= 15 ? h.tone : null])), { timeout: 30_000 })
      .toEqual({ [patient.id]: patient.tone, [staff.id]: staff.tone });
    expect(await bytesSent(consolePage)).toBe(0);
    expect((await pageMedia(consolePage)).micRequests).toBe(0);
    await expectAccessible(consolePage, "console while listening in");

    // Talk: now everyone in the group hears the facilitator's tone.
    await consolePage.getByRole("button", { name: "Talk to the group" }).click();
    for (const p of people) await expect(p.page.getByTestId("facilitator-present")).toHaveText("The facilitator is talking to your group.");
    const facilitatorId = (await linkStats(observer.page)).map((s) => s.peerId).find((id) => id.startsWith("facilitator:"))!;
    expect(facilitatorId).toBeTruthy();
    for (const p of [patient, observer]) await expectAudioFrom(p.page, facilitatorId);
    await expect
      .poll(async () => {
        const h = (await heardTones(observer.page, TONES))[facilitatorId];
        return h && h.snr >= 15 ? h.tone : null;
      }, { timeout: 30_000 })
      .toBe(facilitatorTone);

    // Leave: the group no longer sees (or hears) the facilitator.
    await consolePage.getByRole("button", { name: `Leave ${group.name}'s audio room` }).click();
    for (const p of people) await expect(p.page.getByTestId("facilitator-present")).toHaveCount(0);
    await expect.poll(async () => (await pageMedia(consolePage)).open).toBe(0);

    // Mute stops the patient's outbound bytes; unmuting starts them again. The "M" key toggles, but not while typing.
    const mute = patient.page.getByTestId("mute-button");
    await expect.poll(() => sendingDelta(patient.page), { timeout: 30_000 }).toBeGreaterThan(0);
    await mute.click();
    await expect(mute).toHaveAttribute("aria-pressed", "true");
    await expect.poll(() => sendingDelta(patient.page), { timeout: 30_000 }).toBe(0);
    await expect(staff.page.getByTestId("audio-person").filter({ hasText: patient.name })).toContainText("muted");
    await patient.page.getByLabel("Message to the room").fill("m");
    await patient.page.getByLabel("Message to the room").press("m");
    await expect(mute).toHaveAttribute("aria-pressed", "true");
    await patient.page.getByRole("heading", { name: "Audio room" }).click();
    await patient.page.keyboard.press("m");
    await expect(mute).toHaveAttribute("aria-pressed", "false");
    await expect.poll(() => sendingDelta(patient.page), { timeout: 30_000 }).toBeGreaterThan(0);

    // The room chat reaches the group and the facilitator.
    await observer.page.getByLabel("Message to the room").fill("My headset died — typing instead.");
    await observer.page.getByRole("button", { name: "Post" }).click();
    await expect(staff.page.getByTestId("chat-message")).toContainText(["My headset died — typing instead."]);
    await consolePage.getByText("Show the room chat").click();
    await expect(consolePage.getByTestId("chat-message")).toContainText(["My headset died — typing instead."]);
    await expectAccessible(staff.page, "audio room with chat");
  } finally {
    facilitator.close();
    await consoleBrowser.close();
    await Promise.all(people.map((p) => p.browser.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
