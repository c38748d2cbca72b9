/**
 * What bringing an evicted workshop back costs (services/idle-workshops.ts):
 * reading its events from SQLite and folding them into a state, the first
 * time anyone uses it again. A workshop of N people is run through one round
 * by the real workshop service on a real SQLite file, then evicted and loaded
 * again `--repeat` times. The first load runs on cold code, as it does in a
 * server that has not folded a workshop for a while; the median is warm.
 *
 * `npx tsx bench/workshop-fold.ts [--participants 1000] [--groups-of 5] [--repeat 15]`
 * Prints the figures; nothing is asserted (they vary with the machine).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { migrateDatabase, openDatabase } from "../server/db/client";
import { createWorkshopRepository } from "../server/db/workshop-repository";
import type { Actor, WorkshopCommand } from "../server/domain/workshop/types";
import { loadCatalogOrThrow } from "../server/services/scenario-catalog";
import { createWorkshopService } from "../server/services/workshop-service";
import { ROUND_STEPS } from "./lib/shape";
import { summarize } from "./lib/stats";

const { values } = parseArgs({ options: { participants: { type: "string" }, "groups-of": { type: "string" }, repeat: { type: "string" } } });
const participants = Number(values.participants ?? 1000);
const groupSize = Number(values["groups-of"] ?? 5);
const repeat = Number(values.repeat ?? 15);
for (const [name, v] of Object.entries({ participants, groupSize, repeat })) if (!(v > 0)) throw new Error(`--${name} must be a positive number`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-fold-"));
try {
  const db = openDatabase(path.join(dir, "rolecall.db"));
  migrateDatabase(db);
  db.$client.prepare("INSERT INTO facilitators (id, name, email, password_hash, created_at) VALUES ('f1','F','f@example.org','x',0)").run();
  const catalog = await loadCatalogOrThrow("scenarios");
  let ids = 0;
  const workshops = createWorkshopService({
    repo: createWorkshopRepository(db),
    now: () => Date.now(),
    randomInt: (n) => Math.floor(Math.random() * n),
    random: Math.random,
    newId: () => `w${++ids}`,
    library: catalog.asLibrary(),
  });
  const facilitator: Actor = { kind: "facilitator", facilitatorId: "f1" };
  const must = (workshopId: string, command: WorkshopCommand, actor: Actor = facilitator) => {
    const result = workshops.execute(workshopId, command, actor);
    if (!result.ok) throw new Error(`${command.type} refused: ${result.error.message}`);
  };

  const { workshopId } = workshops.createWorkshop("f1", { title: "Fold", teamLabel: null, askTeamAndShift: false });
  for (let i = 1; i <= participants; i++) {
    must(workshopId, { type: "joinWorkshop", participantId: `p${i}`, displayName: `Person ${i}`, team: null, shift: null }, { kind: "participant", participantId: `p${i}` });
  }
  must(workshopId, {
    type: "setPlan",
    plan: { rubricId: "acro", groupSize, rounds: 1, durations: { briefingSeconds: 600, roleplaySeconds: 1200, resetSeconds: 300, debriefSeconds: 1200 }, scenarioIds: ["surprise-copay-at-check-in"] },
  });
  must(workshopId, { type: "formGroups" });
  for (const step of ROUND_STEPS) must(workshopId, step.command as WorkshopCommand);
  const { version } = workshops.load(workshopId)!;

  const ms: number[] = [];
  for (let r = 0; r < repeat; r++) {
    workshops.evict(workshopId);
    const t0 = performance.now();
    const loaded = workshops.load(workshopId);
    ms.push(performance.now() - t0);
    if (loaded?.version !== version) throw new Error("the folded workshop is not the one stored");
  }
  const warm = summarize(ms.slice(1));
  console.log(
    `Folding an evicted workshop of ${participants} (groups of ${groupSize}, one round, ${version} events) from SQLite: ` +
      `first ${ms[0]!.toFixed(1)} ms, then median ${warm.p50.toFixed(1)} ms (max ${warm.max.toFixed(1)}) over ${repeat - 1} (Node ${process.version}, ${os.cpus()[0]?.model.trim() ?? "CPU"}).`,
  );
  db.$client.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
