/**
 * Mesh audio bench: how much one browser uploads, and how much CPU it uses,
 * in a built-in (peer-to-peer) room of 2, 4 and 6 people, all speaking (the
 * room debrief, where everyone talks; in the role-play only the two
 * performers send, each as much as one client here).
 *
 * Run with `npm run bench:audio` (builds first). Writes
 * bench/results/audio-mesh.md and bench/results/audio-mesh.json.
 *
 * Upload is RTP payload + RTP header bytes from getStats() (outbound-rtp,
 * summed over the client's peer connections); UDP/IP adds ~28 bytes a packet
 * on top. CPU is Chromium's own per-process CPU time (CDP
 * SystemInfo.getProcessInfo): the renderer, where WebRTC encodes and
 * decodes, and the whole browser (renderer, audio service, network). Every
 * browser runs on this one machine, so its cores are shared by all clients.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "@playwright/test";
import { audioContext, createWorkshopOverHttp, facilitatorSocket, launchAudioBrowser, signUpFacilitator, toneFiles } from "../tests/support/audio-browsers";
import { spawnServer } from "../tests/support/spawn-server";

const ROOM_SIZES = (process.env.BENCH_ROOM_SIZES ?? "2,4,6").split(",").map(Number);
const WARM_UP_MS = 5_000;
const MEASURE_MS = 20_000;
const TONES = [440, 554, 660, 784, 880, 1046, 1175, 1318];
const here = path.dirname(fileURLToPath(import.meta.url));
let chromiumVersion = "Chromium";

interface ClientSample {
  bytes: number;
  rendererCpu: number;
  browserCpu: number;
  at: number;
}

interface RoomResult {
  people: number;
  peerConnectionsPerClient: number;
  uploadKbps: { mean: number; min: number; max: number };
  downloadKbps: { mean: number };
  rendererCpuPercent: { mean: number; max: number };
  browserCpuPercent: { mean: number; max: number };
}

async function joinOverHttp(baseURL: string, code: string, name: string): Promise<{ name: string; value: string; workshopId: string }> {
  const response = await fetch(new URL(`/join?code=${code}`, baseURL), {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "join", code, displayName: name }).toString(),
  });
  const workshopId = (response.headers.get("location") ?? "").replace(/^\/p\//, "");
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith(`rc_p_${workshopId}=`));
  if (!cookie) throw new Error(`joining as ${name} failed (${response.status})`);
  const [cookieName, value] = cookie.split("=") as [string, string];
  return { name: cookieName, value, workshopId };
}

/** Bytes on the wire from this page's peer connections (payload + RTP headers), both ways. */
function rtpBytes(page: Page): Promise<{ sent: number; received: number; connections: number }> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.filter((pc) => pc.connectionState === "connected");
    let sent = 0;
    let received = 0;
    for (const pc of pcs) {
      (await pc.getStats()).forEach((s: Record<string, unknown>) => {
        if (s.type === "outbound-rtp" && s.kind === "audio") sent += Number(s.bytesSent ?? 0) + Number(s.headerBytesSent ?? 0);
        if (s.type === "inbound-rtp" && s.kind === "audio") received += Number(s.bytesReceived ?? 0) + Number(s.headerBytesReceived ?? 0);
      });
    }
    return { sent, received, connections: pcs.length };
  });
}

