import type { Db } from "../db/client";
import { createBoardRepository } from "../db/board-repository";
import { createReportRepository } from "../db/report-repository";
import { createScoringRepository } from "../db/scoring-repository";
import { createYjsRepository } from "../db/yjs-repository";
import type { Rubric } from "../domain/scenario-schema";
import type { DocPrincipal } from "../domain/scoring/access";
import type { Cookies } from "../http/cookies";
import type { AuthService } from "../services/auth-service";
import { createBoardService } from "../services/board/board-service";
import type { ResultsWall } from "../services/board/results-wall";
import type { BackgroundWork } from "../services/background-work";
import { createScoringService } from "../services/scoring-service";
import type { WorkshopService } from "../services/workshop-service";
import { createDocAccess } from "./doc-access";
import { parseDocName } from "./doc-names";
import { createSeedSource } from "./doc-seeds";
import { createSheetReader } from "./sheet-docs";
import { createYjsGateway } from "./yjs-gateway";
import { createLocalYjsHost, type YjsHost } from "./yjs-host";
import { startYjsProcess, type ProcessYjsHost } from "./yjs-host-process";
import { createSqlitePersistence } from "./yjs-persistence";

/**
 * The collaborative side of Rolecall, put together in one place: the Yjs
 * gateway with its access rules (here, beside the workshops), the Yjs host
 * with the documents and their storage (in a process of its own unless
 * `inline`), and the scoring and board services that read and write the
 * documents through the host. The composition root mounts `yjs` on the HTTP
 * server and hands `scoring` and `board` to socket.io.
 */
export async function createCollaboration(deps: {
  db: Db;
  databasePath: string;
  /** separate: the documents in a process of their own (yjs-host-process.ts); inline: in this one. */
  yjsProcess: "separate" | "inline";
  auth: AuthService;
  workshops: WorkshopService;
  cookies: Cookies;
  rubric: (id: string) => Rubric | undefined;
  /** The debrief board's results wall, from the materialised scores. */
  results: (workshopId: string) => ResultsWall | null;
  newId: () => string;
  now: () => number;
  log: (line: string) => void;
  maxMessageBytes?: number;
  unloadAfterMs?: number;
  /** Shared with the socket server, which holds it while views fan out. */
  background?: BackgroundWork;
}) {
  const { workshops, now, log } = deps;
  const access = createDocAccess(deps);
  const board = createBoardService({
    workshops,
    repo: createBoardRepository(deps.db),
    notes: createReportRepository(deps.db).notes,
    results: deps.results,
    // The host is started just below; the board publishes only after start-up.
    publishDoc: (docName, publicBoard, wall) => host.publishBoard(docName, publicBoard, wall),
    now,
    newId: deps.newId,
    log,
  });
  const seedFor = createSeedSource({ workshops, rubric: deps.rubric, board: board.seedOf });
  const gateway = createYjsGateway<DocPrincipal>({ authorize: access.authorize, accessOf: access.accessOf, host: () => host, log });
  const maxMessageBytes = deps.maxMessageBytes ?? 256 * 1024;
  // A :memory: database exists only in this process's connection, so its documents stay here too.
  const separate = deps.yjsProcess === "separate" && deps.databasePath !== ":memory:";
  const processHost: ProcessYjsHost | null = separate
    ? await startYjsProcess({
        config: { databasePath: deps.databasePath, maxMessageBytes, unloadAfterMs: deps.unloadAfterMs },
        log,
        seedFor,
        onDisconnect: gateway.disconnected,
        onRestart: gateway.hostRestarted,
      })
    : null;
  const host: YjsHost =
    processHost ??
    createLocalYjsHost({
        persistence: createSqlitePersistence({
          repo: createYjsRepository(deps.db),
          now,
          workshopOf: (docName) => parseDocName(docName)?.workshopId ?? null,
        }),
        maxMessageBytes,
        unloadAfterMs: deps.unloadAfterMs,
        log,
        seedFor,
        onDisconnect: gateway.disconnected,
      });
  const scoring = createScoringService({
    workshops,
    repo: createScoringRepository(deps.db),
    sheets: createSheetReader(host.readRoots),
    rubric: deps.rubric,
    now,
    log,
    background: deps.background,
  });

  // A phase change, a submission or a reassigned role changes who may write: apply it to open connections at once.
  const stopRevalidating = workshops.onChange(({ workshopId }) => gateway.revalidate(`workshop/${workshopId}/`));
  const stopForgetting = workshops.onDeleted((workshopId) => host.forget(`workshop/${workshopId}/`, "This workshop was deleted"));
  const stopMaterialising = scoring.start();
  // The results wall is published when the plenary starts and again as its last rounds are written.
  const stopBoard = board.start(scoring.onRoundsWritten);

  return {
    /** Mounted on the HTTP server's upgrade event. */
    yjs: { handleUpgrade: gateway.handleUpgrade },
    /** Where the documents are, for tests and the bench to look inside. */
    host,
    /** The same host when it runs in a process of its own (null when inline). */
    processHost,
    gateway,
    scoring,
    board,
    async close() {
      stopBoard();
      stopRevalidating();
      stopForgetting();
      stopMaterialising();
      await host.close();
    },
  };
}

export type Collaboration = Awaited<ReturnType<typeof createCollaboration>>;
