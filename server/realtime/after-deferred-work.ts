/**
 * Runs `next` on a later turn of the event loop than a plain setImmediate: after
 * whatever I/O arrives meanwhile *and* the work that I/O defers to setImmediate.
 *
 * A fan-out slice ends by scheduling the next one. Made with setImmediate, the
 * next slice would sit ahead of the immediates that the I/O handled in between
 * queues behind it — a Yjs edit received between two slices is stored and relayed
 * in an immediate (collab/yjs-server.ts), so it would wait a whole further slice.
 * One more turn costs microseconds when nothing is waiting.
 */
export function afterDeferredWork(next: () => void): void {
  setImmediate(() => setImmediate(next));
}
