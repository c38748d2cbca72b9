import type { Socket } from "node:net";
import { openDatabase } from "../db/client";
import { createYjsRepository } from "../db/yjs-repository";
import { parseDocName } from "./doc-names";
import { createLocalYjsHost } from "./yjs-host";
import type { FromYjsProcess, ToYjsProcess } from "./yjs-process-messages";
import { createYjsProcessDispatch } from "./yjs-process-dispatch";
import { createSqlitePersistence } from "./yjs-persistence";

/**
 * Entry of the Yjs process (started by yjs-host-process.ts): the documents,
 * their storage and their WebSockets, apart from the main process so that
 * an edit is never held up by a view fan-out or by the main heap's garbage
 * collection. It opens the same SQLite file (WAL lets both processes use
 * it); the main process has already migrated it. Everything it knows about
 * workshops arrives as messages (yjs-process-dispatch.ts).
 */

if (typeof process.send !== "function") {
  console.error("yjs-process.ts is started by the Rolecall server (server/collab/yjs-host-process.ts), not on its own.");
  process.exit(1);
}

const dispatch = createYjsProcessDispatch({
  send: (message: FromYjsProcess) => void process.send?.(message),
  startHost(config, hooks) {
    const db = openDatabase(config.databasePath);
    // The main process's checkpointer thread checkpoints this file; commits here never do it inline.
    db.$client.pragma("wal_autocheckpoint = 10000");
    process.once("exit", () => db.$client.close());
    return createLocalYjsHost({
      persistence: createSqlitePersistence({
        repo: createYjsRepository(db),
        now: Date.now,
        workshopOf: (docName) => parseDocName(docName)?.workshopId ?? null,
      }),
      maxMessageBytes: config.maxMessageBytes,
      unloadAfterMs: config.unloadAfterMs,
      ...hooks,
    });
  },
  onClosed: () => process.disconnect?.(),
});

process.on("message", (message: ToYjsProcess, socket?: Socket) => dispatch.handle(message, socket));

// The main process going away (a crash, kill -9) must not leave this one holding sockets.
process.on("disconnect", () => {
  void dispatch.close().finally(() => process.exit(0));
});
