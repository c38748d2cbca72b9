import { io, type Socket } from "socket.io-client";
import type { BenchSample } from "../../server/bench-metrics";
import type { WireView } from "../../server/domain/workshop/wire-view";
import { now, sleep } from "./clock";
import { cpuBetween, markCpu } from "./cpu-window";
import { createFanoutMeter, createServerFanOutReader, type FanoutResult } from "./fanout";
import type { MeasuredServer } from "./processes";
import { childrenCpuMs, loadGeneratorChildren, startRubricLoad } from "./rubric-remote";
import { createWorkshop, join, setUpFacilitator } from "./rolecall-http";
import { VERIFY_SETTLE_MS, WORKSHOPS_LEAVE_WAIT_MS, type LoadShape, type PhaseStep } from "./shape";

/**
 * The load against the real server: people join by code, are grouped, and go
 * through a whole round while observers edit their group's shared rubric.
 * Every client lives in this process (see clock.ts).
 */

/** People per workshop whose views are weighed (a mix of roles: views differ by role). */
const PROBES_PER_WORKSHOP = 10;

interface SeenView {
  groupId: string | null;
  phase: string | null;
  role: string | null;
  round: number;
}

interface Person {
  index: number;
  workshop: number;
  name: string;
  id: string | null;
  cookie: string;
  socket: Socket;
  view: SeenView | null;
  /** The first few people of each workshop keep their last raw view, to weigh it. */
  raw?: unknown;
}

export interface RolecallFigures {
  joinToLobbyMs: number[];
  joinFailures: number;
  fanouts: FanoutResult[];
  /** Bytes of one participant's view (JSON) at each phase change, and of the facilitator's. */
  participantViewBytes: number[];
  facilitatorViewBytes: number[];
  /**
   * Everything the consoles received over the run (joins and the round): view
   * messages and characters off the wire, counted as they arrive (no re-encoding
   * in the load generator). What a trainer's laptop downloads and parses.
   */
  consoleTraffic: { views: number; chars: number };
  /**
   * Per step, one participant message as it came off the wire (the sampled one nearest
   * that step's mean size): the relay baseline sends these, so its clients parse the
   * same JSON as Rolecall's, not a string of padding.
   */
  sampleViews: Record<string, unknown>;
  rubricLatencyMs: number[];
  rubric: { edits: number; expectedDeliveries: number; lost: number; duplicated: number; documents: number; replicasCompared: number; divergent: number };
  replicaSyncMs: number[];
  server: { idle: BenchSample; joined: BenchSample; join: BenchSample; peak: BenchSample; round: BenchSample; afterIdle: BenchSample; afterLeft: BenchSample };
  generatorCpuMs: number;
  wallMs: number;
}

