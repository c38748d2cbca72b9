import { io, type Socket } from "socket.io-client";
import type { BenchSample } from "../../server/bench-metrics";
import { now, sleep } from "./clock";
import { cpuBetween, markCpu } from "./cpu-window";
import { createFanoutMeter, createServerFanOutReader, type FanoutResult } from "./fanout";
import type { MeasuredServer } from "./processes";
import { startRubricLoad, type ReplicaToOpen } from "./rubric-remote";
import { observersPerGroup, VERIFY_SETTLE_MS, type LoadShape } from "./shape";

/**
 * The same load against the bare libraries: as many socket.io clients in
 * rooms on the bare relay (one room per workshop), the same fan-outs at the
 * same moments with one of Rolecall's own participant messages as payload, and
 * as many rubric replicas editing at the same rate on the bare Yjs server.
 */

export interface BaselineFigures {
  fanouts: FanoutResult[];
  rubricLatencyMs: number[];
  rubric: { edits: number; expectedDeliveries: number; lost: number; duplicated: number; documents: number; replicasCompared: number; divergent: number };
  relay: { round: BenchSample; peak: BenchSample };
  yjs: { round: BenchSample; peak: BenchSample };
}

export async function runBaselineLoad(
  relay: MeasuredServer,
  yjs: MeasuredServer,
  shape: LoadShape,
  /** Per step label, a participant message Rolecall sent at that step (rolecall-load.ts). */
  sampleViews: Record<string, unknown>,
  log: (line: string) => void,
): Promise<BaselineFigures> {
  const fanout = createFanoutMeter<{ phase: string | null }>();
  const workshops = Array.from({ length: shape.workshops }, (_, w) => ({ room: `w${w}`, facilitator: null as unknown as Socket, people: [] as Socket[] }));
  for (const workshop of workshops) workshop.facilitator = await connect(relay.url, workshop.room, () => {});
  log(`connecting ${shape.participants} clients to the bare socket.io relay`);
  for (let i = 0; i < shape.participants; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, shape.participants - i) }, async (_, k) => {
        const index = i + k;
        const w = index % shape.workshops;
        const socket = await connect(relay.url, workshops[w]!.room, (view) => fanout.onView(w, index, { phase: (view as { group?: { phase?: string } }).group?.phase ?? null }));
        workshops[w]!.people.push(socket);
      }),
    );
  }
  await sleep(500);
  const relayFanOut = await createServerFanOutReader(relay);
  // Rolecall's own message for the step (the same bytes and the same JSON for the clients to
  // parse), marked with the step's phase as the clients look for it.
  const measurePhase = async (label: string, phase: string) => {
    const sample = (sampleViews[label] ?? {}) as { group?: Record<string, unknown> | null };
    for (const [w, workshop] of workshops.entries()) {
      const view = { ...sample, group: { ...(sample.group ?? { id: "g1" }), phase } };
      const before = await markCpu(relay);
      const result = await fanout.measure(label, w, workshop.people.length, (v) => v.phase === phase, () => workshop.facilitator.timeout(60_000).emitWithAck("relay", { room: workshop.room, view }));
      result.cpu = cpuBetween(before, await markCpu(relay));
      result.server = await relayFanOut();
      await sleep(shape.commandGapMs);
    }
  };
  relay.reset();
  yjs.reset();
  const steps = shape.steps;
  await measurePhase(steps[0]!.label, steps[0]!.phase);
  await measurePhase(steps[1]!.label, steps[1]!.phase);

  // The same groups as Rolecall forms: consecutive people of a workshop, groupSize at a time.
  const rubric = startRubricLoad({ editIntervalMs: shape.editIntervalMs });
  const perWorkshop = Math.ceil(shape.participants / shape.workshops);
  const groups = Math.floor(perWorkshop / shape.groupSize);
  const replicas: ReplicaToOpen[] = [];
  for (let w = 0; w < shape.workshops; w++)
    for (let g = 1; g <= groups; g++)
      for (let o = 0; o < observersPerGroup(shape.groupSize); o++) {
        const id = `b${w}-g${g}-o${o}`;
        replicas.push({ url: yjs.url, docName: `workshop/b${w}/group/g${g}/round/1/rubric`, cookie: null, authorId: id, authorName: id });
      }
  log(`opening ${replicas.length} replicas on the bare Yjs server`);
  await rubric.open(replicas);
  await sleep(1_000);
  const relayPeak = await relay.sample(true);
  const yjsPeak = await yjs.sample(true);
  await rubric.start();
  await sleep((shape.editSeconds * 1000) / 2);
  await measurePhase(steps[2]!.label, steps[2]!.phase);
  const remaining = (shape.editSeconds * 1000) / 2 - shape.commandGapMs * workshops.length;
  if (remaining > 0) await sleep(remaining);
  await rubric.stop();
  await rubric.settle(20_000);
  const counts = await rubric.counts();
  const verified = await rubric.verify(yjs.url, null);
  log(`baseline rubric: ${counts.edits} edits, lost ${counts.lost}, divergent ${verified.divergent}/${verified.replicasCompared}`);
  // The check above is the bench's own work, not the load's: its 200 extra connections close and
  // their documents' presence clears on the server before the next command is timed.
  await sleep(VERIFY_SETTLE_MS);
  await measurePhase(steps[3]!.label, steps[3]!.phase);
  await measurePhase(steps[4]!.label, steps[4]!.phase);
  const relayRound = await relay.sample();
  const yjsRound = await yjs.sample();
  const rubricLatencyMs = await rubric.latencies();
  await rubric.exit();
  for (const workshop of workshops) {
    workshop.facilitator.close();
    for (const s of workshop.people) s.close();
  }
  return {
    fanouts: fanout.results,
    rubricLatencyMs,
    rubric: { ...counts, ...verified },
    relay: { round: relayRound, peak: relayPeak },
    yjs: { round: yjsRound, peak: yjsPeak },
  };
}

function connect(url: string, room: string, onView: (view: unknown) => void): Promise<Socket> {
  const socket = io(url, { transports: ["websocket"], reconnection: false, forceNew: true, auth: { room }, autoConnect: false, timeout: 60_000 });
  socket.on("workshop:view", onView);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
    socket.connect();
  });
}
