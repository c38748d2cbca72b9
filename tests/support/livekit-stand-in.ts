import { createServer, type IncomingMessage } from "node:http";
import { TokenVerifier } from "livekit-server-sdk";

/**
 * A local HTTP stand-in for LiveKit's room service (Twirp over HTTP/JSON).
 * No LiveKit server can run in the test environment, so tests check the
 * calls Rolecall makes — method, body and the grants in the Authorization
 * token — against this recorder instead.
 */

export interface RoomServiceCall {
  method: string;
  body: Record<string, unknown>;
  /** The decoded grants of the call's bearer token, verified with the API secret. */
  grants: Record<string, unknown> | null;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startLiveKitStandIn(credentials: { apiKey: string; apiSecret: string }) {
  const calls: RoomServiceCall[] = [];
  const verifier = new TokenVerifier(credentials.apiKey, credentials.apiSecret);
  const server = createServer(async (request, response) => {
    const match = /^\/twirp\/livekit\.RoomService\/(\w+)$/.exec(request.url ?? "");
    const body = await readBody(request);
    if (request.method !== "POST" || !match) {
      response.writeHead(404, { "Content-Type": "application/json" }).end(JSON.stringify({ code: "not_found", msg: "no such route" }));
      return;
    }
    const token = request.headers.authorization?.replace(/^Bearer /, "") ?? "";
    const grants = await verifier.verify(token).then(
      (claims) => (claims.video as Record<string, unknown>) ?? {},
      () => null,
    );
    const parsed = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    calls.push({ method: match[1]!, body: parsed, grants });
    if (!grants) {
      response.writeHead(401, { "Content-Type": "application/json" }).end(JSON.stringify({ code: "unauthenticated", msg: "bad token" }));
      return;
    }
    const reply = match[1] === "CreateRoom" ? { name: parsed.name, sid: `RM_${String(parsed.name)}` } : {};
    response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(reply));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
