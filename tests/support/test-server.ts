import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import { startRolecall, type RolecallServer } from "../../server/app";
import { createViewAssembler, type WireView, type WorkshopView } from "../../server/domain/workshop";
import type { ClientToServerEvents, ServerToClientEvents } from "../../server/domain/socket-contract";
import { parseEnv } from "../../server/env";

/**
 * Helpers for integration tests: a real server on port 0 with its own SQLite
 * file, and the real HTTP forms, socket.io and cookies a browser would use.
 */

export interface TestServer extends RolecallServer {
  databasePath: string;
}

/**
 * Starts Rolecall in this process on a fresh database. `env` overrides the test defaults.
 * The Yjs documents stay inline by default: the tests on this helper open none (yjs.test.ts
 * asks for the separate process), and starting one from the TypeScript sources costs ~1 s per
 * server. The Yjs process is exercised by yjs.test.ts, the collab tests (tests/support/collab.ts)
 * and every browser test.
 */
export async function startTestServer(env: Record<string, string> = {}, options: Pick<Parameters<typeof startRolecall>[1] & object, "sliceBudgetMs" | "onCommandFanOut"> = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-it-"));
  const databasePath = path.join(dir, "rolecall.db");
  const server = await startRolecall(
    parseEnv({ NODE_ENV: "test", HOST: "127.0.0.1", PORT: "0", DATABASE_PATH: databasePath, YJS_PROCESS: "inline", ...env }),
    { log: () => {}, ...options },
  );
  return {
    ...server,
    databasePath,
    async close() {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const FIRST_FACILITATOR = { name: "Dana Reyes", email: "dana@example.org", password: "correct horse battery" };

/** POSTs a form the way a browser without JavaScript does; redirects are not followed. */
export function postForm(url: string, pathname: string, fields: Record<string, string>, cookie?: string): Promise<Response> {
  return fetch(new URL(pathname, url), {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}

export function getPage(url: string, pathname: string, cookie?: string): Promise<Response> {
  return fetch(new URL(pathname, url), { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

/** `name=value` pairs from a response's Set-Cookie headers, ready for a Cookie header. */
export function cookiesFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
}

/** Joins Cookie header fragments, skipping empty ones. */
export function combineCookies(...parts: (string | undefined | null)[]): string {
  return parts.filter((p): p is string => Boolean(p)).join("; ");
}

function expectRedirect(response: Response, what: string, to?: RegExp): string {
  const location = response.headers.get("location") ?? "";
  if (response.status !== 302 || (to && !to.test(location))) {
    throw new Error(`${what}: expected a 302 redirect${to ? ` to ${to}` : ""}, got ${response.status} → ${location || "(no location)"}`);
  }
  return location;
}

/** First-run setup through /setup; returns the facilitator's session cookie. */
export async function signUpFirstFacilitator(url: string, who = FIRST_FACILITATOR): Promise<string> {
  const response = await postForm(url, "/setup", who);
  expectRedirect(response, "setup", /\/dashboard$/);
  const cookie = cookiesFrom(response);
  if (!cookie.startsWith("rc_session=")) throw new Error(`setup did not set rc_session: ${cookie}`);
  return cookie;
}

/** Sign-in through /login; returns the session cookie. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const response = await postForm(url, "/login", { email, password, redirectTo: "/dashboard" });
  expectRedirect(response, "sign-in", /\/dashboard$/);
  const cookie = cookiesFrom(response);
  if (!cookie.startsWith("rc_session=")) throw new Error(`sign-in did not set rc_session: ${cookie}`);
  return cookie;
}

/** Adds a facilitator through /facilitators while signed in as `cookie`. */
export async function addFacilitator(url: string, cookie: string, who: { name: string; email: string; password: string }): Promise<Response> {
  return postForm(url, "/facilitators", who, cookie);
}

export interface CreatedWorkshop {
  workshopId: string;
  code: string;
}

/**
 * Creates a workshop through POST /dashboard and reads its code from the
 * console's join link, so it works for in-process and spawned servers alike.
 */
export async function createWorkshop(
  url: string,
  cookie: string,
  title: string,
  opts: { teamLabel?: string; askTeamAndShift?: boolean } = {},
): Promise<CreatedWorkshop> {
  const fields: Record<string, string> = { title, teamLabel: opts.teamLabel ?? "" };
  if (opts.askTeamAndShift) fields.askTeamAndShift = "on";
  const response = await postForm(url, "/dashboard", fields, cookie);
  const location = expectRedirect(response, "create workshop", /^\/w\/[A-Za-z0-9-]+$/);
  const workshopId = location.slice("/w/".length);
  const consolePage = await getPage(url, location, cookie);
  const html = await consolePage.text();
  const match = /\/join\?code=([A-Z0-9]{6})/.exec(html);
  if (consolePage.status !== 200 || !match) throw new Error(`console page for ${workshopId} did not show a join code (${consolePage.status})`);
  return { workshopId, code: match[1]! };
}

/** Joins through the two-step /join form; returns the participant cookie and id. */
export async function joinWorkshop(
  url: string,
  code: string,
  displayName: string,
  extra: { team?: string; shift?: string; cookie?: string } = {},
): Promise<{ cookie: string; workshopId: string; response: Response }> {
  const fields: Record<string, string> = { intent: "join", code, displayName };
  if (extra.team !== undefined) fields.team = extra.team;
  if (extra.shift !== undefined) fields.shift = extra.shift;
  // The name form is rendered at /join?code=…, and a browser posts it back there.
  const response = await postForm(url, `/join?code=${encodeURIComponent(code)}`, fields, extra.cookie);
  const location = expectRedirect(response, `join as ${displayName}`, /^\/p\/[A-Za-z0-9-]+$/);
  const workshopId = location.slice("/p/".length);
  const cookie = cookiesFrom(response);
  if (!cookie.startsWith(`rc_p_${workshopId}=`)) throw new Error(`join did not set the participant cookie: ${cookie}`);
  return { cookie, workshopId, response };
}

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client authenticated by cookie, connected (or rejected with the server's refusal). */
export function connectSocket(
  url: string,
  cookie: string | null,
  workshopId: string,
  as: "facilitator" | "participant",
  options: { auth?: Record<string, unknown> } = {},
): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    extraHeaders: cookie ? { cookie } : {},
    auth: options.auth ?? { workshopId, as },
  });
  // Before any view arrives: the console's views name parts sent in earlier ones.
  keepContent(socket);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error("socket did not connect in 5 s"));
    }, 5_000);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.off("connect_error");
      resolve(socket);
    });
    socket.once("connect_error", (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
  });
}

