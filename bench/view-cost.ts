/**
 * What one phase change costs the server before a byte is written: deciding
 * the command, building every participant's and the facilitator's view and
 * encoding them as socket.io would (JSON), for a workshop of N, in this
 * process. The load bench (bench/run.ts) measures the whole path over real
 * sockets; this isolates the CPU Rolecall adds on top of a bare relay, whose
 * fan-out is one encode and N writes.
 *
 * `npm run bench:views -- [--participants 1000] [--groups-of 5] [--repeat 15] [--out FILE]`
 * Prints a table and writes it to bench/results/view-cost.md (or FILE);
 * nothing is asserted (figures vary with the machine).
 */
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { decide } from "../server/domain/workshop/decide";
import { evolveAll } from "../server/domain/workshop/evolve";
import type { Actor, WorkshopCommand, WorkshopState } from "../server/domain/workshop/types";
import { groupStepMessages, groupStepsBetween } from "../server/realtime/group-steps";
import { ViewMessages, type ViewSnapshot } from "../server/realtime/view-messages";
import { ViewEncoder } from "../server/realtime/view-parser";
import { loadCatalogOrThrow } from "../server/services/scenario-catalog";
import { ROUND_STEPS } from "./lib/shape";
import { summarize } from "./lib/stats";

const { values } = parseArgs({ options: { participants: { type: "string" }, "groups-of": { type: "string" }, repeat: { type: "string" }, out: { type: "string" } } });
const participants = Number(values.participants ?? 1000);
const groupSize = Number(values["groups-of"] ?? 5);
const repeat = Number(values.repeat ?? 15);
for (const [name, v] of Object.entries({ participants, groupSize, repeat })) if (!(v > 0)) throw new Error(`--${name} must be a positive number`);

const catalog = await loadCatalogOrThrow("scenarios");
const library = catalog.asLibrary();
const content = catalog.asViewContent();
const facilitator: Actor = { kind: "facilitator", facilitatorId: "f1" };
let now = 1_000_000;
let random = 42;
const ctx = () => ({ now, library, random: () => ((random = (random * 1664525 + 1013904223) >>> 0) / 2 ** 32) });

function apply(state: WorkshopState | null, command: WorkshopCommand, actor: Actor = facilitator): WorkshopState {
  const decision = decide(state, command, actor, ctx());
  if (!decision.ok) throw new Error(`${command.type} refused: ${decision.error.message}`);
  return evolveAll(state, decision.events)!;
}

let state = apply(null, { type: "createWorkshop", workshopId: "w1", code: "ABCDEF", title: "Bench", teamLabel: null, askTeamAndShift: false });
for (let i = 1; i <= participants; i++) {
  state = apply(state, { type: "joinWorkshop", participantId: `p${i}`, displayName: `Person ${i}`, team: null, shift: null }, { kind: "participant", participantId: `p${i}` });
}
state = apply(state, {
  type: "setPlan",
  plan: { rubricId: "acro", groupSize, rounds: 1, durations: { briefingSeconds: 600, roleplaySeconds: 1200, resetSeconds: 300, debriefSeconds: 1200 }, scenarioIds: ["surprise-copay-at-check-in"] },
});
state = apply(state, { type: "formGroups" });

// A fresh presence reader per snapshot, as the server makes one per fan-out (views cache by it).
const connected = () => () => true;

/** Everything one fan-out does before writing: the views, encoded as the server's socket.io encodes them. */
const encoder = new ViewEncoder();
const encode = (message: unknown) => String(encoder.encode({ type: 2, nsp: "/", data: ["workshop:view", message] })[0]).length;
function encodeParticipants(messages: ViewMessages, snapshot: ViewSnapshot): number {
  let bytes = 0;
  for (const unit of messages.units(snapshot.state)) {
    for (const { message } of messages.forUnit(snapshot, unit)) bytes += encode(message);
  }
  return bytes;
}

/** What the server sends instead when the change only moves groups on (server/realtime/group-steps.ts); null when whole views go out. */
function encodeSteps(before: WorkshopState, snapshot: ViewSnapshot): number | null {
  const parts = groupStepsBetween(before, snapshot.state, "bench");
  if (!parts) return null;
  let bytes = 0;
  for (const { message } of groupStepMessages(snapshot.state, parts, { baseVersion: snapshot.version - 1, version: snapshot.version, serverNow: snapshot.now })) bytes += encode(message);
  return bytes;
}

interface StepTimings {
  decide: number[];
  participants: number[];
  steps: number[];
  facilitator: number[];
  bytes: number;
  stepBytes: number | null;
  facilitatorBytes: number;
}
const timings = new Map<string, StepTimings>();
for (let r = 0; r < repeat; r++) {
  // Each repeat replays the round from the grouped lobby with a fresh record of what was sent,
  // primed by the lobby's views (which carry the plan's rubric), as in a live workshop.
  const messages = new ViewMessages(content, "bench");
  let s = state;
  encodeParticipants(messages, { state: s, version: 0, isConnected: connected(), now });
  for (const step of ROUND_STEPS) {
    now += 1_000;
    const before = s;
    const t0 = performance.now();
    s = apply(s, step.command as WorkshopCommand);
    const t1 = performance.now();
    const snapshot: ViewSnapshot = { state: s, version: r + 1, isConnected: connected(), now };
    const bytes = encodeParticipants(messages, snapshot);
    const t2 = performance.now();
    const facilitatorBytes = encode(messages.forFacilitators(snapshot, "room"));
    const t3 = performance.now();
    const stepBytes = encodeSteps(before, snapshot);
    const t4 = performance.now();
    let entry = timings.get(step.label);
    if (!entry) timings.set(step.label, (entry = { decide: [], participants: [], steps: [], facilitator: [], bytes, stepBytes, facilitatorBytes }));
    entry.decide.push(t1 - t0);
    entry.participants.push(t2 - t1);
    entry.facilitator.push(t3 - t2);
    entry.steps.push(t4 - t3);
  }
}

const rows: string[] = [];
const median = (xs: number[]) => summarize(xs).p50.toFixed(1);
rows.push(`View cost of one phase change, ${participants} participants in groups of ${groupSize}, median of ${repeat} (ms, this process, Node ${process.version})`);
rows.push("");
rows.push("Whole views are what every step would cost without group steps; the server sends steps instead where they apply (a dash: whole views go out).");
rows.push("");
rows.push("| step | decide + evolve | participants' whole views + encode | group steps + encode | facilitator's view + encode | participant bytes: whole views / steps | facilitator bytes |");
rows.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const [label, t] of timings) {
  const steps = t.stepBytes === null ? "—" : median(t.steps);
  rows.push(`| ${label} | ${median(t.decide)} | ${median(t.participants)} | ${steps} | ${median(t.facilitator)} | ${t.bytes} / ${t.stepBytes ?? "—"} | ${t.facilitatorBytes} |`);
}
const report = `# View cost of a phase change\n\nRun ${new Date().toISOString()} with \`npm run bench:views -- --participants ${participants} --groups-of ${groupSize} --repeat ${repeat}\` on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "CPU"}. See bench/view-cost.ts for what is timed.\n\n${rows.join("\n")}\n`;
const out = values.out ?? "bench/results/view-cost.md";
fs.writeFileSync(out, report);
console.log(rows.join("\n"));
console.log(`written to ${out}`);
