import { describe, expect, it } from "vitest";
import { classifyQuality, type LinkCounters } from "./link-quality";

const counters = (over: Partial<LinkCounters>): LinkCounters => ({ inboundBytes: 0, outboundBytes: 0, packetsReceived: 0, packetsLost: 0, roundTripTime: null, ...over });

describe("classifyQuality", () => {
  it("says unknown before anything is measured", () => {
    expect(classifyQuality(null, counters({}))).toBe("unknown");
  });

  it("grades by loss since the last sample, not since the start", () => {
    const before = counters({ packetsReceived: 1000, packetsLost: 200, roundTripTime: 0.05 });
    expect(classifyQuality(before, counters({ packetsReceived: 1100, packetsLost: 200, roundTripTime: 0.05 }))).toBe("good");
    expect(classifyQuality(before, counters({ packetsReceived: 1100, packetsLost: 205, roundTripTime: 0.05 }))).toBe("fair");
    expect(classifyQuality(before, counters({ packetsReceived: 1100, packetsLost: 230, roundTripTime: 0.05 }))).toBe("poor");
  });

  it("grades by round trip when nothing is received (a listener's view of a sender)", () => {
    expect(classifyQuality(null, counters({ roundTripTime: 0.1 }))).toBe("good");
    expect(classifyQuality(null, counters({ roundTripTime: 0.4 }))).toBe("fair");
    expect(classifyQuality(null, counters({ roundTripTime: 0.9 }))).toBe("poor");
  });
});
