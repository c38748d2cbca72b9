import type { AudioLinkStats, AudioSnapshot } from "./types";

/**
 * Read-only handles for browser tests and the bench, present only when a
 * test has set `window.__rolecallAudioTestHooks = true` before the page
 * loads. They expose this page's own connections and nothing else.
 */

export interface AudioTestHooks {
  stats(): Promise<AudioLinkStats[]>;
  streams(): Map<string, MediaStream>;
  snapshot(): AudioSnapshot;
}

declare global {
  interface Window {
    __rolecallAudioTestHooks?: boolean;
    __rolecallAudio?: AudioTestHooks;
  }
}

export function exposeTestHooks(session: { stats(): Promise<AudioLinkStats[]>; streams(): Map<string, MediaStream>; getSnapshot(): AudioSnapshot }): () => void {
  if (typeof window === "undefined" || window.__rolecallAudioTestHooks !== true) return () => {};
  const hooks: AudioTestHooks = { stats: () => session.stats(), streams: () => session.streams(), snapshot: () => session.getSnapshot() };
  window.__rolecallAudio = hooks;
  return () => {
    if (window.__rolecallAudio === hooks) delete window.__rolecallAudio;
  };
}
