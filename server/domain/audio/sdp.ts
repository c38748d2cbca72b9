/**
 * Just enough SDP reading for the mesh relay to enforce who may send: a
 * listener's descriptions must not offer to send audio, and nobody's may
 * carry video. The browser still decides what it sends, but a tampered
 * client cannot get another browser to accept media it was not meant to.
 */

export interface SdpSummary {
  /** Some audio section is live (port ≠ 0) and sendrecv or sendonly. */
  sendsAudio: boolean;
  /** Some video section is live. */
  hasVideo: boolean;
}

type Direction = "sendrecv" | "sendonly" | "recvonly" | "inactive";

export function summarizeSdp(sdp: string): SdpSummary {
  const lines = sdp.split(/\r?\n/);
  let sessionDirection: Direction = "sendrecv";
  const sections: { kind: string; port: number; direction: Direction | null }[] = [];
  for (const line of lines) {
    const media = /^m=(\w+) (\d+)/.exec(line);
    if (media) {
      sections.push({ kind: media[1]!, port: Number(media[2]), direction: null });
      continue;
    }
    const direction = /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/.exec(line)?.[1] as Direction | undefined;
    if (!direction) continue;
    const current = sections[sections.length - 1];
    if (current) current.direction = direction;
    else sessionDirection = direction;
  }
  let sendsAudio = false;
  let hasVideo = false;
  for (const section of sections) {
    if (section.port === 0) continue;
    const direction = section.direction ?? sessionDirection;
    if (section.kind === "video") hasVideo = true;
    if (section.kind === "audio" && (direction === "sendrecv" || direction === "sendonly")) sendsAudio = true;
  }
  return { sendsAudio, hasVideo };
}