export async function runRolecallLoad(server: MeasuredServer, shape: LoadShape, log: (line: string) => void): Promise<RolecallFigures> {
  const started = now();
  const cpuStart = process.cpuUsage();
  const url = server.url;
  const facilitatorCookie = await setUpFacilitator(url);
  const workshops: { workshopId: string; code: string; facilitator: Socket; people: Person[]; raw?: unknown }[] = [];
  const facilitatorViewBytes: number[] = [];
  const consoleTraffic = { views: 0, chars: 0 };
  for (let w = 0; w < shape.workshops; w++) {
    const { workshopId, code } = await createWorkshop(url, facilitatorCookie, `Bench workshop ${w + 1}`);
    const entry = { workshopId, code, facilitator: null as unknown as Socket, people: [] as Person[], raw: undefined as unknown };
    entry.facilitator = await connect(url, facilitatorCookie, workshopId, "facilitator", (raw) => {
      entry.raw = raw;
      consoleTraffic.views += 1;
    });
    // Engine.io's "data": each message as the string that came off the socket.
    entry.facilitator.io.engine.on("data", (data: unknown) => (consoleTraffic.chars += typeof data === "string" ? data.length : 0));
    workshops.push(entry);
  }
  const fanout = createFanoutMeter<SeenView>();
  const idle = await server.sample(true);

  // Joining: one person every 1/joinRate s, each POSTing the form and then opening the live page's socket.
  log(`joining ${shape.participants} people into ${shape.workshops} workshop(s) at ${shape.joinRate}/s`);
  server.reset();
  const joinToLobbyMs: number[] = [];
  let joinFailures = 0;
  const joins: Promise<void>[] = [];
  const joinStart = now();
  for (let i = 0; i < shape.participants; i++) {
    const due = joinStart + (i * 1000) / shape.joinRate;
    if (due > now()) await sleep(due - now());
    const w = i % shape.workshops;
    const workshop = workshops[w]!;
    joins.push(
      (async () => {
        const t0 = now();
        try {
          const name = `Person ${i + 1}`;
          const { cookie } = await join(url, workshop.code, name);
          let firstView!: () => void;
          const viewed = new Promise<void>((resolve) => (firstView = resolve));
          const person: Person = { index: i, workshop: w, name, id: null, cookie, socket: null as unknown as Socket, view: null };
          person.socket = await connect(url, cookie, workshop.workshopId, "participant", (raw) => {
            const view = seen(raw, person.id, person.view);
            person.view = view;
            if (i < shape.workshops * PROBES_PER_WORKSHOP) person.raw = raw;
            firstView();
            fanout.onView(w, i, view);
          }, (welcome) => (person.id = welcome.participantId));
          await viewed;
          joinToLobbyMs.push(now() - t0);
          workshop.people.push(person);
        } catch (error) {
          joinFailures++;
          if (joinFailures <= 3) log(`join failed: ${error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : String(error)}`);
        }
      })(),
    );
  }
  await Promise.all(joins);
  const joinStage = await server.sample();
  log(`joined: ${joinToLobbyMs.length} (failed ${joinFailures}) in ${Math.round(now() - joinStart)} ms`);
  const joined = await server.sample(true);

  for (const workshop of workshops) {
    const command = commander(workshop.facilitator);
    await command({ type: "setPlan", plan: { rubricId: "acro", groupSize: shape.groupSize, rounds: 1, durations: { briefingSeconds: 600, roleplaySeconds: 1200, resetSeconds: 300, debriefSeconds: 1200 }, scenarioIds: ["surprise-copay-at-check-in"] } });
    await command({ type: "formGroups" });
  }
  await sleep(500);

  server.reset();
  const serverFanOut = await createServerFanOutReader(server);
  const participantViewBytes: number[] = [];
  const sampleViews: Record<string, unknown> = {};
  const measurePhase = async (step: PhaseStep) => {
    for (const [w, workshop] of workshops.entries()) {
      const command = commander(workshop.facilitator);
      const probes = workshop.people.filter((p) => p.raw !== undefined);
      const before = await markCpu(server);
      const result = await fanout.measure(step.label, w, workshop.people.length, (v) => v.phase === step.phase, () => command(step.command));
      result.cpu = cpuBetween(before, await markCpu(server));
      result.server = await serverFanOut();
      const sizes = probes.map((probe) => jsonBytes(probe.raw));
      participantViewBytes.push(...sizes);
      const mean = sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length);
      const nearest = sizes.reduce((best, size, i) => (Math.abs(size - mean) < Math.abs(sizes[best]! - mean) ? i : best), 0);
      if (probes[nearest] && !(step.label in sampleViews)) sampleViews[step.label] = probes[nearest]!.raw;
      facilitatorViewBytes.push(jsonBytes(workshop.raw));
      log(`  ${step.label} in workshop ${w + 1}: last of ${result.clients} clients after ${result.last.toFixed(1)} ms (missed ${result.missed})`);
      await sleep(shape.commandGapMs);
    }
  };
  await measurePhase(shape.steps[0]!); // briefing
  await measurePhase(shape.steps[1]!); // role-play

  // Observers open their group's shared sheet, as the scoring screen does (in the rubric load's own process).
  const rubric = startRubricLoad({ editIntervalMs: shape.editIntervalMs });
  const observers = workshops.flatMap((w) => w.people.filter((p) => p.view?.role === "observer" && p.view.groupId && p.id).map((p) => ({ p, w })));
  log(`opening ${observers.length} rubric replicas`);
  const { syncMs: replicaSyncMs } = await rubric.open(
    observers.map(({ p, w }) => ({ url, docName: `workshop/${w.workshopId}/group/${p.view!.groupId}/round/${p.view!.round}/rubric`, cookie: p.cookie, authorId: p.id!, authorName: p.name })),
  );
  await sleep(1_000);
  const peak = await server.sample(true);

  log(`observers edit every ${shape.editIntervalMs} ms for ${shape.editSeconds} s`);
  await rubric.start();
  await sleep((shape.editSeconds * 1000) / 2);
  await measurePhase(shape.steps[2]!); // reset, while edits go on
  const remaining = (shape.editSeconds * 1000) / 2 - (shape.commandGapMs * workshops.length);
  if (remaining > 0) await sleep(remaining);
  await rubric.stop();
  await rubric.settle(20_000);
  const counts = await rubric.counts();
  const verified = await rubric.verify(url, facilitatorCookie, "facilitator");
  log(`rubric: ${counts.edits} edits, lost ${counts.lost}, divergent replicas ${verified.divergent}/${verified.replicasCompared}`);
  // The check above is the bench's own work, not the load's: its 200 extra connections close and
  // their documents' presence clears on the server before the next command is timed.
  await sleep(VERIFY_SETTLE_MS);

  await measurePhase(shape.steps[3]!); // room debrief
  await measurePhase(shape.steps[4]!); // done
  const round = await server.sample();

  const rubricLatencyMs = await rubric.latencies();
  await rubric.closeReplicas();
  // Idle documents should leave memory: Rolecall unloads a document 2 s after its last connection.
  await sleep(6_000);
  const afterIdle = await server.sample(true);

  for (const workshop of workshops) {
    workshop.facilitator.close();
    for (const p of workshop.people) p.socket.close();
  }
  // Idle workshops should leave memory too: the bench's server lets one go IDLE_WORKSHOP_SECONDS
  // after its last socket closed (processes.ts), and looks every half of that.
  await sleep(WORKSHOPS_LEAVE_WAIT_MS);
  const afterLeft = await server.sample(true);
  const cpu = process.cpuUsage(cpuStart);
  const rubricCpuMs = childrenCpuMs(loadGeneratorChildren);
  await rubric.exit();
  return {
    joinToLobbyMs,
    joinFailures,
    fanouts: fanout.results,
    participantViewBytes,
    facilitatorViewBytes,
    consoleTraffic,
    sampleViews,
    rubricLatencyMs,
    rubric: { ...counts, ...verified },
    replicaSyncMs,
    server: { idle, joined, join: joinStage, peak, round, afterIdle, afterLeft },
    generatorCpuMs: (cpu.user + cpu.system) / 1000 + rubricCpuMs,
    wallMs: now() - started,
  };
}

