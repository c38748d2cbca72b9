import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "..");
const SCRIPT = join(ROOT, "scripts/check-scenarios.ts");

// Spawned exactly as `npm run scenarios:check` runs it, so the exit code is the real one.
function check(...args: string[]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", SCRIPT, ...args], { cwd: ROOT, encoding: "utf8", timeout: 30_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("scripts/check-scenarios.ts", () => {
  let good: string;
  let bad: string;

  beforeAll(async () => {
    good = await mkdtemp(join(tmpdir(), "rolecall-check-good-"));
    await cp(join(ROOT, "scenarios"), good, { recursive: true });
    bad = await mkdtemp(join(tmpdir(), "rolecall-check-bad-"));
    await cp(join(ROOT, "scenarios"), bad, { recursive: true });
    await writeFile(join(bad, "broken-yaml.yaml"), "id: broken-yaml\nsituation: She says: no way\n");
    const acro = await readFile(join(ROOT, "scenarios/rubrics/acro.yaml"), "utf8");
    await writeFile(join(bad, "rubrics/acro.yaml"), acro.replace("shortcut: c", "shortcut: a"));
  });

  afterAll(async () => {
    await rm(good, { recursive: true, force: true });
    await rm(bad, { recursive: true, force: true });
  });

  it("says how many scenarios and rubrics are valid and exits 0", () => {
    const run = check(good);
    expect(run.stderr).not.toContain("✗");
    expect(run.stdout).toMatch(/^✓ \d+ scenarios and 3 rubrics are valid\n$/);
    expect(run.code).toBe(0);
  });

  it("checks scenarios/ when no folder is given", () => {
    const run = check();
    expect(run.stdout).toContain("scenarios and 3 rubrics are valid");
    expect(run.code).toBe(0);
  });

  it("prints every problem with file, line and field, and exits 1", () => {
    const run = check(bad);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("broken-yaml.yaml");
    expect(run.stderr).toMatch(/✗ line 2\n\s+This is not valid YAML.*double quotes/);
    expect(run.stderr).toContain(join("rubrics", "acro.yaml"));
    expect(run.stderr).toMatch(/criteria\[1\]\.shortcut\n\s+The shortcut key "a" is already used by criterion "acknowledge"/);
    expect(run.stderr).toContain("Nothing was loaded");
  });

  it("exits 1 for a folder that does not exist", () => {
    const run = check(join(tmpdir(), "rolecall-definitely-missing"));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("does not exist");
  });
});
