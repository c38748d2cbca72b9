import fs from "node:fs";
import os from "node:os";
import { defineConfig } from "@playwright/test";

const chromiumPath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && fs.existsSync(p));

/**
 * Browser tests in Debian's Chromium (never a downloaded browser). Each test
 * starts its own Rolecall on port 0 with a fresh SQLite file (see
 * tests/e2e/fixtures.ts), so tests can run side by side and kill servers.
 */
export default defineConfig({
  testDir: "tests/e2e",
  // Generous on purpose: CI machines are small and shared; speed is measured in bench/, not here.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  // One test drives up to seven Chromium processes beside its server and keeps about two cores busy
  // (86% of this 2-core machine, measured over the whole suite with one worker). Two workers on two
  // cores took 12.0 minutes against 10.1 for one: the board test alone took 42 s, beside the audio
  // test's six fake microphones 4.5 minutes. So one worker per two cores.
  workers: Math.max(1, Math.floor(os.availableParallelism() / 2)),
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  outputDir: "test-results",
  use: {
    browserName: "chromium",
    // A failed test keeps its trace: every action with the DOM before and after it. Not its
    // screencast: encoding frames from every page cost a quarter of the CPU (one round test:
    // 102 → 80 CPU-seconds, 57 → 47 s) and a failure keeps its own screenshot anyway.
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: true, sources: true },
    // A click that cannot find its target fails within a minute, not at the end of the whole test.
    actionTimeout: 60_000,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
});
