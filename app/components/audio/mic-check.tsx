import { useEffect, useRef, useState } from "react";
import { audioContext, LevelMeter as Analyser, resumeAudioContext } from "~/audio/levels";
import { listMicrophones, openMicrophone, preferredMicrophone, rememberMicrophone, stopStream } from "~/audio/microphone";
import type { AudioProblem } from "~/audio/types";
import { LevelMeter } from "./level-meter";
import { ProblemHelp } from "./problem-help";

type ToneState = "idle" | "playing" | "played";

/**
 * The lobby's check, before anyone needs their voice: pick a microphone,
 * watch the level move while speaking, and play a short generated tone to
 * check the speakers. The microphone opens only when asked, and nothing is
 * recorded or sent anywhere.
 */
export function MicCheck() {
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [opening, setOpening] = useState(false);
  const [problem, setProblem] = useState<AudioProblem | null>(null);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [deviceId, setDeviceId] = useState<string>("");
  const [tone, setTone] = useState<ToneState>("idle");
  const analyser = useRef<Analyser | null>(null);
  const streamRef = useRef<MediaStream | null>(null);

  useEffect(() => () => release(), []);

  function release() {
    analyser.current?.close();
    analyser.current = null;
    stopStream(streamRef.current);
    streamRef.current = null;
  }

  async function open(id: string | null) {
    setOpening(true);
    release();
    setStream(null);
    const result = await openMicrophone(id);
    setOpening(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    streamRef.current = result.stream;
    await resumeAudioContext();
    analyser.current = new Analyser(result.stream);
    setStream(result.stream);
    setDevices(await listMicrophones());
    setDeviceId(result.stream.getAudioTracks()[0]?.getSettings().deviceId ?? id ?? "");
  }

  function stop() {
    release();
    setStream(null);
  }

  async function playTone() {
    setTone("playing");
    const context = audioContext();
    await context.resume();
    // Two short beeps (A4, then E5) with soft edges, so it cannot startle.
    const start = context.currentTime + 0.05;
    for (const [offset, frequency] of [[0, 440], [0.45, 659.25]] as const) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0, start + offset);
      gain.gain.linearRampToValueAtTime(0.25, start + offset + 0.03);
      gain.gain.setValueAtTime(0.25, start + offset + 0.3);
      gain.gain.linearRampToValueAtTime(0, start + offset + 0.35);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.4);
      if (offset > 0) oscillator.onended = () => setTone("played");
    }
  }

  return (
    <section className="card mic-check stack" aria-labelledby="mic-check-heading" data-testid="mic-check">
      <h2 id="mic-check-heading">Check your microphone and sound</h2>
      <p className="muted">Do this before the role-play. Nothing is recorded or sent anywhere.</p>

      {problem ? <ProblemHelp problem={problem} onRetry={() => void open(deviceId || preferredMicrophone())} /> : null}

      {stream ? (
        <div className="stack">
          {devices.length > 0 ? (
            <div className="field compact">
              <label htmlFor="mic-device">Microphone</label>
              <select
                id="mic-device"
                value={deviceId}
                onChange={(e) => {
                  rememberMicrophone(e.target.value || null);
                  void open(e.target.value || null);
                }}
              >
                {devices.map((d, i) => (
                  <option key={d.deviceId || i} value={d.deviceId}>
                    {d.label || `Microphone ${i + 1}`}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="row">
            <LevelMeter read={() => analyser.current?.level() ?? 0} label="Microphone level" testId="mic-check-level" />
            <span>Say something: the bar should move.</span>
          </div>
          <button type="button" className="button secondary small" onClick={stop}>
            Stop the microphone check
          </button>
        </div>
      ) : (
        <button type="button" className="button secondary" onClick={() => void open(preferredMicrophone())} disabled={opening}>
          {opening ? "Opening the microphone…" : "Check my microphone"}
        </button>
      )}

      <div className="stack">
        <button type="button" className="button secondary" onClick={() => void playTone()} disabled={tone === "playing"}>
          Play a test sound
        </button>
        <p role="status" data-testid="tone-status">
          {tone === "playing" ? "Playing two short beeps…" : null}
          {tone === "played" ? "Can you hear this? If you heard two beeps, your sound works. If not, turn the volume up or pick another output, then play it again." : null}
        </p>
      </div>
    </section>
  );
}
