import { randomInt, randomUUID } from "node:crypto";
import fs from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { createAudio } from "./audio";
import { createCollaboration, type Collaboration } from "./collab/collaboration";
import { docNameFromUrl } from "./collab/doc-names";
import { createAuthSessionRepository, createFacilitatorRepository } from "./db/facilitator-repository";
import { migrateDatabase, openDatabase } from "./db/client";
import { startWalCheckpointer } from "./db/wal-checkpointer";
import { createWorkshopRepository } from "./db/workshop-repository";
import { createPlanTemplateRepository } from "./db/plan-template-repository";
import { createReportRepository } from "./db/report-repository";
import { createBoardRepository } from "./db/board-repository";
import type { ViewContent } from "./domain/workshop";
import { createPhaseScheduler } from "./services/phase-scheduler";
import { publicEnv, type Env } from "./env";
import { createCookies } from "./http/cookies";
import type { RolecallLoadContext, Services } from "./http/load-context";
import { securityHeaders } from "./http/security-headers";
import { attachBoardHandlers } from "./realtime/board-handlers";
import { limitIncomingEvents } from "./realtime/event-budget";
import { resultsWall } from "./services/board/results-wall";
import { attachSocketServer, type CommandFanOutTiming } from "./realtime/socket-server";
import { createBackgroundWork } from "./services/background-work";
import { createAuthService } from "./services/auth-service";
import { createJoinService } from "./services/join-service";
import { startIdleWorkshopSweep } from "./services/idle-workshops";
import { createPresenceRegistry } from "./services/presence";
import { createReportService } from "./services/report-service";
import { loadCatalogOrThrow } from "./services/scenario-catalog";
import { createWorkshopService } from "./services/workshop-service";

const here = path.dirname(fileURLToPath(import.meta.url));
/** build/server.js sits beside build/index.js; from source, the build is ../build. */
const defaultRemixBuildPath = path.basename(here) === "build" ? path.join(here, "index.js") : path.resolve(here, "../build/index.js");
const publicDir = path.resolve(here, "../public");

export interface RolecallServer {
  httpServer: HttpServer;
  services: Services;
  url: string;
  /** The Yjs gateway, the documents' host and the scoring service, for tests to look inside. */
  collab: Pick<Collaboration, "yjs" | "host" | "processHost" | "gateway" | "scoring">;
  /** What this process holds per workshop, for tests and the load bench to look at. */
  memory: {
    /** Workshops folded in memory (services/idle-workshops.ts lets idle ones go). */
    workshopsInMemory: () => number;
    /** Workshops the view fan-out remembers anything about. */
    fanOutWorkshops: () => number;
  };
  close(): Promise<void>;
}

/**
 * The composition root as a function: env → db → migrate → services →
 * transports → listen. server/index.ts calls it; tests call it on port 0.
 */
