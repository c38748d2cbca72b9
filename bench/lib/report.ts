import type { BenchSample } from "../../server/bench-metrics";
import type { BaselineFigures } from "./baseline-load";
import type { BundleSizes } from "./bundles";
import type { StepCpu } from "./cpu-window";
import type { ServerFanOut } from "./fanout";
import type { MachineInfo } from "./machine";
import type { RolecallFigures } from "./rolecall-load";
import { BENCH_IDLE_WORKSHOP_SECONDS, WORKSHOPS_LEAVE_WAIT_MS, type LoadShape } from "./shape";
import { lowerMedianIndex, ratio, round1, summarize, type Summary } from "./stats";

/** Turns the raw figures into the report: JSON with every summary, and Markdown for people. */

const TARGETS = { rubricP99Ms: 50, fanoutP99Ms: 150, eventLoopP99Ms: 50, heapPerParticipantKiB: 60, ratio: 1.5 };

const r = (s: Summary) => ({ n: s.n, p50: round1(s.p50), p95: round1(s.p95), p99: round1(s.p99), max: round1(s.max), mean: round1(s.mean) });
const kib = (bytes: number) => Math.round(bytes / 102.4) / 10;
const mib = (bytes: number) => Math.round(bytes / 104857.6) / 10;

/** Rolecall's figures are both processes together (memory and CPU added, the worse event loop); each one's own, when it ran as two. */
function processLines(round: ReturnType<typeof serverFigures>): string[] {
  if (!round.processes) return [];
  const line = (name: string, p: ReturnType<typeof oneProcessFigures>) =>
    `${name}: event-loop delay p50 / p99 / max ${p.eventLoopDelayMs.p50} / ${p.eventLoopDelayMs.p99} / ${p.eventLoopDelayMs.max} ms, CPU ${p.cpuPercentOfOneCore}% of one core, heap ${p.heapUsedMiB} MiB`;
  return [
    `Rolecall ran as two processes; the column above adds their memory and CPU and takes the worse event loop at each percentile. During the round:`,
    ``,
    `- ${line("main process (pages, socket.io, workshops)", round.processes.main)}`,
    `- ${line("Yjs process (the documents)", round.processes.yjs)}`,
    ``,
  ];
}

function serverFigures(s: BenchSample): ReturnType<typeof oneProcessFigures> & { processes?: { main: ReturnType<typeof oneProcessFigures>; yjs: ReturnType<typeof oneProcessFigures> } } {
  const whole = oneProcessFigures(s);
  // Rolecall's two processes, each on its own, besides their sum (bench/lib/server-sample.ts).
  return s.mainProcess && s.yjsProcess ? { ...whole, processes: { main: oneProcessFigures(s.mainProcess), yjs: oneProcessFigures(s.yjsProcess) } } : whole;
}

function oneProcessFigures(s: BenchSample) {
  return {
    eventLoopDelayMs: { p50: round1(s.eventLoopDelayMs.p50), p95: round1(s.eventLoopDelayMs.p95), p99: round1(s.eventLoopDelayMs.p99), max: round1(s.eventLoopDelayMs.max) },
    cpuPercentOfOneCore: round1((s.cpuMs / Math.max(1, s.wallMs)) * 100),
    wallSeconds: round1(s.wallMs / 1000),
    rssMiB: mib(s.rss),
    heapUsedMiB: mib(s.heapUsed),
  };
}

/** What one run measured: Rolecall, then (unless --no-baseline) the bare libraries. */
export interface MeasuredRun {
  ours: RolecallFigures;
  base: BaselineFigures | null;
  startedAt: string;
  machineBefore: MachineInfo;
  machineAfter: MachineInfo;
}

interface RunInput extends MeasuredRun {
  shape: LoadShape;
  bundles: BundleSizes;
  commit: string;
}

/**
 * Several runs make one report. The detailed figures are the median run's (by
 * fan-out ratio, or fan-out p99 without baselines), every run is listed, and
 * each timing target is judged on the median of the runs' figures, each ratio
 * being a same-run comparison; correctness and memory must hold in every run.
 */
