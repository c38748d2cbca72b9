import { useEffect, useState, useSyncExternalStore } from "react";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

/**
 * connecting  never connected yet
 * syncing     connected, exchanging what each side is missing
 * online      connected and in step with the server
 * offline     the connection dropped (or the device is offline); edits stay on this device
 * closed      the server ended access to this document (e.g. the round moved on)
 */
export type DocStatus = "connecting" | "syncing" | "online" | "offline" | "closed";

export interface YjsDocHandle {
  doc: Y.Doc;
  provider: WebsocketProvider;
  status: DocStatus;
}

function yjsUrl(): string {
  return `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/yjs`;
}

/**
 * One Yjs document over the server's /yjs endpoint. The room is the document's
 * name; the cookie goes with the upgrade, and `as` tells the server which
 * cookie to read. While the connection is down, edits keep landing in the
 * in-memory document and are merged by the sync exchange on reconnect
 * (nothing is kept across a page reload while offline).
 */
export function useYjsDoc(docName: string | null, as: "participant" | "facilitator" = "participant"): YjsDocHandle | null {
  const [handle, setHandle] = useState<YjsDocHandle | null>(null);

  useEffect(() => {
    if (!docName) {
      setHandle(null);
      return;
    }
    const doc = new Y.Doc();
    // BroadcastChannel would pass updates between tabs of this browser without the server deciding who may see them.
    const provider = new WebsocketProvider(yjsUrl(), docName, doc, { params: { as }, disableBc: true, maxBackoffTime: 5_000 });
    let everConnected = false;
    let closed = false;
    const statusNow = (): DocStatus => {
      if (closed) return "closed";
      if (typeof navigator !== "undefined" && navigator.onLine === false) return "offline";
      if (provider.wsconnected) return provider.synced ? "online" : "syncing";
      return everConnected ? "offline" : "connecting";
    };
    const refresh = () => setHandle({ doc, provider, status: statusNow() });
    provider.on("status", ({ status }: { status: string }) => {
      if (status === "connected") everConnected = true;
      refresh();
    });
    provider.on("sync", refresh);
    provider.on("closed", () => {
      closed = true;
      refresh();
    });
    // A dropped Wi-Fi does not always close a WebSocket promptly; the browser's own signal does.
    const goOffline = () => {
      everConnected = true;
      provider.disconnect();
      refresh();
    };
    const goOnline = () => {
      if (!closed) provider.connect();
      refresh();
    };
    window.addEventListener("offline", goOffline);
    window.addEventListener("online", goOnline);
    if (navigator.onLine === false) provider.disconnect();
    refresh();
    return () => {
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      provider.destroy();
      doc.destroy();
      setHandle(null);
    };
  }, [docName, as]);

  return handle;
}

/** A number that changes whenever the document does, to re-read it on render. */
export function useDocVersion(doc: Y.Doc | null | undefined): number {
  return useSyncExternalStore(
    (onChange) => {
      if (!doc) return () => {};
      const listener = () => {
        versions.set(doc, (versions.get(doc) ?? 0) + 1);
        onChange();
      };
      doc.on("update", listener);
      return () => doc.off("update", listener);
    },
    () => (doc ? (versions.get(doc) ?? 0) : -1),
    () => -1,
  );
}
const versions = new WeakMap<Y.Doc, number>();

/**
 * Resolves once the server has applied everything sent on this connection:
 * it asks for the server's state and waits for the answer, which the server
 * sends only after handling the earlier messages. Used before a socket.io
 * command that makes the server read the document (submitting scores).
 */
export function flushToServer(provider: WebsocketProvider, timeoutMs = 10_000): Promise<boolean> {
  const ws = provider.ws;
  if (!ws || !provider.wsconnected) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(false), timeoutMs);
    const onMessage = (event: MessageEvent) => {
      const bytes = new Uint8Array(event.data as ArrayBuffer);
      // messageSync (0), syncStep2 (1): the answer to our step 1.
      if (bytes[0] === 0 && bytes[1] === 1) finish(true);
    };
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      ws.removeEventListener("message", onMessage);
      resolve(ok);
    };
    ws.addEventListener("message", onMessage);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0); // messageSync
    syncProtocol.writeSyncStep1(encoder, provider.doc);
    ws.send(encoding.toUint8Array(encoder));
  });
}
