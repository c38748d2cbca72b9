/**
 * Loudness for meters and "speaking" dots, from an AnalyserNode per stream.
 * One AudioContext per page: browsers limit how many may exist.
 */

let shared: AudioContext | null = null;

export function audioContext(): AudioContext {
  shared ??= new AudioContext();
  return shared;
}

/** Browsers start audio suspended until the person has interacted with the page. */
export async function resumeAudioContext(): Promise<void> {
  if (shared && shared.state === "suspended") await shared.resume();
}

/** Above this (about −42 dBFS) we show someone as speaking. */
export const SPEAKING_LEVEL = 0.35;

export class LevelMeter {
  private readonly source: MediaStreamAudioSourceNode;
  private readonly analyser: AnalyserNode;
  private readonly samples: Float32Array<ArrayBuffer>;

  constructor(stream: MediaStream) {
    const context = audioContext();
    this.source = context.createMediaStreamSource(stream);
    this.analyser = context.createAnalyser();
    this.analyser.fftSize = 1024;
    this.samples = new Float32Array(this.analyser.fftSize);
    this.source.connect(this.analyser);
  }

  /** 0 (silence, −60 dBFS or below) to 1 (−10 dBFS or louder). */
  level(): number {
    this.analyser.getFloatTimeDomainData(this.samples);
    let sum = 0;
    for (const s of this.samples) sum += s * s;
    const rms = Math.sqrt(sum / this.samples.length);
    if (rms === 0) return 0;
    const db = 20 * Math.log10(rms);
    return Math.min(1, Math.max(0, (db + 60) / 50));
  }

  close() {
    this.source.disconnect();
    this.analyser.disconnect();
  }
}
