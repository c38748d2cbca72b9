/**
 * Baseline: the bare y-websocket server (@y/websocket-server 0.1.1, the last
 * release for yjs 13) with no authorization, storage or access rules, on its
 * own port. Rolecall's rubric propagation is reported as a ratio to this.
 */
import { createServer } from "node:http";
import { setupWSConnection } from "@y/websocket-server/utils";
import { WebSocketServer } from "ws";
import { startBenchMetrics } from "../../server/bench-metrics";

const wss = new WebSocketServer({ noServer: true });
const server = createServer((_req, res) => res.writeHead(404).end());
server.on("upgrade", (request, socket, head) => {
  // Same document names as Rolecall's endpoint (/yjs/<name>).
  const docName = decodeURIComponent((request.url ?? "").split("?")[0]!.replace(/^\/yjs\//, ""));
  wss.handleUpgrade(request, socket, head, (ws) => setupWSConnection(ws, request, { docName, gc: true }));
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  startBenchMetrics(() => ({}), () => {});
  process.send?.({ type: "listening", port: typeof address === "object" && address ? address.port : 0 });
});
process.on("SIGTERM", () => process.exit(0));
