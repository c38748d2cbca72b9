import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { AudioTestHooks } from "../../app/audio/test-hooks";
import config from "../../playwright.config";
import type { ClientToServerEvents, ServerToClientEvents } from "../../server/domain/socket-contract";
import type { FacilitatorView } from "../../server/domain/workshop/views";
import { createViewAssembler } from "../../server/domain/workshop/wire-view";
import { writeToneWav } from "./wav";

/**
 * Real Chromium browsers with fake media devices, each capturing its own
 * tone, for audio tests and the bench. They share playwright.config.ts's
 * executable and flags, plus the media ones.
 */

const MEDIA_FLAGS = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--autoplay-policy=no-user-gesture-required"];

export function toneFiles(frequencies: number[]): { dir: string; files: Map<number, string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-tones-"));
  const files = new Map<number, string>();
  for (const f of frequencies) {
    const file = path.join(dir, `tone-${f}.wav`);
    writeToneWav(file, f);
    files.set(f, file);
  }
  return { dir, files };
}

export function launchAudioBrowser(toneFile: string): Promise<Browser> {
  const base = config.use?.launchOptions ?? {};
  return chromium.launch({ ...base, args: [...(base.args ?? []), ...MEDIA_FLAGS, `--use-file-for-fake-audio-capture=${toneFile}`] });
}

/**
 * Runs before any page script: turns on Rolecall's audio test hooks, and
 * keeps a list of every RTCPeerConnection and a count of getUserMedia calls,
 * so a test can prove what a page did without the app's help.
 */
function instrument() {
  const w = window as unknown as { __rolecallAudioTestHooks: boolean; __pcs: RTCPeerConnection[]; __micRequests: number };
  w.__rolecallAudioTestHooks = true;
  w.__pcs = [];
  w.__micRequests = 0;
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      w.__pcs.push(this);
    }
  } as typeof RTCPeerConnection;
  const media = navigator.mediaDevices;
  const getUserMedia = media.getUserMedia.bind(media);
  media.getUserMedia = (constraints?: MediaStreamConstraints) => {
    w.__micRequests++;
    return getUserMedia(constraints);
  };
}

export async function audioContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  await context.addInitScript(instrument);
  return context;
}

/** The page-side hooks (see app/audio/test-hooks.ts). */
export type { AudioTestHooks };

export interface LinkStats {
  peerId: string;
  connectionState: string;
  inboundBytes: number;
  outboundBytes: number;
}

export function linkStats(page: Page): Promise<LinkStats[]> {
  return page.evaluate(async () => (await window.__rolecallAudio?.stats()) ?? []);
}

export async function bytesFrom(page: Page, peerId: string): Promise<number> {
  return (await linkStats(page)).find((s) => s.peerId === peerId)?.inboundBytes ?? 0;
}

export async function bytesSent(page: Page): Promise<number> {
  return (await linkStats(page)).reduce((sum, s) => sum + s.outboundBytes, 0);
}

/** What the page itself did: peer connections still open, and how often it asked for the microphone. */
export function pageMedia(page: Page): Promise<{ open: number; total: number; micRequests: number }> {
  return page.evaluate(() => {
    const w = window as unknown as { __pcs: RTCPeerConnection[]; __micRequests: number };
    return { open: w.__pcs.filter((pc) => pc.connectionState !== "closed").length, total: w.__pcs.length, micRequests: w.__micRequests };
  });
}

/**
 * For each remote stream the page plays, which of `candidates` (Hz) is
 * loudest, and by how many dB it stands above the spectrum's median — from an
 * AnalyserNode FFT in the page, peak-held over about 1.5 s (the tones come in
 * bursts).
 */