export function buildReport(input: { shape: LoadShape; runs: MeasuredRun[]; bundles: BundleSizes; commit: string }) {
  if (input.runs.length === 0) throw new Error("A report needs at least one run.");
  const runs = input.runs.map((run) => buildJson({ ...run, shape: input.shape, bundles: input.bundles, commit: input.commit }));
  const json = combineRuns(runs);
  return { json, markdown: markdown(json) };
}

type RunJson = ReturnType<typeof buildJson>;

/** Per-run figures a target can be judged on. */
const TIMED: Record<string, { unit: string; of: (r: RunJson) => number | undefined }> = {
  rubricP99: { unit: " ms", of: (r) => r.rolecall.rubricPropagationMs.p99 },
  fanoutP99: { unit: " ms", of: (r) => r.rolecall.phaseFanoutMs.perClient.p99 },
  eventLoopP99: { unit: " ms", of: (r) => r.rolecall.server.round.eventLoopDelayMs.p99 },
  rubricRatio: { unit: "×", of: (r) => r.ratios?.rubricP99 },
  fanoutRatio: { unit: "×", of: (r) => r.ratios?.fanoutP99 },
};

function combineRuns(runs: RunJson[]) {
  // The lower median: with an even count, the better of the two middle runs (the report says so).
  const chosen = lowerMedianIndex(runs.map((r) => r.ratios?.fanoutP99 ?? r.rolecall.phaseFanoutMs.perClient.p99));
  const targets: RunJson["targets"] = {};
  for (const [name, target] of Object.entries(runs[chosen]!.targets)) {
    const timed = TIMED[name];
    const values = timed ? runs.map((r) => timed.of(r) ?? NaN) : [];
    if (runs.length === 1) {
      targets[name] = target;
    } else if (timed && values.every(Number.isFinite)) {
      const middle = lowerMedianIndex(values);
      const metIn = runs.filter((r) => r.targets[name]?.met).length;
      targets[name] = {
        target: target.target,
        measured: `median ${values[middle]}${timed.unit} (runs: ${values.map((v) => `${v}${timed.unit}`).join(", ")}; met in ${metIn} of ${runs.length})`,
        met: runs[middle]!.targets[name]!.met,
      };
    } else {
      // Correctness, memory and page weight hold in every run or not at all.
      const measured = runs.map((r) => r.targets[name]?.measured ?? "not measured");
      const same = measured.every((m) => m === measured[0]);
      targets[name] = { target: target.target, measured: same ? `${measured[0]} in every run` : `runs: ${measured.join("; ")}`, met: runs.every((r) => r.targets[name]?.met) };
    }
  }
  const runRows = runs.map((r, i) => ({
    run: i + 1,
    startedAt: r.startedAt,
    loadAverageBefore: r.machine.before.loadAverage[0],
    fanoutP99Ms: r.rolecall.phaseFanoutMs.perClient.p99,
    relayP99Ms: r.baseline?.phaseFanoutMs.perClient.p99 ?? null,
    fanoutRatio: r.ratios?.fanoutP99 ?? null,
    rubricP99Ms: r.rolecall.rubricPropagationMs.p99,
    bareYjsP99Ms: r.baseline?.rubricPropagationMs.p99 ?? null,
    rubricRatio: r.ratios?.rubricP99 ?? null,
    eventLoopP99Ms: r.rolecall.server.round.eventLoopDelayMs.p99,
    heapPerParticipantKiB: r.rolecall.server.heapPerParticipantKiB,
    lost: r.rolecall.rubric.lost,
    divergent: r.rolecall.rubric.divergent,
    missedViews: r.rolecall.missedViews,
  }));
  return { ...runs[chosen]!, detailsFromRun: chosen + 1, runs: runRows, targets };
}

