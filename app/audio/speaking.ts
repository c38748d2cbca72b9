import { LevelMeter, SPEAKING_LEVEL } from "./levels";

/** Keeps a dot lit through the short gaps between words. */
const HANG_MS = 450;

/**
 * Level meters for several streams, sampled on one timer, with a speaking
 * flag per stream. `onSpeakingChanged` fires only when a flag flips, so the
 * UI re-renders a few times a second at most.
 */
export class SpeakingTracker {
  private readonly meters = new Map<string, { stream: MediaStream; meter: LevelMeter }>();
  private readonly levels = new Map<string, number>();
  private readonly lastLoud = new Map<string, number>();
  private readonly speaking = new Set<string>();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly onSpeakingChanged: () => void) {
    this.timer = setInterval(() => this.sample(), 100);
  }

  /** Tracks `stream` under `id`, replacing an earlier stream; null stops tracking. */
  track(id: string, stream: MediaStream | null) {
    const current = this.meters.get(id);
    if (current?.stream === stream) return;
    current?.meter.close();
    this.meters.delete(id);
    this.levels.delete(id);
    if (stream && stream.getAudioTracks().length > 0) {
      try {
        this.meters.set(id, { stream, meter: new LevelMeter(stream) });
      } catch {
        // No Web Audio here: meters stay at zero, audio still plays.
      }
    }
  }

  level(id: string): number {
    return this.levels.get(id) ?? 0;
  }

  isSpeaking(id: string): boolean {
    return this.speaking.has(id);
  }

  close() {
    clearInterval(this.timer);
    for (const { meter } of this.meters.values()) meter.close();
    this.meters.clear();
  }

  private sample() {
    const now = Date.now();
    let changed = false;
    for (const id of new Set([...this.meters.keys(), ...this.speaking])) {
      const level = this.meters.get(id)?.meter.level() ?? 0;
      this.levels.set(id, level);
      if (level >= SPEAKING_LEVEL) this.lastLoud.set(id, now);
      const speaking = now - (this.lastLoud.get(id) ?? 0) < HANG_MS && this.meters.has(id);
      if (speaking !== this.speaking.has(id)) {
        changed = true;
        if (speaking) this.speaking.add(id);
        else this.speaking.delete(id);
      }
    }
    if (changed) this.onSpeakingChanged();
  }
}