async function cpuSeconds(browser: Browser): Promise<{ renderer: number; browser: number }> {
  const session = await browser.newBrowserCDPSession();
  const { processInfo } = (await session.send("SystemInfo.getProcessInfo")) as { processInfo: { type: string; cpuTime: number }[] };
  await session.detach();
  return {
    renderer: processInfo.filter((p) => p.type === "renderer").reduce((sum, p) => sum + p.cpuTime, 0),
    browser: processInfo.reduce((sum, p) => sum + p.cpuTime, 0),
  };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const round = (x: number) => Math.round(x * 10) / 10;

async function measureRoom(people: number, tones: Map<number, string>): Promise<RoomResult> {
  const server = await spawnServer();
  const browsers: Browser[] = [];
  try {
    const baseURL = server.url;
    const cookie = await signUpFacilitator(baseURL);
    const { workshopId, code } = await createWorkshopOverHttp(baseURL, cookie, `Bench ${people}`);
    // Groups are formed with 3–6 people: a room of 2 is a group of 3 with one member away, and
    // people beyond 6 join late and are placed into the group (as a facilitator would).
    const members = Math.max(3, people);
    const formed = Math.min(members, 6);
    const joined = [];
    for (let i = 0; i < formed; i++) joined.push(await joinOverHttp(baseURL, code, `Person ${i + 1}`));
    const facilitator = await facilitatorSocket(baseURL, cookie, workshopId);
    await facilitator.run({
      type: "setPlan",
      plan: {
        rubricId: "core-skills",
        groupSize: formed,
        rounds: 1,
        scenarioIds: ["surprise-copay-at-check-in"],
        durations: { briefingSeconds: 60, roleplaySeconds: 600, resetSeconds: 60, debriefSeconds: 1200 },
      },
    });
    await facilitator.run({ type: "formGroups" });
    for (let i = formed; i < members; i++) {
      joined.push(await joinOverHttp(baseURL, code, `Person ${i + 1}`));
      await facilitator.until(() => facilitator.view().lobby.length > 0);
      await facilitator.run({ type: "placeParticipant", participantId: facilitator.view().lobby[0]!.id, groupId: "g1" });
    }
    await facilitator.run({ type: "startRound" });
    await facilitator.run({ type: "startRoleplay" });
    await facilitator.run({ type: "advanceGroups" }); // reset
    await facilitator.run({ type: "advanceGroups" }); // room debrief: everyone speaks
    facilitator.close();

    const pages: Page[] = [];
    for (let i = 0; i < people; i++) {
      const browser = await launchAudioBrowser(tones.get(TONES[i]!)!);
      browsers.push(browser);
      chromiumVersion = `Chromium ${browser.version()}`;
      const context = await audioContext(browser, baseURL);
      await context.addCookies([{ name: joined[i]!.name, value: joined[i]!.value, url: baseURL }]);
      const page = await context.newPage();
      await page.goto(`/p/${workshopId}`);
      pages.push(page);
    }
    // Everyone connected to everyone else, with audio flowing.
    const deadline = Date.now() + 90_000;
    for (const page of pages) {
      while ((await rtpBytes(page)).connections < people - 1 || (await rtpBytes(page)).received === 0) {
        if (Date.now() > deadline) {
          const states = await Promise.all(pages.map((p) => p.evaluate(() => window.__rolecallAudio?.snapshot().peers.map((x) => `${x.displayName}:${x.link}`).join(" "))));
          throw new Error(`room of ${people} did not connect in time:\n${states.map((s, i) => `  Person ${i + 1} → ${s}`).join("\n")}`);
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    await new Promise((r) => setTimeout(r, WARM_UP_MS));

    const sample = async (): Promise<(ClientSample & { received: number })[]> =>
      Promise.all(
        pages.map(async (page, i) => {
          const [bytes, cpu] = await Promise.all([rtpBytes(page), cpuSeconds(browsers[i]!)]);
          return { bytes: bytes.sent, received: bytes.received, rendererCpu: cpu.renderer, browserCpu: cpu.browser, at: Date.now() };
        }),
      );
    const before = await sample();
    await new Promise((r) => setTimeout(r, MEASURE_MS));
    const after = await sample();

    const per = after.map((a, i) => {
      const b = before[i]!;
      const seconds = (a.at - b.at) / 1000;
      return {
        uploadKbps: ((a.bytes - b.bytes) * 8) / seconds / 1000,
        downloadKbps: ((a.received - b.received) * 8) / seconds / 1000,
        renderer: ((a.rendererCpu - b.rendererCpu) / seconds) * 100,
        browser: ((a.browserCpu - b.browserCpu) / seconds) * 100,
      };
    });
    return {
      people,
      peerConnectionsPerClient: people - 1,
      uploadKbps: { mean: round(mean(per.map((p) => p.uploadKbps))), min: round(Math.min(...per.map((p) => p.uploadKbps))), max: round(Math.max(...per.map((p) => p.uploadKbps))) },
      downloadKbps: { mean: round(mean(per.map((p) => p.downloadKbps))) },
      rendererCpuPercent: { mean: round(mean(per.map((p) => p.renderer))), max: round(Math.max(...per.map((p) => p.renderer))) },
      browserCpuPercent: { mean: round(mean(per.map((p) => p.browser))), max: round(Math.max(...per.map((p) => p.browser))) },
    };
  } finally {
    await Promise.all(browsers.map((b) => b.close()));
    await server.stop();
  }
}

function markdown(results: RoomResult[], meta: Record<string, string | number>): string {
  const perStream = round(mean(results.map((r) => r.uploadKbps.mean / r.peerConnectionsPerClient)));
  const rows = results.map(
    (r) =>
      `| ${r.people} | ${r.peerConnectionsPerClient} | ${r.uploadKbps.mean} (${r.uploadKbps.min}–${r.uploadKbps.max}) | ${r.downloadKbps.mean} | ${r.rendererCpuPercent.mean} (max ${r.rendererCpuPercent.max}) | ${r.browserCpuPercent.mean} (max ${r.browserCpuPercent.max}) |`,
  );
  return `# Mesh audio: one client's upload and CPU by room size

Generated by \`npm run bench:audio\` (bench/audio-mesh.ts) on ${meta.date}.

Everyone in the room speaks (the room debrief), each browser capturing its own test tone through
Chromium's fake microphone. Upload and download are RTP payload + header bytes from \`getStats()\`, per
client, over ${MEASURE_MS / 1000} s after a ${WARM_UP_MS / 1000} s warm-up (UDP/IP headers add about 11 kbit/s per stream
on top). CPU is Chromium's own per-process CPU time (CDP \`SystemInfo.getProcessInfo\`), as a percentage of
one core: the renderer (where WebRTC encodes and decodes) and the whole browser (renderer, audio
service, network service, browser process).

| People in the room | Connections per client | Upload kbit/s, mean (min–max) | Download kbit/s | Renderer CPU % | Whole browser CPU % |
| --- | --- | --- | --- | --- | --- |
${rows.join("\n")}

Machine: ${meta.cpus} × ${meta.cpuModel}, ${meta.memoryGb} GB, ${meta.chromium}; 1-minute load average ${meta.loadAverage}. All browsers of a room run on this one
machine and share its cores (and other work running at the time), so CPU figures are an upper bound for
a laptop running one client; the bit rates do not depend on the machine.

Reading it: each speaker sends its own Opus stream to every other person (one RTCPeerConnection, one
encoder each), so upload grows linearly with the room: about ${perStream} kbit/s per other person here. At
Rolecall's mesh limit of 8 people (a ninth is refused, MESH_MAX_PEOPLE) that is 7 streams, about
${Math.round(perStream * 7)} kbit/s up plus UDP/IP overhead, and seven encoders — fine on a LAN or a good uplink, tight on a
congested home or mobile uplink or an old phone. LiveKit takes one stream up from each speaker and fans
it out, which is why it is the option for larger rooms. In the role-play only the two performers send,
each like one client here; observers upload nothing.
`;
}

async function main() {
  const loadBefore = os.loadavg()[0]!;
  const { dir, files } = toneFiles(TONES);
  const results: RoomResult[] = [];
  try {
    for (const people of ROOM_SIZES) {
      process.stdout.write(`Room of ${people}… `);
      const result = await measureRoom(people, files);
      results.push(result);
      console.log(`upload ${result.uploadKbps.mean} kbit/s, renderer CPU ${result.rendererCpuPercent.mean}%`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const meta = {
    date: new Date().toISOString().slice(0, 10),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown CPU",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    chromium: chromiumVersion,
    // Other work on the machine skews CPU figures; say how busy it was.
    loadAverage: `${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after`,
  };
  const out = path.join(here, "results");
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, "audio-mesh.json"), JSON.stringify({ meta, measureSeconds: MEASURE_MS / 1000, results }, null, 2) + "\n");
  fs.writeFileSync(path.join(out, "audio-mesh.md"), markdown(results, meta));
  console.log(`Wrote ${path.relative(process.cwd(), path.join(out, "audio-mesh.md"))} and audio-mesh.json.`);
}

await main();