function buildJson(input: RunInput) {
  const { ours, base, shape } = input;
  const joined = ours.joinToLobbyMs.length;
  const fanOurs = summarize(ours.fanouts.flatMap((f) => f.perClient));
  const fanLastOurs = summarize(ours.fanouts.map((f) => f.last));
  const rubOurs = summarize(ours.rubricLatencyMs);
  const fanBase = base ? summarize(base.fanouts.flatMap((f) => f.perClient)) : null;
  const fanLastBase = base ? summarize(base.fanouts.map((f) => f.last)) : null;
  const rubBase = base ? summarize(base.rubricLatencyMs) : null;
  const heapPerParticipant = (ours.server.peak.heapUsed - ours.server.idle.heapUsed) / Math.max(1, joined);
  const round = serverFigures(ours.server.round);
  const lost = ours.rubric.lost + ours.rubric.divergent + ours.fanouts.reduce((a, f) => a + f.missed, 0);
  const viewBytes = summarize(ours.participantViewBytes);
  const facilitatorBytes = summarize(ours.facilitatorViewBytes);

  const json = {
    startedAt: input.startedAt,
    commit: input.commit,
    machine: { before: input.machineBefore, after: input.machineAfter },
    shape: { ...shape, groups: Math.floor(shape.participants / shape.groupSize), observers: ours.rubric.replicasCompared },
    rolecall: {
      joined,
      joinFailures: ours.joinFailures,
      joinToLobbyMs: r(summarize(ours.joinToLobbyMs)),
      phaseFanoutMs: { perClient: r(fanOurs), lastClientPerCommand: r(fanLastOurs), byStep: byStep(ours.fanouts) },
      rubricPropagationMs: r(rubOurs),
      replicaConnectAndSyncMs: r(summarize(ours.replicaSyncMs)),
      rubric: ours.rubric,
      missedViews: ours.fanouts.reduce((a, f) => a + f.missed, 0),
      viewBytes: { participant: r(viewBytes), facilitator: r(facilitatorBytes) },
      consoleTraffic: { views: ours.consoleTraffic.views, mib: Math.round((ours.consoleTraffic.chars / 2 ** 20) * 10) / 10 },
      server: {
        joining: serverFigures(ours.server.join),
        round,
        heapIdleMiB: mib(ours.server.idle.heapUsed),
        heapPeakMiB: mib(ours.server.peak.heapUsed),
        rssPeakMiB: mib(ours.server.peak.rss),
        heapPerParticipantKiB: kib(heapPerParticipant),
        rssPerParticipantKiB: kib((ours.server.peak.rss - ours.server.idle.rss) / Math.max(1, joined)),
        afterIdle: { heapUsedMiB: mib(ours.server.afterIdle.heapUsed), loadedYjsDocs: ours.server.afterIdle.extra.loadedYjsDocs ?? null, loadedYjsDocsAtPeak: ours.server.peak.extra.loadedYjsDocs ?? null },
        afterLeft: {
          seconds: WORKSHOPS_LEAVE_WAIT_MS / 1000,
          heapUsedMiB: mib(ours.server.afterLeft.heapUsed),
          workshopsInMemoryAtPeak: ours.server.peak.extra.workshopsInMemory ?? null,
          workshopsInMemory: ours.server.afterLeft.extra.workshopsInMemory ?? null,
          fanOutWorkshops: ours.server.afterLeft.extra.fanOutWorkshops ?? null,
        },
      },
      generatorCpuSeconds: round1(ours.generatorCpuMs / 1000),
      wallSeconds: round1(ours.wallMs / 1000),
    },
    baseline: base
      ? {
          phaseFanoutMs: { perClient: r(fanBase!), lastClientPerCommand: r(fanLastBase!), byStep: byStep(base.fanouts) },
          rubricPropagationMs: r(rubBase!),
          rubric: base.rubric,
          relay: { round: serverFigures(base.relay.round), heapPeakMiB: mib(base.relay.peak.heapUsed) },
          yjs: { round: serverFigures(base.yjs.round), heapPeakMiB: mib(base.yjs.peak.heapUsed) },
        }
      : null,
    ratios: base
      ? {
          rubricP50: ratio(rubOurs.p50, rubBase!.p50),
          rubricP99: ratio(rubOurs.p99, rubBase!.p99),
          fanoutP50: ratio(fanOurs.p50, fanBase!.p50),
          fanoutP99: ratio(fanOurs.p99, fanBase!.p99),
          fanoutLastClientP99: ratio(fanLastOurs.p99, fanLastBase!.p99),
        }
      : null,
    bundles: input.bundles,
    targets: {} as Record<string, { target: string; measured: string; met: boolean }>,
  };
  const t = json.targets;
  t.participants = { target: `${shape.participants} held through a round`, measured: `${joined} joined, ${ours.joinFailures} failed`, met: joined === shape.participants };
  t.rubricP99 = { target: `≤ ${TARGETS.rubricP99Ms} ms`, measured: `${round1(rubOurs.p99)} ms`, met: rubOurs.p99 <= TARGETS.rubricP99Ms };
  t.fanoutP99 = { target: `≤ ${TARGETS.fanoutP99Ms} ms`, measured: `${round1(fanOurs.p99)} ms`, met: fanOurs.p99 <= TARGETS.fanoutP99Ms };
  t.eventLoopP99 = { target: `≤ ${TARGETS.eventLoopP99Ms} ms`, measured: `${round.eventLoopDelayMs.p99} ms`, met: round.eventLoopDelayMs.p99 <= TARGETS.eventLoopP99Ms };
  t.lostUpdates = { target: "0", measured: `${ours.rubric.lost} lost, ${ours.rubric.divergent} divergent, ${json.rolecall.missedViews} missed views`, met: lost === 0 };
  if (json.ratios) {
    t.rubricRatio = { target: `≤ ${TARGETS.ratio}× bare Yjs (p99)`, measured: `${json.ratios.rubricP99}×`, met: json.ratios.rubricP99 <= TARGETS.ratio };
    t.fanoutRatio = { target: `≤ ${TARGETS.ratio}× bare socket.io (p99)`, measured: `${json.ratios.fanoutP99}×`, met: json.ratios.fanoutP99 <= TARGETS.ratio };
  }
  t.heapPerParticipant = { target: `≤ ${TARGETS.heapPerParticipantKiB} KiB`, measured: `${kib(heapPerParticipant)} KiB`, met: kib(heapPerParticipant) <= TARGETS.heapPerParticipantKiB };
  const docsLeft = ours.server.afterIdle.extra.loadedYjsDocs ?? NaN;
  t.idleDocsUnload = { target: "0 documents loaded once nobody has them open", measured: `${docsLeft} loaded`, met: docsLeft === 0 };
  const { workshopsInMemory, fanOutWorkshops } = json.rolecall.server.afterLeft;
  t.idleWorkshopsLeave = {
    target: "0 workshops in memory once nobody is connected (after the idle time)",
    measured: `${workshopsInMemory ?? "?"} in memory, ${fanOutWorkshops ?? "?"} remembered by the fan-out`,
    met: workshopsInMemory === 0 && fanOutWorkshops === 0,
  };
  for (const b of input.bundles) if (b.budgetKiB !== null) t[`bundle ${b.routeId}`] = { target: `≤ ${b.budgetKiB} KiB gz`, measured: `${b.gzipKiB} KiB`, met: Boolean(b.withinBudget) };

  return json;
}