export function heardTones(page: Page, candidates: number[]): Promise<Record<string, { tone: number; snr: number; tracks: string }>> {
  return page.evaluate(async (candidates) => {
    const streams = window.__rolecallAudio?.streams() ?? new Map<string, MediaStream>();
    const context = new AudioContext();
    await context.resume();
    const analysers = [...streams].map(([peerId, stream]) => {
      const analyser = context.createAnalyser();
      analyser.fftSize = 8192;
      analyser.smoothingTimeConstant = 0;
      context.createMediaStreamSource(stream).connect(analyser);
      // Track states, to explain a silent stream when a test fails.
      const tracks = stream.getAudioTracks().map((t) => `${t.readyState}${t.muted ? "/muted" : ""}`).join(",");
      return { peerId, analyser, tracks, held: new Float32Array(analyser.frequencyBinCount).fill(-Infinity) };
    });
    const frame = new Float32Array(8192 / 2);
    for (let i = 0; i < 30; i++) {
      await new Promise((r) => setTimeout(r, 50));
      for (const a of analysers) {
        a.analyser.getFloatFrequencyData(frame);
        for (let b = 0; b < frame.length; b++) if (frame[b]! > a.held[b]!) a.held[b] = frame[b]!;
      }
    }
    const binWidth = context.sampleRate / 8192;
    const result: Record<string, { tone: number; snr: number; tracks: string }> = {};
    for (const a of analysers) {
      const levelAt = (f: number) => {
        const centre = Math.round(f / binWidth);
        let max = -Infinity;
        for (let b = centre - 2; b <= centre + 2; b++) max = Math.max(max, a.held[b] ?? -Infinity);
        return max;
      };
      const band = [...a.held.slice(Math.round(200 / binWidth), Math.round(4000 / binWidth))].sort((x, y) => x - y);
      const floor = band[Math.floor(band.length / 2)] ?? -Infinity;
      let best = { tone: 0, level: -Infinity };
      for (const f of candidates) {
        const level = levelAt(f);
        if (level > best.level) best = { tone: f, level };
      }
      result[a.peerId] = { tone: best.tone, snr: Math.round(best.level - floor), tracks: a.tracks };
    }
    await context.close();
    return result;
  }, candidates);
}

// --- The facilitator, over HTTP and socket.io, as a browser would be. ---

function cookieFrom(response: Response, name: string): string {
  const found = response.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie in the response (${response.status})`);
  return found;
}

export async function signUpFacilitator(baseURL: string): Promise<string> {
  const response = await fetch(new URL("/setup", baseURL), {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ name: "Dana Reyes", email: "dana@example.org", password: "correct horse battery" }).toString(),
  });
  return cookieFrom(response, "rc_session");
}

export async function createWorkshopOverHttp(baseURL: string, cookie: string, title: string): Promise<{ workshopId: string; code: string }> {
  const response = await fetch(new URL("/dashboard", baseURL), {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: new URLSearchParams({ title, teamLabel: "" }).toString(),
  });
  const workshopId = (response.headers.get("location") ?? "").replace(/^\/w\//, "");
  const page = await (await fetch(new URL(`/w/${workshopId}`, baseURL), { headers: { Cookie: cookie } })).text();
  const code = /\/join\?code=([A-Z0-9]{6})/.exec(page)?.[1];
  if (!workshopId || !code) throw new Error(`could not create a workshop (${response.status})`);
  return { workshopId, code };
}

export type FacilitatorSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The facilitator's socket, keeping the latest view; `run` sends a command and waits for its view. */
export async function facilitatorSocket(baseURL: string, cookie: string, workshopId: string) {
  const socket: FacilitatorSocket = io(baseURL, { transports: ["websocket"], extraHeaders: { cookie }, auth: { workshopId, as: "facilitator" }, reconnection: false, forceNew: true });
  let view: FacilitatorView | null = null;
  // As the console does: a view names the parts (roster, groups) sent in earlier ones.
  const assembler = createViewAssembler();
  socket.on("workshop:view", (v) => {
    const joined = assembler.receive(v) as FacilitatorView | null;
    if (joined) view = joined;
    else socket.emit("workshop:resync");
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
    if (!check()) throw new Error("the facilitator's view did not catch up");
  };
  await until(() => view !== null);
  return {
    socket,
    view: () => view!,
    async run(command: Record<string, unknown>) {
      const ack = await socket.timeout(10_000).emitWithAck("workshop:command", command as never);
      if (!ack.ok) throw new Error(`${String(command.type)} refused: ${ack.error.message}`);
      await until(() => view!.version >= ack.version);
    },
    until,
    close: () => socket.close(),
  };
}

export const AUDIO_TEST_PLAN = {
  rubricId: "core-skills",
  groupSize: 3,
  rounds: 1,
  scenarioIds: ["surprise-copay-at-check-in"],
  durations: { briefingSeconds: 60, roleplaySeconds: 600, resetSeconds: 60, debriefSeconds: 300 },
};
