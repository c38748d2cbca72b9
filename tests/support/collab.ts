import fs from "node:fs";
import type { IncomingMessage } from "node:http";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { startRolecall, type RolecallServer } from "../../server/app";
import type { FacilitatorView } from "../../server/domain/workshop";
import { parseEnv } from "../../server/env";
import {
  connectWithView,
  createWorkshop,
  joinWorkshop,
  sendCommand,
  signUpFirstFacilitator,
  type ClientSocket,
} from "./test-server";

/**
 * Helpers for the collaborative-scoring tests: real y-websocket clients in
 * Node (a `ws` that sends the participant's cookie with the upgrade), and a
 * workshop brought to a round with known roles through the real transports.
 */

export interface CollabTestServer extends RolecallServer {
  databasePath: string;
}

/** Rolecall in this process on a fresh database, with a short idle-unload delay so tests need not wait. */
export async function startCollabServer(options: { yjsUnloadAfterMs?: number; databasePath?: string; env?: Record<string, string> } = {}): Promise<CollabTestServer> {
  const dir = options.databasePath ? null : fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-collab-"));
  const databasePath = options.databasePath ?? path.join(dir!, "rolecall.db");
  const server = await startRolecall(parseEnv({ NODE_ENV: "test", HOST: "127.0.0.1", PORT: "0", DATABASE_PATH: databasePath, ...options.env }), {
    log: () => {},
    yjsUnloadAfterMs: options.yjsUnloadAfterMs ?? 50,
  });
  return {
    ...server,
    databasePath,
    async close() {
      await server.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `ws` with a Cookie header, shaped as the WebSocket constructor y-websocket expects. */
export function webSocketWithCookie(cookie: string) {
  return class CookieWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
    }
  } as unknown as typeof globalThis.WebSocket;
}

export interface DocClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/** A y-websocket client, as the browser's hook makes it: room = doc name, `?as=` for the facilitator. */
export function connectDoc(baseUrl: string, docName: string, cookie: string, as: "facilitator" | "participant" = "participant"): DocClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, "ws")}/yjs`, docName, doc, {
    WebSocketPolyfill: webSocketWithCookie(cookie),
    params: { as },
    // Providers in one process would otherwise sync over BroadcastChannel, bypassing the server.
    disableBc: true,
    maxBackoffTime: 200,
  });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function synced(provider: WebsocketProvider, timeoutMs = 5_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (provider.synced) return resolve();
    const timer = setTimeout(() => reject(new Error(`provider for ${provider.roomname} did not sync within ${timeoutMs} ms`)), timeoutMs);
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      clearTimeout(timer);
      provider.off("sync", onSync);
      resolve();
    };
    provider.on("sync", onSync);
  });
}

/** Resolves once `check()` holds, re-checking on every change to `doc`; fails with `describe()` after a bounded wait. */
export function until(doc: Y.Doc | null, check: () => boolean | Promise<boolean>, describe: () => string, timeoutMs = 5_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(poll);
      doc?.off("update", tryNow);
      if (error) reject(error);
      else resolve();
    };
    // A check may ask the Yjs process (an IPC round trip): one at a time.
    let checking = false;
    const tryNow = () => {
      if (checking) return;
      checking = true;
      Promise.resolve()
        .then(check)
        .then((ok) => ok && finish(), () => {})
        .finally(() => (checking = false));
    };
    const timer = setTimeout(() => finish(new Error(`timed out after ${timeoutMs} ms: ${describe()}`)), timeoutMs);
    // Also polled, for conditions that do not change the document (e.g. the server unloading it).
    const poll = setInterval(tryNow, 25);
    doc?.on("update", tryNow);
    tryNow();
  });
}

/** A document's top-level types as the server holds them (in the Yjs process, unless inline). */
export async function serverDoc<T extends Record<string, "map" | "array">>(server: RolecallServer, docName: string, roots: T): Promise<{ [K in keyof T]: T[K] extends "map" ? Record<string, unknown> : unknown[] }> {
  return (await server.collab.host.readRoots(docName, roots)) as { [K in keyof T]: T[K] extends "map" ? Record<string, unknown> : unknown[] };
}

export type Handshake = { opened: true } | { opened: false; status: number | null; body: string; error?: string };

/** Attempts a raw WebSocket upgrade and reports what the server answered. */
export function tryUpgrade(baseUrl: string, pathAndQuery: string, cookie?: string): Promise<Handshake> {
  return new Promise((resolve) => {
    const ws = new WebSocket(baseUrl.replace(/^http/, "ws") + pathAndQuery, { headers: cookie ? { cookie } : {} });
    ws.on("open", () => {
      ws.close();
      resolve({ opened: true });
    });
    ws.on("unexpected-response", (_req, res: IncomingMessage) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ opened: false, status: res.statusCode ?? null, body }));
      res.on("error", () => resolve({ opened: false, status: res.statusCode ?? null, body }));
    });
    ws.on("error", (error) => resolve({ opened: false, status: null, body: "", error: error.message }));
  });
}

export interface Person {
  name: string;
  id: string;
  cookie: string;
}

export interface RoundSetup {
  workshopId: string;
  code: string;
  facilitatorCookie: string;
  facilitator: ClientSocket;
  staff: Person;
  patient: Person;
  observers: Person[];
  /** Sends a facilitator command and fails loudly if it is refused. */
  command(command: Record<string, unknown>): Promise<void>;
  sharedDoc: string;
  observerDoc(person: Person): string;
}

/**
 * Through the real forms and socket.io: a facilitator, a workshop, one group
 * with a known staff member, patient and observers, in round 1's role-play.
 */
export async function setUpRound(
  url: string,
  options: { observers?: string[]; facilitatorCookie?: string; rubricId?: string; scenarioId?: string } = {},
): Promise<RoundSetup> {
  const facilitatorCookie = options.facilitatorCookie ?? (await signUpFirstFacilitator(url));
  const { workshopId, code } = await createWorkshop(url, facilitatorCookie, "Scoring together");
  const names = ["Sam", "Pat", ...(options.observers ?? ["Ana", "Ben", "Cleo"])];
  const cookies: Record<string, string> = {};
  for (const name of names) cookies[name] = (await joinWorkshop(url, code, name)).cookie;

  const { socket: facilitator, view } = await connectWithView(url, facilitatorCookie, workshopId, "facilitator");
  const ids = Object.fromEntries((view as FacilitatorView).roster.map((p) => [p.displayName, p.id]));
  const person = (name: string): Person => ({ name, id: ids[name]!, cookie: cookies[name]! });
  const command = async (cmd: Record<string, unknown>) => {
    const ack = await sendCommand(facilitator, cmd);
    if (!ack.ok) throw new Error(`${String(cmd.type)} refused: ${ack.error.message}`);
  };

  await command({
    type: "setPlan",
    plan: {
      rubricId: options.rubricId ?? "acro",
      groupSize: Math.min(6, names.length),
      rounds: 2,
      durations: { briefingSeconds: 600, roleplaySeconds: 1200, resetSeconds: 300, debriefSeconds: 1200 },
      scenarioIds: [options.scenarioId ?? "surprise-copay-at-check-in", options.scenarioId ?? "surprise-copay-at-check-in"],
    },
  });
  await command({ type: "formGroups" });
  await command({ type: "setRole", groupId: "g1", participantId: ids.Sam, role: "staff" });
  await command({ type: "setRole", groupId: "g1", participantId: ids.Pat, role: "patient" });
  await command({ type: "startRound" });
  await command({ type: "startRoleplay" });

  return {
    workshopId,
    code,
    facilitatorCookie,
    facilitator,
    staff: person("Sam"),
    patient: person("Pat"),
    observers: names.slice(2).map(person),
    command,
    sharedDoc: `workshop/${workshopId}/group/g1/round/1/rubric`,
    observerDoc: (p) => `workshop/${workshopId}/group/g1/round/1/observer/${p.id}`,
  };
}

/** A note as the browser writes it into the shared sheet. */
export function note(author: Person, id: string, text: string, extra: Record<string, unknown> = {}) {
  return { id, authorId: author.id, authorName: author.name, kind: "strength", criterionId: null, offsetMs: 1_000, text, insteadOf: null, at: Date.now(), ...extra };
}

/**
 * Resolves once the server has handled everything this provider sent so far:
 * it asks for the server's state (sync step 1) on the same connection and
 * waits for the answer, which the server sends only after the earlier messages.
 */
export function roundTrip(provider: WebsocketProvider, timeoutMs = 5_000): Promise<void> {
  const ws = provider.ws as unknown as WebSocket | null;
  if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error("provider is not connected"));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no answer to sync step 1")), timeoutMs);
    const onMessage = (data: WebSocket.RawData) => {
      const bytes = new Uint8Array(data as ArrayBuffer);
      if (bytes[0] !== 0 || bytes[1] !== 1) return;
      clearTimeout(timer);
      ws.off("message", onMessage);
      resolve();
    };
    ws.on("message", onMessage);
    const sv = Y.encodeStateVector(new Y.Doc());
    ws.send(new Uint8Array([0, 0, sv.length, ...sv]));
  });
}