function byStep(fanouts: { label: string; perClient: number[]; last: number; server?: ServerFanOut | null; cpu?: StepCpu | null }[]) {
  const labels = [...new Set(fanouts.map((f) => f.label))];
  return labels.map((label) => {
    const these = fanouts.filter((f) => f.label === label);
    // The slowest workshop's server figure, as the last client is the slowest workshop's; null
    // unless every workshop's server reported this step.
    const slowest = (pick: (x: ServerFanOut) => number | null) => {
      const values = these.map((f) => (f.server ? pick(f.server) : null));
      return values.every((v): v is number => v !== null) ? round1(Math.max(...values)) : null;
    };
    return {
      label,
      perClient: r(summarize(these.flatMap((f) => f.perClient))),
      lastClient: r(summarize(these.map((f) => f.last))),
      serverParticipantsMs: slowest((x) => x.participantsMs),
      serverConsoleMs: slowest((x) => x.consoleMs),
      cpu: cpuOf(these.reduce((a, b) => (b.last > a.last ? b : a)).cpu),
    };
  });
}

const withBlankBefore = (lines: string[]) => (lines.length > 0 ? ["", ...lines] : []);

/** One step's CPU figures, rounded (the slowest workshop's command, as for the last client). */
function cpuOf(cpu: StepCpu | null | undefined) {
  if (!cpu) return null;
  const n = (x: number | null) => (x === null ? null : round1(x));
  return {
    wallMs: round1(cpu.wallMs),
    serverMainRunMs: n(cpu.serverMainRunMs),
    serverMainWaitMs: n(cpu.serverMainWaitMs),
    serverOtherRunMs: n(cpu.serverOtherRunMs),
    loadGeneratorMs: round1(cpu.loadGeneratorMs),
    machineBusyPercent: cpu.machineBusyPercent === null ? null : Math.round(cpu.machineBusyPercent),
  };
}

