/**
 * Load and latency bench (issue 8): Rolecall's production build under N
 * participants going through a round, then the bare libraries under the same
 * load, reported side by side. `npm run bench` builds first and runs the full
 * size; `npm run bench:smoke` is the small CI run (correctness only).
 *
 * Flags: --participants N (1000) --workshops W (1) --groups-of G (5)
 * --join-rate P/s (50) --edit-interval ms (2000) --edit-seconds S (30)
 * --no-baseline --cpu-prof DIR (profile Rolecall) --out DIR (bench/results)
 * --name BASE (file names: BASE.md and BASE.json; default load)
 * --runs N (3; 1 with --smoke or --no-baseline): Rolecall and the baselines
 * take turns N times, and targets are judged on the median run (see report.ts)
 * --smoke (30 people, 2 workshops, short; writes to a temp dir unless --out).
 */
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { runBaselineLoad } from "./lib/baseline-load";
import { measureBundles } from "./lib/bundles";
import { machineInfo } from "./lib/machine";
import { startBaseline, startRolecallServer, type MeasuredServer } from "./lib/processes";
import { updateReadme } from "./lib/readme";
import { buildReport, type MeasuredRun } from "./lib/report";
import { runRolecallLoad } from "./lib/rolecall-load";
import { ROUND_STEPS, type LoadShape } from "./lib/shape";

const { values } = parseArgs({
  options: {
    participants: { type: "string" },
    workshops: { type: "string" },
    "groups-of": { type: "string" },
    "join-rate": { type: "string" },
    "edit-interval": { type: "string" },
    "edit-seconds": { type: "string" },
    "no-baseline": { type: "boolean", default: false },
    "cpu-prof": { type: "string" },
    out: { type: "string" },
    name: { type: "string" },
    smoke: { type: "boolean", default: false },
    runs: { type: "string" },
  },
});

const smoke = values.smoke;
const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
const shape: LoadShape = {
  participants: num(values.participants, smoke ? 30 : 1000),
  workshops: num(values.workshops, smoke ? 2 : 1),
  groupSize: num(values["groups-of"], 5),
  joinRate: num(values["join-rate"], smoke ? 30 : 50),
  editIntervalMs: num(values["edit-interval"], smoke ? 500 : 2000),
  editSeconds: num(values["edit-seconds"], smoke ? 4 : 30),
  commandGapMs: 250,
  steps: ROUND_STEPS,
};
for (const [k, v] of Object.entries(shape)) if (typeof v === "number" && !(v > 0)) throw new Error(`--${k} must be a positive number`);
// One run's p99 moves by up to 2x on this shared machine from one run to the next, for the same code, and
// so do the bare libraries'; several alternating runs keep one noisy spell from deciding a ratio.
const runs = num(values.runs, smoke || values["no-baseline"] ? 1 : 3);
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs must be a whole number of at least 1");
const outDir = values.out ? path.resolve(values.out) : smoke ? fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-bench-smoke-")) : path.resolve("bench/results");
// Every y-websocket provider adds a process "exit" listener; hundreds of them are expected here.
process.setMaxListeners(0);
const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main() {
  const machine = machineInfo();
  log(`${shape.participants} participants, ${shape.workshops} workshop(s), groups of ${shape.groupSize}; ${runs} run(s); load average ${machine.loadAverage.join(" ")} on ${machine.cpuCount} CPUs`);
  const bundles = measureBundles();
  const measured: MeasuredRun[] = [];
  for (let i = 1; i <= runs; i++) {
    if (runs > 1) log(`run ${i} of ${runs}`);
    measured.push(await measureOnce());
  }

  const commit = (() => {
    try {
      return execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim() + (execSync("git status --porcelain -- server app", { encoding: "utf8" }).trim() ? "+changes" : "");
    } catch {
      return "unknown";
    }
  })();
  const report = buildReport({ shape, runs: measured, bundles, commit });
  fs.mkdirSync(outDir, { recursive: true });
  const fileBase = values.name ?? "load";
  fs.writeFileSync(path.join(outDir, `${fileBase}.json`), JSON.stringify(report.json, null, 2) + "\n");
  fs.writeFileSync(path.join(outDir, `${fileBase}.md`), report.markdown);
  log(`report: ${path.join(outDir, `${fileBase}.md`)}`);
  // The README shows the committed figures: refresh them when this run wrote there.
  if (!smoke && outDir === path.resolve("bench/results")) updateReadme(path.resolve("."), outDir);
  for (const [name, t] of Object.entries(report.json.targets)) log(`  ${t.met ? "met   " : "MISSED"} ${name}: ${t.measured} (target ${t.target})`);

  // Correctness only, in every run: timings are reported, never asserted.
  const problems = measured.flatMap(({ ours, base }, i) => {
    const at = runs > 1 ? ` (run ${i + 1})` : "";
    return [
      ours.joinFailures > 0 && `${ours.joinFailures} joins failed${at}`,
      ours.rubric.lost > 0 && `${ours.rubric.lost} rubric updates lost${at}`,
      ours.rubric.divergent > 0 && `${ours.rubric.divergent} replicas diverged from the server${at}`,
      ours.fanouts.some((f) => f.missed > 0) && `${ours.fanouts.reduce((a, f) => a + f.missed, 0)} clients never saw a phase change${at}`,
      ours.rubric.edits === 0 && `no rubric edits were made${at}`,
      base && base.rubric.lost + base.rubric.divergent > 0 && `the bare Yjs baseline lost or diverged updates${at}`,
    ].filter(Boolean);
  });
  if (problems.length > 0) {
    console.error(`Bench found correctness problems: ${problems.join("; ")}`);
    process.exit(1);
  }
  log("completed: no lost or divergent updates");
  process.exit(0);
}

/** One run: Rolecall on a fresh server and database, then (unless --no-baseline) the bare libraries. */
async function measureOnce(): Promise<MeasuredRun> {
  const startedAt = new Date().toISOString();
  const machineBefore = machineInfo();
  let rolecall: MeasuredServer | null = await startRolecallServer({ cpuProfileDir: values["cpu-prof"] });
  let ours;
  try {
    ours = await runRolecallLoad(rolecall, shape, log);
  } catch (error) {
    log(`Rolecall run failed; server output:\n${rolecall.output().slice(-4000)}`);
    throw error;
  } finally {
    await rolecall.stop();
    rolecall = null;
  }

  let base = null;
  if (!values["no-baseline"]) {
    const relay = await startBaseline("bare socket.io relay", "bare-socketio.ts");
    const yjs = await startBaseline("bare Yjs server", "bare-yjs.ts");
    try {
      base = await runBaselineLoad(relay, yjs, shape, ours.sampleViews, log);
    } finally {
      await relay.stop();
      await yjs.stop();
    }
  }
  return { ours, base, startedAt, machineBefore, machineAfter: machineInfo() };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