export async function startRolecall(
  env: Env,
  options: {
    remixBuildPath?: string;
    reloadBuildOnRequest?: boolean;
    log?: (line: string) => void;
    /** How long a Yjs document nobody has open stays in memory (tests shorten it). */
    yjsUnloadAfterMs?: number;
    /** How long one slice of a view fan-out may run (tests set 0 to slice small rooms). */
    sliceBudgetMs?: number;
    /** Told when a facilitator's command has been fanned out (socket-server.ts; the load bench reads it). */
    onCommandFanOut?: (timing: CommandFanOutTiming) => void;
  } = {},
): Promise<RolecallServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const now = () => Date.now();

  // A broken scenario library stops start-up, naming every bad file.
  const catalog = await loadCatalogOrThrow(env.SCENARIOS_DIR);
  const db = openDatabase(env.DATABASE_PATH);
  migrateDatabase(db);
  const stopCheckpointer = startWalCheckpointer(env.DATABASE_PATH, db.$client, log);

  const cookies = createCookies({ secret: env.SESSION_SECRET, secure: env.PUBLIC_URL?.startsWith("https:") ?? false });
  const auth = createAuthService({
    facilitators: createFacilitatorRepository(db),
    sessions: createAuthSessionRepository(db),
    now,
    loginFailuresAllowed: env.LOGIN_FAILURES_PER_15_MINUTES,
  });
  const workshops = createWorkshopService({
    repo: createWorkshopRepository(db),
    now,
    randomInt: (n) => randomInt(n),
    random: Math.random,
    newId: randomUUID,
    library: catalog.asLibrary(),
  });
  const content: ViewContent = catalog.asViewContent();
  const scheduler = createPhaseScheduler({ workshops, now, log });
  scheduler.start();
  const presence = createPresenceRegistry();
  const idleWorkshops = startIdleWorkshopSweep({ workshops, presence, now, idleMs: env.IDLE_WORKSHOP_SECONDS * 1000 });
  const join = createJoinService({ workshops, wrongCodesAllowed: env.JOIN_WRONG_CODES_PER_MINUTE, windowSeconds: 60 });
  const reports = createReportService({
    workshops,
    repo: createReportRepository(db),
    board: createBoardRepository(db).load,
    library: catalog,
    facilitators: () => auth.listFacilitators(),
    now,
  });
  const services: Services = { auth, workshops, join, presence, catalog, content, planTemplates: createPlanTemplateRepository(db), reports };
  const audio = createAudio(env, { workshops, now, newId: randomUUID, log });

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY);
  app.use(securityHeaders);
  app.use("/build", express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(publicDir, { maxAge: "1h" }));

  // LiveKit signs the exact bytes it posts, so this route reads the raw body.
  if (audio.webhook) app.post(audio.webhook.path, express.raw({ type: () => true, limit: "64kb" }), audio.webhook.handler);

  const buildPath = options.remixBuildPath ?? defaultRemixBuildPath;
  if (!fs.existsSync(buildPath)) throw new Error(`The web app is not built (${buildPath} is missing). Run \`npm run build\` first.`);
  const loadBuild = async () => {
    const suffix = options.reloadBuildOnRequest ? `?t=${fs.statSync(buildPath).mtimeMs}` : "";
    return (await import(pathToFileURL(buildPath).href + suffix)) as ServerBuild;
  };
  const initialBuild = await loadBuild();
  app.all(
    "*",
    createRequestHandler({
      build: options.reloadBuildOnRequest ? loadBuild : initialBuild,
      mode: env.NODE_ENV === "production" ? "production" : "development",
      getLoadContext: (req): RolecallLoadContext => ({
        services,
        cookies,
        env: publicEnv(env),
        clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
        now,
      }),
    }),
  );

  const httpServer = createServer(app);
  // Rows of finished rounds wait for the views of the change that finished them.
  const background = createBackgroundWork();
  const collab = await createCollaboration({
    db,
    databasePath: env.DATABASE_PATH,
    yjsProcess: env.YJS_PROCESS,
    auth,
    workshops,
    cookies,
    rubric: (id) => catalog.getRubric(id),
    results: (workshopId) => {
      const report = reports.workshopReport(workshopId);
      return report ? resultsWall(report) : null;
    },
    newId: randomUUID,
    now,
    log,
    unloadAfterMs: options.yjsUnloadAfterMs,
    background,
  });
  const yjs = collab.yjs;
  const sockets = attachSocketServer(httpServer, { auth, workshops, presence, cookies, content, now, scoring: collab.scoring, background, sliceBudgetMs: options.sliceBudgetMs, onCommandFanOut: options.onCommandFanOut });
  // First, so its per-socket middleware sees every packet before any handler does.
  limitIncomingEvents(sockets.io, { now });
  const audioRooms = audio.attach(sockets.io);
  const boardSockets = attachBoardHandlers(sockets.io, { board: collab.board, workshops });

  httpServer.on("upgrade", (request, socket, head) => {
    if (docNameFromUrl(request.url) !== null) void yjs.handleUpgrade(request, socket, head);
    else if (!request.url?.startsWith("/socket.io/")) socket.destroy();
    // socket.io handles its own path.
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(env.PORT, env.HOST, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  const url = `http://${env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST}:${port}`;
  log(`Loaded ${catalog.scenarios.length} scenarios and ${catalog.rubrics.length} rubrics from ${env.SCENARIOS_DIR}.`);
  log(`Audio rooms: ${audio.provider === "livekit" ? `LiveKit at ${env.LIVEKIT_URL}` : "built-in peer-to-peer (mesh)"}.`);
  log(`Rolecall is listening on ${url}`);

  return {
    httpServer,
    services,
    url,
    collab,
    memory: {
      workshopsInMemory: () => workshops.inMemory().length,
      fanOutWorkshops: () => sockets.rememberedWorkshops().length,
    },
    async close() {
      scheduler.stop();
      idleWorkshops.stop();
      await collab.close();
      audioRooms.close();
      boardSockets.close();
      await sockets.close(); // also closes the HTTP server
      await stopCheckpointer();
      db.$client.close();
    },
  };
}