/**
 * Per step, who had the cores: the server's main thread working and waiting,
 * its other threads, the load generator and the whole machine. Empty when no
 * step has these figures (a report from before they were taken).
 */
export function stepsCpuSection(j: Pick<ReportJson, "rolecall" | "baseline">): string[] {
  const ours = j.rolecall.phaseFanoutMs.byStep;
  const base = j.baseline?.phaseFanoutMs.byStep ?? [];
  if (!ours.some((s) => s.cpu) && !base.some((s) => s.cpu)) return [];
  const v = (x: number | null | undefined, unit = "") => (x === null || x === undefined ? "—" : `${x}${unit}`);
  const cells = (c: ReturnType<typeof cpuOf> | undefined) =>
    c
      ? `${v(c.wallMs)} | ${v(c.serverMainRunMs)} / ${v(c.serverMainWaitMs)} | ${v(c.serverOtherRunMs)} | ${v(c.loadGeneratorMs)} | ${v(c.machineBusyPercent, "%")}`
      : "— | — | — | — | —";
  return [
    `Who had the cores while each step went out, in ms of CPU (the slowest workshop's command; from just before the command to just after its last client's view, so the window also holds the clients' reading). ` +
      `"Main" is the server's JavaScript thread: time on a core / time it was ready to run but waited for one (Linux's per-thread scheduler statistics). ` +
      `"Other" is the server's other threads (V8's garbage collector and compiler). The load generator is every client: the bench's process (socket.io) and the rubric load's (y-websocket).`,
    ``,
    `| step | window | Rolecall main: on a core / waiting | other | load generator | machine busy | relay window | relay main: on a core / waiting | other | load generator | machine busy |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...ours.map((s) => `| ${s.label} | ${cells(s.cpu)} | ${cells(base.find((b) => b.label === s.label)?.cpu)} |`),
  ];
}

/** Per step, side by side: when the server had handed out every view, and when the last client had read one. */
function stepsSection(j: ReportJson): string[] {
  const base = j.baseline?.phaseFanoutMs.byStep ?? [];
  const v = (x: number | null | undefined) => (x === null || x === undefined ? "—" : String(x));
  return [
    `Fan-out per step. "Server" is the server's own clock from the command's arrival: to the last participant's view handed to its socket, and (Rolecall) to the console's, which goes last. ` +
      `The clients' times run from the command's sending, about 1 ms earlier. A last client far behind the server's figure waited on the load generator's reading, not on the server.`,
    ``,
    `| step | per client p50 / p99 | last client | server: participants / console | relay per client p50 / p99 | relay last client | relay server |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ...j.rolecall.phaseFanoutMs.byStep.map((s) => {
      const b = base.find((x) => x.label === s.label);
      return (
        `| ${s.label} | ${s.perClient.p50} / ${s.perClient.p99} | ${s.lastClient.max} | ${v(s.serverParticipantsMs)} / ${v(s.serverConsoleMs)} | ` +
        `${b ? `${b.perClient.p50} / ${b.perClient.p99}` : "—"} | ${v(b?.lastClient.max)} | ${v(b?.serverParticipantsMs)} |`
      );
    }),
  ];
}