/** Like connectSocket, but also collects the first view and welcome that arrive on connect. */
export async function connectWithView(url: string, cookie: string, workshopId: string, as: "facilitator" | "participant") {
  // Listen before the connection opens: the server sends the view immediately.
  const socket: ClientSocket = io(url, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie },
    auth: { workshopId, as },
    autoConnect: false,
  });
  keepContent(socket);
  const welcome = nextEvent(socket, "session:welcome");
  const view = nextEvent(socket, "workshop:view");
  const failed = new Promise<never>((_, reject) => socket.once("connect_error", reject));
  socket.connect();
  const [w, v] = await Promise.race([Promise.all([welcome, view]), failed]);
  return { socket, welcome: w, view: joinedView(socket, v) };
}

/*
 * Views name their content (briefs, rubrics, scenario), attached only when new
 * to a connection (server/domain/workshop/wire-view.ts). These keep what a
 * socket was sent and join it back with the browser's own assembler.
 */
const assemblers = new WeakMap<ClientSocket, ReturnType<typeof createViewAssembler>>();

/**
 * Starts reading this socket's views; call before it connects. Every view must
 * pass through here in order, because the content rides on the first view that needs it.
 */
export function keepContent(socket: ClientSocket) {
  if (assemblers.has(socket)) return;
  const assembler = createViewAssembler();
  const joined = new WeakMap<WireView, WorkshopView | null>();
  assemblers.set(socket, assembler);
  // As the browser does: a group's shared message is read for this connection's participant.
  let participantId: string | null = null;
  socket.on("session:welcome", (welcome) => (participantId = welcome.participantId));
  socket.on("workshop:view", (view) => joined.set(view, assembler.receive(view, participantId)));
  joinedByWire.set(socket, joined);
}
const joinedByWire = new WeakMap<ClientSocket, WeakMap<WireView, WorkshopView | null>>();

