import type { AudioProblem } from "./types";

/**
 * Opening the microphone, and turning the browser's errors into problems a
 * person can fix. Only people who speak ever get here: listeners never call
 * getUserMedia, so their browser never asks.
 */

const DEVICE_KEY = "rolecall.microphone";

/** The microphone chosen in the lobby's check, remembered on this device. */
export function preferredMicrophone(): string | null {
  try {
    return window.localStorage.getItem(DEVICE_KEY);
  } catch {
    return null;
  }
}

export function rememberMicrophone(deviceId: string | null) {
  try {
    if (deviceId) window.localStorage.setItem(DEVICE_KEY, deviceId);
    else window.localStorage.removeItem(DEVICE_KEY);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

export function microphoneConstraints(deviceId: string | null): MediaStreamConstraints {
  return {
    audio: {
      ...(deviceId ? { deviceId: { ideal: deviceId } } : {}),
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: true,
    },
    video: false,
  };
}

export type MicrophoneResult = { ok: true; stream: MediaStream } | { ok: false; problem: AudioProblem };

export async function openMicrophone(deviceId: string | null = preferredMicrophone()): Promise<MicrophoneResult> {
  if (!navigator.mediaDevices?.getUserMedia) {
    return { ok: false, problem: { kind: "mic-failed", detail: "This browser cannot use a microphone here. Open Rolecall over https:// or on this computer (localhost)." } };
  }
  try {
    return { ok: true, stream: await navigator.mediaDevices.getUserMedia(microphoneConstraints(deviceId)) };
  } catch (error) {
    return { ok: false, problem: microphoneProblem(error) };
  }
}

export function microphoneProblem(error: unknown): AudioProblem {
  const name = (error as { name?: string })?.name;
  switch (name) {
    case "NotAllowedError":
    case "SecurityError":
      return { kind: "mic-blocked" };
    case "NotFoundError":
    case "OverconstrainedError":
      return { kind: "mic-missing" };
    case "NotReadableError":
    case "AbortError":
      return { kind: "mic-busy" };
    default:
      return { kind: "mic-failed", detail: (error as Error)?.message ?? String(error) };
  }
}

export async function listMicrophones(): Promise<MediaDeviceInfo[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  return (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === "audioinput");
}

export function stopStream(stream: MediaStream | null | undefined) {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