type ReportJson = ReturnType<typeof combineRuns>;

function runsSection(j: ReportJson): string[] {
  if (j.runs.length < 2) return [];
  const v = (x: number | null, unit = "") => (x === null ? "—" : `${x}${unit}`);
  return [
    `## Runs`,
    ``,
    `Rolecall and the baselines took turns ${j.runs.length} times (each run: Rolecall on a fresh server and database, then the bare libraries), because one run's p99 moves by up to 2× from run to run on this machine, the bare libraries' too. ` +
      `Each timing target below is judged on the median of the runs (the lower middle one for an even count), each ratio being Rolecall's p99 over the baseline's in the same run; correctness and memory must hold in every run. ` +
      `The detailed figures are from run ${j.detailsFromRun}, the run with the median fan-out ratio.`,
    ``,
    `| run | started (UTC) | load avg | fan-out p99 (ms) | relay p99 | ratio | rubric p99 (ms) | bare Yjs p99 | ratio | event loop p99 | lost / divergent / missed |`,
    `| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |`,
    ...j.runs.map(
      (r) =>
        `| ${r.run} | ${r.startedAt.slice(11, 19)} | ${r.loadAverageBefore} | ${r.fanoutP99Ms} | ${v(r.relayP99Ms)} | ${v(r.fanoutRatio, "×")} | ${r.rubricP99Ms} | ${v(r.bareYjsP99Ms)} | ${v(r.rubricRatio, "×")} | ${r.eventLoopP99Ms} | ${r.lost} / ${r.divergent} / ${r.missedViews} |`,
    ),
    ``,
  ];
}

