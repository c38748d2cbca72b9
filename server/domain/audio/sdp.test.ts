import { describe, expect, it } from "vitest";
import { summarizeSdp } from "./sdp";

const session = ["v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0"];
const audio = (direction: string | null, port = 9) => [`m=audio ${port} UDP/TLS/RTP/SAVPF 111`, "a=mid:0", ...(direction ? [`a=${direction}`] : []), "a=rtpmap:111 opus/48000/2"];

const sdp = (...lines: string[][]) => [...session, ...lines.flat()].join("\r\n") + "\r\n";

describe("summarizeSdp", () => {
  it("reads whether an audio section sends", () => {
    expect(summarizeSdp(sdp(audio("sendrecv")))).toEqual({ sendsAudio: true, hasVideo: false });
    expect(summarizeSdp(sdp(audio("sendonly")))).toEqual({ sendsAudio: true, hasVideo: false });
    expect(summarizeSdp(sdp(audio("recvonly")))).toEqual({ sendsAudio: false, hasVideo: false });
    expect(summarizeSdp(sdp(audio("inactive")))).toEqual({ sendsAudio: false, hasVideo: false });
  });

  it("ignores rejected sections (port 0), as a stopped transceiver leaves them", () => {
    expect(summarizeSdp(sdp(audio("sendrecv", 0), audio("recvonly")))).toEqual({ sendsAudio: false, hasVideo: false });
  });

  it("takes the session-level direction when a section has none (sendrecv by default)", () => {
    expect(summarizeSdp(sdp(audio(null))).sendsAudio).toBe(true);
    expect(summarizeSdp([...session, "a=recvonly", ...audio(null)].join("\n")).sendsAudio).toBe(false);
  });

  it("spots live video sections", () => {
    expect(summarizeSdp(sdp(audio("recvonly"), ["m=video 9 UDP/TLS/RTP/SAVPF 96", "a=recvonly"])).hasVideo).toBe(true);
    expect(summarizeSdp(sdp(audio("recvonly"), ["m=video 0 UDP/TLS/RTP/SAVPF 96"])).hasVideo).toBe(false);
  });
});