/** A view as the screens see it, joined with the content it names. */
export function joinedView(socket: ClientSocket, view: WireView): WorkshopView {
  const joined = joinedByWire.get(socket)?.get(view) ?? (view.kind === "facilitator" ? createViewAssembler().receive(view) : null);
  if (!joined) throw new Error(`view ${view.version} names content ${view.kind === "participant" ? view.contentKey : ""} this socket was never sent (call keepContent before connecting)`);
  return joined;
}

/** Calls `onView` with every later view, joined. */
export function followViews(socket: ClientSocket, onView: (view: WorkshopView) => void) {
  keepContent(socket);
  socket.on("workshop:view", (view) => onView(joinedView(socket, view)));
}

/** The next view, joined as the browser joins it, that passes `predicate` (the socket must be read from the start: keepContent). */
export function nextView<V extends WorkshopView>(socket: ClientSocket, predicate: (view: V) => boolean = () => true, timeoutMs = 5_000): Promise<V> {
  keepContent(socket);
  return nextEvent(socket, "workshop:view", (wire) => predicate(joinedView(socket, wire) as V), timeoutMs).then((wire) => joinedView(socket, wire) as V);
}

type EventArgs<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>;
type FirstArg<E extends keyof ServerToClientEvents> = EventArgs<E> extends [infer A, ...unknown[]] ? A : undefined;

/**
 * Resolves with the next `name` event whose payload passes `predicate`;
 * rejects after `timeoutMs` so a missing event fails the test, not hangs it.
 */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  name: E,
  predicate: (payload: FirstArg<E>) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<FirstArg<E>> {
  return new Promise((resolve, reject) => {
    const listener = ((payload: FirstArg<E>) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(name, listener as never);
      resolve(payload);
    }) as never;
    const timer = setTimeout(() => {
      socket.off(name, listener);
      reject(new Error(`no matching "${String(name)}" event within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on(name, listener);
  });
}

/** Resolves when the socket is disconnected, with the reason socket.io gives. */
export function nextDisconnect(socket: ClientSocket, timeoutMs = 5_000): Promise<string> {
  if (socket.disconnected) return Promise.resolve("already disconnected");
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket was not disconnected within ${timeoutMs} ms`)), timeoutMs);
    socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** Sends a command and waits for the ack. */
export function sendCommand(socket: ClientSocket, command: unknown, timeoutMs = 5_000) {
  return socket.timeout(timeoutMs).emitWithAck("workshop:command", command as never);
}

/** Decodes the few entities React writes (and drops its text-node markers), so messages can be searched in page text. */
export function decodeHtml(html: string): string {
  return html
    .replace(/<!-- -->/g, "")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The text of every role="alert" box and field error on a rendered page. */
export function errorMessages(html: string): string[] {
  const out: string[] = [];
  const pattern = /<(?:div class="alert error" role="alert"|span id="[^"]*-error" class="error")>([\s\S]*?)<\/(?:div|span)>/g;
  for (const match of html.matchAll(pattern)) out.push(decodeHtml(match[1]!));
  return out;
}

/** Polls `check` until it holds; fails after `timeoutMs`, naming `what` (no hanging test). */
export async function until(check: () => boolean, timeoutMs = 5_000, what = "condition") {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
