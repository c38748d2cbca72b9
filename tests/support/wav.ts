import fs from "node:fs";

/**
 * A 16-bit mono PCM WAV of a tone, for Chromium's
 * --use-file-for-fake-audio-capture. The tone comes in bursts (on 400 ms,
 * off 200 ms, soft edges), like speech: WebRTC's noise suppression learns
 * and removes a steady hum, but lets bursts through. The length holds whole
 * bursts, so the loop Chromium plays has no click.
 */
export function writeToneWav(path: string, frequencyHz: number, options: { seconds?: number; sampleRate?: number; amplitude?: number } = {}) {
  const sampleRate = options.sampleRate ?? 48_000;
  const seconds = options.seconds ?? 3;
  const amplitude = options.amplitude ?? 0.4;
  const samples = Math.round(seconds * sampleRate);
  const burst = 0.6 * sampleRate;
  const on = 0.4 * sampleRate;
  const fade = 0.02 * sampleRate;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    const inBurst = i % burst;
    const envelope = inBurst >= on ? 0 : Math.min(1, inBurst / fade, (on - inBurst) / fade);
    const value = amplitude * envelope * Math.sin((2 * Math.PI * frequencyHz * i) / sampleRate);
    data.writeInt16LE(Math.round(value * 32767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8);
  header.write("fmt ", 12);
  header.writeUInt32LE(16, 16); // PCM chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write("data", 36);
  header.writeUInt32LE(data.length, 40);
  fs.writeFileSync(path, Buffer.concat([header, data]));
}