function markdown(j: ReportJson): string {
  const m = j.machine;
  const row = (name: string, s: { n: number; p50: number; p95: number; p99: number; max: number }, b?: { p50: number; p99: number } | null, unit = "ms") =>
    `| ${name} | ${s.n} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.max} | ${b ? `${b.p50} / ${b.p99}` : "—"} | ${b ? `${ratio(s.p99, b.p99)}×` : "—"} |`.replace(/\bms\b/g, unit);
  const lines = [
    `# Load and latency benchmark`,
    ``,
    `${j.runs.length > 1 ? `${j.runs.length} runs from ${j.runs[0]!.startedAt}` : `Run ${j.startedAt}`} at commit \`${j.commit}\` with \`npm run bench -- --participants ${j.shape.participants} --workshops ${j.shape.workshops} --edit-seconds ${j.shape.editSeconds} --runs ${j.runs.length}\`.`,
    ``,
    `**Machine:** ${m.before.cpuCount} × ${m.before.cpuModel}, ${m.before.totalMemoryGiB} GiB, ${m.before.platform}, Node ${m.before.node}. ` +
      `Load average (1/5/15 min) ${m.before.loadAverage.join(" / ")} before the run and ${m.after.loadAverage.join(" / ")} after it — the load generator, Rolecall and the baselines all share these cores.`,
    ``,
    `**Load:** ${j.shape.participants} participants in ${j.shape.workshops} workshop(s), groups of ${j.shape.groupSize} (${j.shape.groups} groups: a patient, a staff member, ${j.shape.groupSize - 2} observers), joining at ${j.shape.joinRate}/s; ` +
      `${j.shape.observers} observers each add a note to their group's shared rubric every ${j.shape.editIntervalMs} ms for ${j.shape.editSeconds} s of the role-play. ` +
      `The facilitator takes each workshop through one round: briefing, role-play, reset (sent while the observers edit), room debrief, done.`,
    ``,
    ...runsSection(j),
    `## Latency (ms)${j.runs.length > 1 ? `, run ${j.detailsFromRun}` : ""}`,
    ``,
    `| measure | samples | p50 | p95 | p99 | max | bare library p50 / p99 | ratio (p99) |`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    row("join → lobby (POST /join to the first view on the socket)", j.rolecall.joinToLobbyMs),
    row("phase fan-out, per client (command sent → that client's view)", j.rolecall.phaseFanoutMs.perClient, j.baseline?.phaseFanoutMs.perClient),
    row("phase fan-out, last client of each command", j.rolecall.phaseFanoutMs.lastClientPerCommand, j.baseline?.phaseFanoutMs.lastClientPerCommand),
    row("rubric propagation (one observer's edit → each other replica)", j.rolecall.rubricPropagationMs, j.baseline?.rubricPropagationMs),
    row("rubric replica connect + first sync", j.rolecall.replicaConnectAndSyncMs),
    ``,
    ...stepsSection(j),
    ...withBlankBefore(stepsCpuSection(j)),
    ``,
    `## Server${j.runs.length > 1 ? `, run ${j.detailsFromRun}` : ""}`,
    ``,
    `| | Rolecall | bare socket.io relay | bare Yjs server |`,
    `| --- | ---: | ---: | ---: |`,
    `| event-loop delay during the round p50 / p99 / max (ms) | ${fmtEld(j.rolecall.server.round)} | ${j.baseline ? fmtEld(j.baseline.relay.round) : "—"} | ${j.baseline ? fmtEld(j.baseline.yjs.round) : "—"} |`,
    `| CPU during the round (% of one core) | ${j.rolecall.server.round.cpuPercentOfOneCore} | ${j.baseline?.relay.round.cpuPercentOfOneCore ?? "—"} | ${j.baseline?.yjs.round.cpuPercentOfOneCore ?? "—"} |`,
    `| heap at peak, after GC (MiB) | ${j.rolecall.server.heapPeakMiB} | ${j.baseline?.relay.heapPeakMiB ?? "—"} | ${j.baseline?.yjs.heapPeakMiB ?? "—"} |`,
    ``,
    ...processLines(j.rolecall.server.round),
    `- While people joined: event-loop delay p99 ${j.rolecall.server.joining.eventLoopDelayMs.p99} ms (max ${j.rolecall.server.joining.eventLoopDelayMs.max}), CPU ${j.rolecall.server.joining.cpuPercentOfOneCore}% of one core over ${j.rolecall.server.joining.wallSeconds} s.`,
    `- Heap per connected participant (everyone connected, every observer's sheet open, after GC, minus the idle server): **${j.rolecall.server.heapPerParticipantKiB} KiB**; RSS ${j.rolecall.server.rssPerParticipantKiB} KiB per participant (peak RSS ${j.rolecall.server.rssPeakMiB} MiB).`,
    `- Idle documents: ${j.rolecall.server.afterIdle.loadedYjsDocsAtPeak} Yjs documents loaded at peak, ${j.rolecall.server.afterIdle.loadedYjsDocs} still loaded 6 s after the last replica closed; heap ${j.rolecall.server.afterIdle.heapUsedMiB} MiB after GC (idle server: ${j.rolecall.server.heapIdleMiB} MiB).`,
    `- Idle workshops: ${j.rolecall.server.afterLeft.workshopsInMemoryAtPeak} in memory at peak; ${j.rolecall.server.afterLeft.seconds} s after everyone had left, ${j.rolecall.server.afterLeft.workshopsInMemory} in memory and ${j.rolecall.server.afterLeft.fanOutWorkshops} remembered by the view fan-out (the bench's server lets a workshop go ${BENCH_IDLE_WORKSHOP_SECONDS} s after its last socket closed; the default is 15 minutes); heap ${j.rolecall.server.afterLeft.heapUsedMiB} MiB after GC (idle server: ${j.rolecall.server.heapIdleMiB} MiB).`,
    `- View sizes (JSON): participant p50 ${j.rolecall.viewBytes.participant.p50} B (max ${j.rolecall.viewBytes.participant.max}), facilitator p50 ${j.rolecall.viewBytes.facilitator.p50} B (max ${j.rolecall.viewBytes.facilitator.max}). Views are sampled from the first ten people of each workshop at each step (mean ${j.rolecall.viewBytes.participant.mean} B); at each step the relay baseline sends the sampled message nearest that step's mean size, so its clients receive and parse the same JSON as Rolecall's.`,
    `- The console${j.shape.workshops > 1 ? "s" : ""} received ${j.rolecall.consoleTraffic.views} view messages over the run (joins and the round), ${j.rolecall.consoleTraffic.mib} MiB in all.`,
    `- Load generator CPU: ${j.rolecall.generatorCpuSeconds} s over ${j.rolecall.wallSeconds} s of the Rolecall run.`,
    ``,
    `## Correctness${j.runs.length > 1 ? `, run ${j.detailsFromRun} (every run: see Targets)` : ""}`,
    ``,
    `- Rolecall: ${j.rolecall.rubric.edits} edits, ${j.rolecall.rubric.expectedDeliveries} deliveries expected, **${j.rolecall.rubric.lost} lost**, ${j.rolecall.rubric.duplicated} duplicated; ${j.rolecall.rubric.replicasCompared} replicas of ${j.rolecall.rubric.documents} documents compared with the server's copy (fresh provider): **${j.rolecall.rubric.divergent} divergent**. Views that never showed a phase change: ${j.rolecall.missedViews}.`,
    j.baseline ? `- Bare Yjs: ${j.baseline.rubric.edits} edits, ${j.baseline.rubric.lost} lost, ${j.baseline.rubric.divergent} divergent of ${j.baseline.rubric.replicasCompared}.` : "",
    ``,
    `## Page weight (gzipped JavaScript on first load)`,
    ``,
    `| page | files | KiB | budget |`,
    `| --- | ---: | ---: | ---: |`,
    ...j.bundles.map((b) => `| ${b.page} | ${b.files} | ${b.gzipKiB} | ${b.budgetKiB ?? "—"} |`),
    ``,
    `## Targets`,
    ``,
    `| target | wanted | measured | met |`,
    `| --- | --- | --- | --- |`,
    ...Object.entries(j.targets).map(([k, v]) => `| ${k} | ${v.target} | ${v.measured} | ${v.met ? "yes" : "**no**"} |`),
    ``,
    `## How it is measured`,
    ``,
    `- Rolecall is the production build (\`build/server.js\`) in a child process on a fresh SQLite file, with \`ROLECALL_BENCH_METRICS=1\` (it starts its Yjs process, \`build/yjs-process.js\`, itself, and asks it for its own figures): it answers the bench over the IPC channel (no port) with its event-loop delay (\`monitorEventLoopDelay\`, 10 ms resolution: the figures include that interval, so an idle loop reads about 10 ms), CPU time and memory; heap figures are taken after a forced GC (\`--expose-gc\`).`,
    `- The socket.io clients run in the bench's process and the rubric replicas in a process of their own (bench/lib/rubric-process.ts), for Rolecall and the bare Yjs server alike: every latency is two readings of one process's monotonic clock (\`performance.now()\`), and the rubric's are not held up by the socket.io clients' garbage collection. The clients compete with the server for the same two cores; their CPU time is reported above.`,
    `- Baselines run after Rolecall in the same run, with the same numbers of clients, rooms, documents, replicas and edits and the same fan-out schedule: \`@y/websocket-server\` 0.1.1 (no auth, no storage) and a bare socket.io relay (one emit to a room per command).`,
    `- Lost updates: every note records how many other replicas were connected when it was sent; after the edits stop and settle, each missing arrival counts as lost. Then each replica's state vector and content are compared with a fresh provider's copy of the server's document; the bench waits a second after that check (its own connections closing) before it times the next command.`,
  ];
  return lines.filter((l) => l !== null).join("\n") + "\n";
}

function fmtEld(s: { eventLoopDelayMs: { p50: number; p99: number; max: number } }) {
  return `${s.eventLoopDelayMs.p50} / ${s.eventLoopDelayMs.p99} / ${s.eventLoopDelayMs.max}`;
}