/*
 * Reads what the bench needs straight off the wire, as the relay baseline's clients do:
 * every client shares this one process, where a page's own work (joining the view,
 * wire-view.ts) would pile up a thousand times over and be counted as the server's delay.
 * A group's shared message names each member's own part by participant id; a group's
 * step (group-step.ts) moves the group this person was last seen in.
 */
function seen(raw: unknown, participantId: string | null, previous: SeenView | null): SeenView {
  const view = raw as WireView & { group?: { id: string; phase: string } | null; round?: number };
  if (view.kind === "step") {
    if (!previous) return { groupId: null, phase: null, role: null, round: 0 };
    return view.group && view.group.id === previous.groupId ? { ...previous, phase: view.group.phase } : previous;
  }
  const role = view.kind === "group" ? (view.parts.find((part) => part.people.includes(participantId ?? ""))?.role ?? null) : view.kind === "participant" ? view.role : null;
  return { groupId: view.group?.id ?? null, phase: view.group?.phase ?? null, role, round: view.round ?? 0 };
}

function connect(
  url: string,
  cookie: string,
  workshopId: string,
  as: "facilitator" | "participant",
  onView: (view: unknown) => void,
  onWelcome: (welcome: { participantId: string | null }) => void = () => {},
): Promise<Socket> {
  const socket = io(url, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { cookie }, auth: { workshopId, as }, autoConnect: false, timeout: 60_000 });
  socket.on("workshop:view", onView);
  socket.on("session:welcome", onWelcome);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
    socket.connect();
  });
}

function commander(socket: Socket) {
  return async (command: Record<string, unknown>) => {
    const ack = (await socket.timeout(60_000).emitWithAck("workshop:command", command)) as { ok: boolean; error?: { message: string } };
    if (!ack.ok) throw new Error(`${String(command.type)} refused: ${ack.error?.message}`);
  };
}

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? "");
