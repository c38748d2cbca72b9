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
import { writeBoardDoc } from "./board-doc";
import { createDocAccess } from "./doc-access";
import { parseDocName } from "./doc-names";
import { createSheetReader, createSheetSeeder } from "./sheet-docs";
import { createSqlitePersistence } from "./yjs-persistence";
import { createYjsServer } from "./yjs-server";

/**
 * The collaborative side of Rolecall, put together in one place: the Yjs
 * endpoint with its access rules, SQLite storage and seeding, and the scoring
 * service that reads the sheets. The composition root mounts `yjs` on the
 * HTTP server and hands `scoring` and `board` to socket.io.
 */
export function createCollaboration(deps: {
  db: Db;
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
  const seedSheet = createSheetSeeder({ workshops, rubric: deps.rubric });
  const board = createBoardService({
    workshops,
    repo: createBoardRepository(deps.db),
    notes: createReportRepository(deps.db).notes,
    results: deps.results,
    // `yjs` is created just below; the board writes only after start-up.
    changeDoc: (docName, change) => yjs.changeDoc(docName, change),
    writeDoc: writeBoardDoc,
    now,
    newId: deps.newId,
    log,
  });
  const yjs = createYjsServer<DocPrincipal>({
    maxMessageBytes: deps.maxMessageBytes ?? 256 * 1024,
    authorize: access.authorize,
    accessOf: access.accessOf,
    persistence: createSqlitePersistence({
      repo: createYjsRepository(deps.db),
      now,
      workshopOf: (docName) => parseDocName(docName)?.workshopId ?? null,
    }),
    seed: (docName, doc) => {
      if (parseDocName(docName)?.kind === "debrief") board.seed(docName, doc);
      else seedSheet(docName, doc);
    },
    unloadAfterMs: deps.unloadAfterMs,
    log,
  });
  const scoring = createScoringService({
    workshops,
    repo: createScoringRepository(deps.db),
    sheets: createSheetReader(yjs.readDoc),
    rubric: deps.rubric,
    now,
    log,
    background: deps.background,
  });

  // A phase change, a submission or a reassigned role changes who may write: apply it to open connections at once.
  const stopRevalidating = workshops.onChange(({ workshopId }) => yjs.revalidate(`workshop/${workshopId}/`));
  const stopForgetting = workshops.onDeleted((workshopId) => yjs.forget(`workshop/${workshopId}/`, "This workshop was deleted"));
  const stopMaterialising = scoring.start();
  // The results wall is published when the plenary starts and again as its last rounds are written.
  const stopBoard = board.start(scoring.onRoundsWritten);

  return {
    yjs,
    scoring,
    board,
    close() {
      stopBoard();
      stopRevalidating();
      stopForgetting();
      stopMaterialising();
      yjs.close();
    },
  };
}

export type Collaboration = ReturnType<typeof createCollaboration>;
