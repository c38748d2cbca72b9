import { now } from "./clock";
import { closeReplica, createRubricLoad, openReplica, whenSynced, type Replica, type RubricLoad } from "./rubric-load";
import type { RubricRequest } from "./rubric-remote";

/**
 * The rubric load in a process of its own (started by rubric-remote.ts): every
 * observer's replica, its edits and its receive times live here, so the
 * socket.io clients' work in the bench's main process (parsing every view,
 * and the garbage-collection pauses that follows) never delays the moment an
 * edit is seen. Sends and receives are still read on one clock: this process's.
 */

if (typeof process.send !== "function") {
  console.error("rubric-process.ts is started by the bench (bench/lib/rubric-remote.ts), not on its own.");
  process.exit(1);
}

// Each y-websocket provider listens for this process's exit (to clear its presence): hundreds are expected.
process.setMaxListeners(0);

let load: RubricLoad | null = null;
const opened: Replica[] = [];

async function handle(request: RubricRequest): Promise<unknown> {
  switch (request.op) {
    case "open": {
      load ??= createRubricLoad({ editIntervalMs: request.editIntervalMs });
      const syncMs: number[] = [];
      // Fifty at a time, as people's scoring screens would open them over a few seconds.
      for (let i = 0; i < request.replicas.length; i += 50) {
        await Promise.all(
          request.replicas.slice(i, i + 50).map(async (r) => {
            const t0 = now();
            const replica = openReplica(r.url, r.docName, r.cookie);
            opened.push(replica);
            load!.add(replica, { id: r.authorId, name: r.authorName });
            await whenSynced(replica);
            syncMs.push(now() - t0);
          }),
        );
      }
      return { syncMs };
    }
    case "start":
      return load?.start();
    case "stop":
      return load?.stop();
    case "settle":
      return load?.settle(request.timeoutMs);
    case "counts":
      return load?.counts();
    case "verify":
      return load?.verify((docName) => openReplica(request.url, docName, request.cookie, request.as));
    case "latencies":
      return load?.latencies() ?? [];
    case "close":
      for (const replica of opened.splice(0)) closeReplica(replica);
      return null;
  }
}

process.on("message", (message: { id: number; request: RubricRequest }) => {
  handle(message.request).then(
    (result) => process.send!({ id: message.id, result: result ?? null }),
    (error: unknown) => process.send!({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
process.on("disconnect", () => process.exit(0));
