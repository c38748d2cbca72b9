import { z } from "zod";
import type { DocSeed } from "./doc-seeds";
import type { AccessChange, DocRoots, HostedConnection, UpgradeRequest } from "./yjs-host";
import type { PublicBoard } from "../domain/board/public-board";
import type { ResultsWall } from "../services/board/results-wall";

/**
 * The messages between the main process and the Yjs process
 * (yjs-host-process.ts ↔ yjs-process.ts), over Node's IPC channel with
 * structured-clone serialization (so updates and buffers cross as bytes).
 */

/** How the Yjs process is set up; checked when it arrives, since a bad one must stop start-up with a reason. */
export const yjsProcessConfig = z.object({
  databasePath: z.string().min(1),
  maxMessageBytes: z.number().int().positive(),
  unloadAfterMs: z.number().int().nonnegative().optional(),
});
export type YjsProcessConfig = z.infer<typeof yjsProcessConfig>;

export type ToYjsProcess =
  | { type: "init"; config: YjsProcessConfig }
  /** Sent with the socket as the message's handle; the handshake waits for "released". */
  | { type: "accept"; connection: HostedConnection; request: UpgradeRequest; head: Uint8Array }
  /** The main process has closed its copy of the socket: nothing can be read there any more. */
  | { type: "released"; connId: number }
  | { type: "access"; changes: AccessChange[] }
  | { type: "read"; id: number; docName: string; roots: DocRoots }
  | { type: "board"; docName: string; board: PublicBoard; wall: ResultsWall | null }
  | { type: "forget"; prefix: string; reason: string }
  | { type: "loaded"; id: number }
  | { type: "seed"; id: number; seed: DocSeed | null }
  | { type: "metrics"; id: number; reset?: boolean; gc?: boolean }
  | { type: "close" };

export type FromYjsProcess =
  | { type: "ready" }
  | { type: "failed"; message: string }
  | { type: "disconnected"; connId: number }
  | { type: "seedNeeded"; id: number; docName: string }
  | { type: "answer"; id: number; ok: true; value: unknown }
  | { type: "answer"; id: number; ok: false; message: string }
  | { type: "log"; line: string }
  | { type: "closed" };
