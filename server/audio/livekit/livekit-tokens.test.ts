import { TokenVerifier } from "livekit-server-sdk";
import { describe, expect, it } from "vitest";
import { audioSeatFor, liveKitGrantsFor, LIVEKIT_TOKEN_TTL_SECONDS, type AudioCandidate } from "../../domain/audio";
import { WorkshopHarness } from "../../domain/workshop/test-support";
import { liveKitHttpUrl, mintLiveKitToken } from "./livekit-tokens";

const credentials = { url: "wss://livekit.example.org", apiKey: "APItest", apiSecret: "a-test-secret-that-is-long-enough-for-hs256" };

/** Two groups of three in the role-play; returns who plays what in g1. */
function roleplay() {
  const h = WorkshopHarness.withParticipants(6);
  h.must({ type: "formGroups" });
  h.must({ type: "startRound" });
  h.must({ type: "startRoleplay" });
  const g1 = h.group("g1");
  const observer = g1.memberIds.find((id) => g1.roles[id] === "observer")!;
  return { h, patient: h.holder("patient"), staff: h.holder("staff"), observer };
}

async function decodedGrants(h: WorkshopHarness, who: AudioCandidate) {
  const seat = audioSeatFor(h.s, who, "g1");
  if (!seat.ok) throw new Error(seat.error.message);
  const jwt = await mintLiveKitToken(credentials, liveKitGrantsFor(seat.seat));
  // Verified with the same secret, exactly as the LiveKit server would.
  return new TokenVerifier(credentials.apiKey, credentials.apiSecret).verify(jwt);
}

const member = (participantId: string): AudioCandidate => ({ kind: "participant", participantId });
const publisher = { canPublish: true, canPublishSources: ["microphone"], canSubscribe: true, canPublishData: false };
const listener = { canPublish: false, canPublishSources: [], canSubscribe: true, canPublishData: false };

describe("LiveKit tokens", () => {
  it("lets the patient and the staff member publish their microphone, and nothing else", async () => {
    const { h, patient, staff } = roleplay();
    for (const [id, role] of [[patient, "patient"], [staff, "staff"]] as const) {
      const claims = await decodedGrants(h, member(id));
      expect(claims.sub).toBe(id);
      expect(claims.iss).toBe(credentials.apiKey);
      expect(claims.video).toEqual({ room: "w1:g1", roomJoin: true, hidden: false, canUpdateOwnMetadata: false, ...publisher });
      expect(JSON.parse(claims.metadata as string)).toEqual({ role, groupId: "g1", round: 1 });
    }
  });

  it("lets an observer only subscribe during the role-play", async () => {
    const { h, observer } = roleplay();
    const claims = await decodedGrants(h, member(observer));
    expect(claims.video).toMatchObject({ room: "w1:g1", roomJoin: true, ...listener });
    expect(claims.name).toBe(h.s.participants[observer]!.displayName);
  });

  it("lets the observer speak in the room debrief", async () => {
    const { h, observer } = roleplay();
    h.must({ type: "advanceGroups", groupIds: ["g1"] });
    h.must({ type: "advanceGroups", groupIds: ["g1"] });
    expect((await decodedGrants(h, member(observer))).video).toMatchObject(publisher);
  });

  it("lets a listening facilitator subscribe visibly, and a coaching one publish", async () => {
    const { h } = roleplay();
    const listening = await decodedGrants(h, { kind: "facilitator", facilitatorId: "fac-1", talking: false });
    expect(listening.sub).toBe("facilitator:fac-1");
    expect(listening.video).toMatchObject({ ...listener, hidden: false });
    expect(JSON.parse(listening.metadata as string).role).toBe("facilitator");
    const talking = await decodedGrants(h, { kind: "facilitator", facilitatorId: "fac-1", talking: true });
    expect(talking.video).toMatchObject(publisher);
  });

  it("never grants video, screen share, room admin or recording", async () => {
    const { h, patient, observer } = roleplay();
    for (const who of [member(patient), member(observer), { kind: "facilitator", facilitatorId: "fac-1", talking: true } as const]) {
      const video = (await decodedGrants(h, who)).video as Record<string, unknown>;
      expect(video.canPublishSources).not.toContain("camera");
      expect(video.canPublishSources).not.toContain("screen_share");
      for (const key of ["roomAdmin", "roomCreate", "roomList", "roomRecord", "recorder", "agent"]) expect(video[key]).toBeUndefined();
    }
  });

  it("expires within minutes", async () => {
    const { h, staff } = roleplay();
    const claims = await decodedGrants(h, member(staff));
    expect(claims.exp! - claims.nbf!).toBe(LIVEKIT_TOKEN_TTL_SECONDS);
    expect(LIVEKIT_TOKEN_TTL_SECONDS).toBeLessThanOrEqual(15 * 60);
  });

  it("is refused when signed with another secret", async () => {
    const { h, staff } = roleplay();
    const seat = audioSeatFor(h.s, member(staff), "g1");
    if (!seat.ok) throw new Error("no seat");
    const jwt = await mintLiveKitToken({ ...credentials, apiSecret: "someone-else's-secret-of-decent-length" }, liveKitGrantsFor(seat.seat));
    await expect(new TokenVerifier(credentials.apiKey, credentials.apiSecret).verify(jwt)).rejects.toThrow();
  });

  it("talks to the room service over HTTP(S) whatever scheme LIVEKIT_URL uses", () => {
    expect(liveKitHttpUrl("wss://lk.example.org")).toBe("https://lk.example.org");
    expect(liveKitHttpUrl("ws://127.0.0.1:7880")).toBe("http://127.0.0.1:7880");
    expect(liveKitHttpUrl("https://lk.example.org")).toBe("https://lk.example.org");
  });
});
