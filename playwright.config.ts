import fs from "node:fs";
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
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  outputDir: "test-results",
  use: {
    browserName: "chromium",
    trace: "retain-on-failure",
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
