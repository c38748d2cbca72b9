import fs from "node:fs";
import path from "node:path";
import { lowerMedianIndex } from "./stats";
import { BENCH_IDLE_WORKSHOP_SECONDS } from "./shape";

/**
 * The README's "Performance" figures come from the committed reports, so they
 * cannot drift from them: a full run that writes to bench/results rewrites the
 * block between the markers from load.json (one workshop of 1,000) and, when
 * present, load-10x100.json (a training day: 10 workshops of 100).
 */

const START = "<!-- bench:figures:start -->";
const END = "<!-- bench:figures:end -->";

interface Summ {
  n: number;
  p50: number;
  p95: number;
  p99: number;
}

interface Report {
  startedAt: string;
  commit: string;
  machine: { before: { cpuCount: number; cpuModel: string; loadAverage: number[] }; after: { loadAverage: number[] } };
  shape: { participants: number; workshops: number };
  rolecall: {
    joinToLobbyMs: Summ;
    phaseFanoutMs: { perClient: Summ; lastClientPerCommand: Summ };
    rubricPropagationMs: Summ;
    rubric: { lost: number; divergent: number; replicasCompared: number };
    server: { round: { eventLoopDelayMs: { p50: number; p99: number } }; heapPerParticipantKiB: number; afterIdle: { loadedYjsDocs: number | null; loadedYjsDocsAtPeak: number | null };
      /** Absent from reports made before idle workshops were measured. */
      afterLeft?: { workshopsInMemory: number | null; workshopsInMemoryAtPeak: number | null };
    };
  };
  baseline: { phaseFanoutMs: { perClient: Summ }; rubricPropagationMs: Summ } | null;
  ratios: { rubricP99: number; fanoutP99: number } | null;
  bundles: { page: string; gzipKiB: number; budgetKiB: number | null }[];
  /** Every run of a multi-run report (report.ts); the figures above are the median run's. */
  runs?: { fanoutRatio: number | null; rubricRatio: number | null }[];
  detailsFromRun?: number;
}

/** "1.4×, 1.6×, 2.0× (median 1.6×)": each run's ratio, for the reader to see the spread. */
function ratiosPerRun(values: (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return "—";
  const median = known[lowerMedianIndex(known)];
  return `${values.map((v) => (v === null ? "—" : `${v}×`)).join(", ")} (median **${median}×**)`;
}

function column(r: Report) {
  const o = r.rolecall;
  const ms = (s: Summ) => `${s.p50} / ${s.p95} / ${s.p99}`;
  return {
    head: `${r.shape.workshops === 1 ? "one workshop" : `${r.shape.workshops} workshops`} of ${r.shape.participants / r.shape.workshops}${r.runs && r.runs.length > 1 ? ` (${r.runs.length} runs; figures from run ${r.detailsFromRun}, the median)` : ""}`,
    rows: [
      ms(o.joinToLobbyMs),
      `${ms(o.phaseFanoutMs.perClient)} (bare socket.io p99 ${r.baseline?.phaseFanoutMs.perClient.p99 ?? "—"}: **${r.ratios?.fanoutP99 ?? "—"}×**)`,
      `${ms(o.rubricPropagationMs)} (bare Yjs p99 ${r.baseline?.rubricPropagationMs.p99 ?? "—"}: **${r.ratios?.rubricP99 ?? "—"}×**)`,
      `${o.server.round.eventLoopDelayMs.p50} / ${o.server.round.eventLoopDelayMs.p99}`,
      `${o.server.heapPerParticipantKiB} KiB`,
      `${o.rubric.lost} lost, ${o.rubric.divergent} divergent of ${o.rubric.replicasCompared} replicas`,
      `${o.server.afterIdle.loadedYjsDocsAtPeak} → ${o.server.afterIdle.loadedYjsDocs}`,
      o.server.afterLeft ? `${o.server.afterLeft.workshopsInMemoryAtPeak} → ${o.server.afterLeft.workshopsInMemory}` : "not measured",
      `${r.machine.before.loadAverage[0]} before, ${r.machine.after.loadAverage[0]} after`,
      ratiosPerRun((r.runs ?? []).map((run) => run.fanoutRatio)),
      ratiosPerRun((r.runs ?? []).map((run) => run.rubricRatio)),
    ],
  };
}

export function readmeBlock(reports: Report[]): string {
  const cols = reports.map(column);
  const labels = [
    "join → lobby (ms, p50 / p95 / p99)",
    "phase fan-out, command → each client's view (ms)",
    "rubric edit → the other observers (ms)",
    "server event-loop delay during the round (ms, p50 / p99; an idle loop reads 10)",
    "server heap per connected participant",
    "lost or divergent rubric updates",
    "Yjs documents loaded: at peak → 6 s after the last one closed",
    `workshops in memory: at peak → once everyone had left (the bench's idle time: ${BENCH_IDLE_WORKSHOP_SECONDS} s)`,
    "machine load average (1 min)",
    "fan-out p99 over the bare relay's, per run",
    "rubric p99 over bare Yjs's, per run",
  ];
  const first = reports[0]!;
  const lines = [
    START,
    `Latest full-size runs (${first.startedAt.slice(0, 16).replace("T", " ")} UTC, commit \`${first.commit}\`, ${first.machine.before.cpuCount} × ${first.machine.before.cpuModel}; the load generator shares the two cores). ` +
      `Rolecall and the baselines take turns several times; the figures are from the run with the median fan-out ratio, and the last rows give each run's ratios:`,
    ``,
    `| 1,000 participants, groups of 5 | ${cols.map((c) => c.head).join(" | ")} |`,
    `| --- | ${cols.map(() => "---").join(" | ")} |`,
    ...labels.map((label, i) => `| ${label} | ${cols.map((c) => c.rows[i]).join(" | ")} |`),
    ``,
    `Gzipped JavaScript on first load: ${first.bundles.map((b) => `${b.page} ${b.gzipKiB} KiB${b.budgetKiB ? ` (budget ${b.budgetKiB})` : ""}`).join("; ")}.`,
    END,
  ];
  return lines.join("\n");
}

export function updateReadme(root: string, resultsDir: string) {
  const files = ["load.json", "load-10x100.json"].map((f) => path.join(resultsDir, f)).filter((f) => fs.existsSync(f));
  if (files.length === 0) return;
  const reports = files.map((f) => JSON.parse(fs.readFileSync(f, "utf8")) as Report);
  const readmePath = path.join(root, "README.md");
  const readme = fs.readFileSync(readmePath, "utf8");
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) return;
  fs.writeFileSync(readmePath, readme.slice(0, start) + readmeBlock(reports) + readme.slice(end + END.length));
}
