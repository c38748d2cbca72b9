import type { LinkQuality } from "../types";

/**
 * Connection quality from one getStats() sample to the next, in the three
 * words people understand. Voice stays comfortable below ~300 ms round trip
 * and a few percent loss (Opus hides small losses); beyond that people talk
 * over each other or lose words.
 */

export interface LinkCounters {
  inboundBytes: number;
  outboundBytes: number;
  packetsReceived: number;
  packetsLost: number;
  /** Seconds, from the nominated candidate pair; null before it is known. */
  roundTripTime: number | null;
}

export function classifyQuality(previous: LinkCounters | null, current: LinkCounters): LinkQuality {
  const received = current.packetsReceived - (previous?.packetsReceived ?? 0);
  const lost = Math.max(0, current.packetsLost - (previous?.packetsLost ?? 0));
  const loss = received + lost > 0 ? lost / (received + lost) : null;
  const rtt = current.roundTripTime;
  if (loss === null && rtt === null) return "unknown";
  if ((loss ?? 0) > 0.1 || (rtt ?? 0) > 0.6) return "poor";
  if ((loss ?? 0) > 0.03 || (rtt ?? 0) > 0.3) return "fair";
  return "good";
}

/** Reads the audio counters out of an RTCStatsReport. */
export function countersFrom(report: RTCStatsReport): LinkCounters {
  const counters: LinkCounters = { inboundBytes: 0, outboundBytes: 0, packetsReceived: 0, packetsLost: 0, roundTripTime: null };
  report.forEach((stat: Record<string, unknown>) => {
    if (stat.type === "inbound-rtp" && stat.kind === "audio") {
      counters.inboundBytes += Number(stat.bytesReceived ?? 0);
      counters.packetsReceived += Number(stat.packetsReceived ?? 0);
      counters.packetsLost += Number(stat.packetsLost ?? 0);
    } else if (stat.type === "outbound-rtp" && stat.kind === "audio") {
      counters.outboundBytes += Number(stat.bytesSent ?? 0);
    } else if (stat.type === "candidate-pair" && stat.nominated && stat.state === "succeeded" && typeof stat.currentRoundTripTime === "number") {
      counters.roundTripTime = stat.currentRoundTripTime;
    }
  });
  return counters;
}
