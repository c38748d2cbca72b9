import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ClientToServerEvents, CommandAck, ServerToClientEvents } from "../domain/socket-contract";
import { CONTENT } from "../domain/scoring/test-support";
import { createCookies } from "../http/cookies";
import type { AuthService } from "../services/auth-service";
import { createPresenceRegistry } from "../services/presence";
import type { ScoringService } from "../services/scoring-service";
import { OWNER, createTestWorkshopService, openTestDb } from "../services/test-support";
import { attachSocketServer } from "./socket-server";

/*
 * The socket server on a real HTTP server and workshop service, with a
 * scoring service stand-in: how a submitScores command is answered when
 * reading the observer's sheet (asynchronous) succeeds or fails.
 */

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.restoreAllMocks();
});

async function serve(submitScores: ScoringService["submitScores"]) {
  const opened = openTestDb("rolecall-socket-");
  cleanups.push(opened.close);
  const workshops = createTestWorkshopService(opened.db);
  const { workshopId } = workshops.createWorkshop(OWNER.facilitatorId, { title: "T", teamLabel: null, askTeamAndShift: false });
  workshops.execute(workshopId, { type: "joinWorkshop", participantId: "a", displayName: "A", team: null, shift: null }, { kind: "participant", participantId: "a" });
  const cookies = createCookies({ secret: "test-secret", secure: false });

  const httpServer: HttpServer = createServer();
  const sockets = attachSocketServer(httpServer, {
    // A participant is known by their workshop cookie alone: the auth service is not asked.
    auth: {} as AuthService,
    workshops,
    presence: createPresenceRegistry(),
    cookies,
    content: CONTENT,
    now: () => Date.now(),
    scoring: { submitScores },
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => sockets.close());
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;

  const cookie = (await cookies.participant(workshopId).serialize("a")).split(";")[0]!;
  const socket: ClientSocket = io(url, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { cookie }, auth: { workshopId, as: "participant" } });
  cleanups.push(() => void socket.close());
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return { socket, workshopId };
}

const submit = (socket: ClientSocket): Promise<CommandAck> => socket.timeout(5_000).emitWithAck("workshop:command", { type: "submitScores" });

describe("submitScores over the socket", () => {
  it("acks the result once the sheet has been read", async () => {
    const { socket } = await serve(async () => ({ ok: false, error: { code: "forbidden", message: "Only observers submit scores." } }));
    const errors: unknown[] = [];
    socket.on("workshop:error", (error) => errors.push(error));

    await expect(submit(socket)).resolves.toEqual({ ok: false, error: { code: "forbidden", message: "Only observers submit scores." } });
    await vi.waitFor(() => expect(errors).toEqual([{ code: "forbidden", message: "Only observers submit scores." }]));
  });

  it("acks a sheet that cannot be read as a server error, and keeps serving the connection", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    let calls = 0;
    const { socket } = await serve(async () => {
      if (++calls === 1) throw new Error("the Yjs process is gone");
      return { ok: false, error: { code: "conflict", message: "You have already submitted your scores for this round." } };
    });
    const errors: { code: string }[] = [];
    socket.on("workshop:error", (error) => errors.push(error));

    const ack = await submit(socket);
    expect(ack).toEqual({ ok: false, error: { code: "server-error", message: expect.stringContaining("could not be read") } });
    expect(console.error).toHaveBeenCalledWith("submitting scores failed", expect.objectContaining({ message: "the Yjs process is gone" }));
    // The same connection is answered again: nothing crashed or hung.
    await expect(submit(socket)).resolves.toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(socket.connected).toBe(true);
    await vi.waitFor(() => expect(errors.map((e) => e.code)).toEqual(["server-error", "conflict"]));
  });
});
