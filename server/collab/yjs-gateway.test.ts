import { PassThrough } from "node:stream";
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import type { AccessChange, HostedConnection, YjsHost } from "./yjs-host";
import { createYjsGateway } from "./yjs-gateway";
import type { DocAccess, UpgradeDecision } from "./yjs-server";

/** A host that records what the gateway tells it. */
function recordingHost() {
  const accepted: HostedConnection[] = [];
  const accessChanges: AccessChange[][] = [];
  const host: YjsHost = {
    accept: (connection) => void accepted.push(connection),
    setAccess: (changes) => void accessChanges.push([...changes]),
    readRoots: async () => ({}),
    publishBoard: () => {},
    forget: () => {},
    loadedDocNames: async () => [],
    close: async () => {},
  };
  return { host, accepted, accessChanges };
}

const request = (url: string) => ({ url, method: "GET", headers: {} }) as IncomingMessage;

function gatewayWith(decide: (url: string) => UpgradeDecision<string>, rule: (docName: string, who: string) => DocAccess | null) {
  const recorded = recordingHost();
  const gateway = createYjsGateway<string>({
    authorize: async (req) => decide(req.url ?? ""),
    accessOf: (docName) => (who) => rule(docName, who),
    host: () => recorded.host,
    log: () => {},
  });
  return { gateway, ...recorded };
}

describe("the Yjs gateway", () => {
  it("hands only authorized upgrades to the host, each with its own id", async () => {
    const { gateway, accepted } = gatewayWith(
      (url) => (url.includes("no") ? { ok: false, status: 403, message: "not yours" } : { ok: true, docName: url.slice(1), access: "write", principal: "ana" }),
      () => "write",
    );
    const refused = new PassThrough();
    let answer = "";
    refused.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    await gateway.handleUpgrade(request("/no"), refused, Buffer.alloc(0));
    await gateway.handleUpgrade(request("/a"), new PassThrough(), Buffer.alloc(0));
    await gateway.handleUpgrade(request("/b"), new PassThrough(), Buffer.alloc(0));

    expect(answer).toMatch(/^HTTP\/1.1 403 Forbidden/);
    expect(answer).toContain("not yours");
    expect(accepted.map((c) => c.docName)).toEqual(["a", "b"]);
    expect(new Set(accepted.map((c) => c.connId)).size).toBe(2);
    expect(gateway.connectionCount()).toBe(2);
  });

  it("sends the host only the decisions that changed, and forgets closed connections", async () => {
    let phase: "play" | "reset" = "play";
    const { gateway, accepted, accessChanges } = gatewayWith(
      (url) => ({ ok: true, docName: `workshop/w/${url.slice(1).split("-")[0]}`, access: "write", principal: url.slice(1) }),
      // In the reset the staff member's sheet turns read-only and the ended observer is shut out.
      (_docName, who) => (phase === "play" ? "write" : who.endsWith("gone") ? null : who.startsWith("staff") ? "read" : "write"),
    );
    for (const who of ["staff-1", "observer-1", "observer-gone"]) await gateway.handleUpgrade(request(`/${who}`), new PassThrough(), Buffer.alloc(0));
    const id = (who: string) => accepted[["staff-1", "observer-1", "observer-gone"].indexOf(who)]!.connId;

    gateway.revalidate("workshop/w/");
    expect(accessChanges).toEqual([]); // nothing changed

    phase = "reset";
    gateway.revalidate("workshop/other/");
    expect(accessChanges).toEqual([]); // another workshop's change leaves these alone
    gateway.revalidate("workshop/w/");
    expect(accessChanges).toEqual([
      [
        [id("staff-1"), "read"],
        [id("observer-gone"), null],
      ],
    ]);
    // The closed one is forgotten at once; the others stay until the host says they closed.
    expect(gateway.connectionCount()).toBe(2);
    gateway.revalidate("workshop/w/");
    expect(accessChanges).toHaveLength(1);

    gateway.disconnected(id("staff-1"));
    expect(gateway.connectionCount()).toBe(1);
    gateway.hostRestarted();
    expect(gateway.connectionCount()).toBe(0);
  });

  it("answers 503 when the host cannot take the socket, and keeps no record of it", async () => {
    const recorded = recordingHost();
    const gateway = createYjsGateway<string>({
      authorize: async () => ({ ok: true, docName: "workshop/w/lobby", access: "write", principal: "ana" }),
      accessOf: () => () => "write",
      host: () => ({
        ...recorded.host,
        accept: () => {
          throw new Error("not running");
        },
      }),
      log: () => {},
    });
    const socket = new PassThrough();
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    await gateway.handleUpgrade(request("/x"), socket, Buffer.alloc(0));
    expect(answer).toMatch(/^HTTP\/1.1 503 Service Unavailable/);
    expect(gateway.connectionCount()).toBe(0);
  });
});
