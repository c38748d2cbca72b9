import type { Socket } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AccessChange, HostedConnection, YjsHost } from "./yjs-host";
import { createYjsProcessDispatch, type HostHooks } from "./yjs-process-dispatch";
import type { FromYjsProcess, ToYjsProcess } from "./yjs-process-messages";

/** A host that records what the dispatch asks of it. */
function recordingHost() {
  const accepted: HostedConnection[] = [];
  const accessChanges: AccessChange[][] = [];
  const host: YjsHost = {
    accept: (connection) => void accepted.push({ ...connection }),
    setAccess: (changes) => void accessChanges.push([...changes]),
    readRoots: async (docName) => {
      if (docName === "broken") throw new Error("could not load broken");
      return { notes: [docName] };
    },
    publishBoard: () => {},
    forget: () => {},
    loadedDocNames: async () => ["a"],
    close: async () => {},
  };
  return { host, accepted, accessChanges };
}

function started(options: { releaseTimeoutMs?: number } = {}) {
  const sent: FromYjsProcess[] = [];
  const recorded = recordingHost();
  let hooks: HostHooks | null = null;
  const dispatch = createYjsProcessDispatch({
    send: (message) => void sent.push(message),
    startHost: (_config, given) => {
      hooks = given;
      return recorded.host;
    },
    onClosed: () => {},
    ...options,
  });
  dispatch.handle({ type: "init", config: { databasePath: "/tmp/x.db", maxMessageBytes: 1024 } });
  return { dispatch, sent, hooks: () => hooks!, ...recorded };
}

const fakeSocket = () => ({ destroy: vi.fn() }) as unknown as Socket & { destroy: ReturnType<typeof vi.fn> };
const accept = (connId: number, access: "write" | "read" = "write"): ToYjsProcess => ({
  type: "accept",
  connection: { connId, docName: `doc-${connId}`, access },
  request: { method: "GET", url: `/yjs/doc-${connId}`, headers: {} },
  head: new Uint8Array(),
});

afterEach(() => vi.useRealTimers());

describe("the Yjs process's dispatch", () => {
  it("says it is ready, or why it could not start", () => {
    expect(started().sent).toEqual([{ type: "ready" }]);
    const sent: FromYjsProcess[] = [];
    createYjsProcessDispatch({ send: (m) => void sent.push(m), startHost: () => ({}) as YjsHost, onClosed: () => {} }).handle({ type: "init", config: { databasePath: "", maxMessageBytes: 1024 } });
    expect(sent[0]).toMatchObject({ type: "failed", message: expect.stringContaining("Bad Yjs process configuration") });
  });

  it("upgrades a received socket only once the main process has released it", () => {
    const { dispatch, accepted } = started();
    dispatch.handle(accept(1), fakeSocket());
    expect(accepted).toEqual([]);
    dispatch.handle({ type: "released", connId: 1 });
    expect(accepted).toEqual([{ connId: 1, docName: "doc-1", access: "write" }]);
  });

  it("applies an access change that arrives between the socket and its release", () => {
    const { dispatch, accepted, accessChanges, sent } = started();
    const closed = fakeSocket();
    dispatch.handle(accept(1), fakeSocket());
    dispatch.handle(accept(2), closed);
    dispatch.handle({ type: "access", changes: [[1, "read"], [2, null], [3, "read"]] });
    // Only the open connection's change reaches the host; the waiting ones carry theirs.
    expect(accessChanges).toEqual([[[3, "read"]]]);
    expect(closed.destroy).toHaveBeenCalled();
    expect(sent).toContainEqual({ type: "disconnected", connId: 2 });

    dispatch.handle({ type: "released", connId: 1 });
    dispatch.handle({ type: "released", connId: 2 });
    expect(accepted).toEqual([{ connId: 1, docName: "doc-1", access: "read" }]);
  });

  it("closes a socket whose release never comes", () => {
    vi.useFakeTimers();
    const { dispatch, accepted, sent } = started({ releaseTimeoutMs: 1_000 });
    const socket = fakeSocket();
    dispatch.handle(accept(7), socket);
    vi.advanceTimersByTime(999);
    expect(socket.destroy).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(socket.destroy).toHaveBeenCalled();
    expect(sent).toContainEqual({ type: "disconnected", connId: 7 });
    dispatch.handle({ type: "released", connId: 7 });
    expect(accepted).toEqual([]);
  });

  it("answers reads, and a read that fails with its reason", async () => {
    const { dispatch, sent } = started();
    dispatch.handle({ type: "read", id: 1, docName: "sheet", roots: { notes: "array" } });
    dispatch.handle({ type: "read", id: 2, docName: "broken", roots: { notes: "array" } });
    await vi.waitFor(() => expect(sent.filter((m) => m.type === "answer")).toHaveLength(2));
    expect(sent).toContainEqual({ type: "answer", id: 1, ok: true, value: { notes: ["sheet"] } });
    expect(sent).toContainEqual({ type: "answer", id: 2, ok: false, message: "could not load broken" });
  });

  it("asks the main process for a seed and hands the answer to the host", async () => {
    const { dispatch, sent, hooks } = started();
    const seed = hooks().seedFor("workshop/w/debrief");
    const request = sent.find((m) => m.type === "seedNeeded") as Extract<FromYjsProcess, { type: "seedNeeded" }>;
    expect(request.docName).toBe("workshop/w/debrief");
    dispatch.handle({ type: "seed", id: request.id, seed: null });
    await expect(seed).resolves.toBeNull();
  });

  it("refuses sockets once closing, and closes the ones still waiting", async () => {
    const { dispatch, sent } = started();
    const waiting = fakeSocket();
    dispatch.handle(accept(1), waiting);
    await dispatch.close();
    expect(waiting.destroy).toHaveBeenCalled();
    expect(sent.at(-1)).toEqual({ type: "closed" });
    const late = fakeSocket();
    dispatch.handle(accept(2), late);
    expect(late.destroy).toHaveBeenCalled();
  });
});
