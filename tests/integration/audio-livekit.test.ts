import { createHash } from "node:crypto";
import { AccessToken, TokenVerifier } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIVEKIT_WEBHOOK_PATH } from "../../server/audio/livekit/livekit-webhook";
import { joinAudio, roleplayWorkshop, until } from "../support/audio-workshop";
import { startLiveKitStandIn, type RoomServiceCall } from "../support/livekit-stand-in";
import { nextEvent, signUpFirstFacilitator, startTestServer, type TestServer } from "../support/test-server";

/**
 * AUDIO_PROVIDER=livekit against a local stand-in for LiveKit's room service
 * (no LiveKit server can run here): tokens from the socket, room-service calls
 * as the workshop moves, and the signed webhook.
 */

const credentials = { apiKey: "APIrolecalltest", apiSecret: "rolecall-test-secret-0123456789abcdef" };

let standIn: Awaited<ReturnType<typeof startLiveKitStandIn>>;
let server: TestServer;
let facilitatorCookie: string;

beforeAll(async () => {
  standIn = await startLiveKitStandIn(credentials);
  server = await startTestServer({
    AUDIO_PROVIDER: "livekit",
    LIVEKIT_URL: standIn.url.replace("http://", "ws://"),
    LIVEKIT_API_KEY: credentials.apiKey,
    LIVEKIT_API_SECRET: credentials.apiSecret,
  });
  facilitatorCookie = await signUpFirstFacilitator(server.url);
});
afterAll(async () => {
  await server?.close();
  await standIn?.close();
});

const verify = (jwt: string) => new TokenVerifier(credentials.apiKey, credentials.apiSecret).verify(jwt);

function callsFor(room: string, method?: string): RoomServiceCall[] {
  return standIn.calls.filter((c) => (c.body.name === room || c.body.room === room) && (!method || c.method === method));
}

describe("LiveKit provider", () => {
  it("opens rooms with the room service when the role-play starts, and mints tokens whose grants follow the role", async () => {
    const w = await roleplayWorkshop(server, facilitatorCookie, ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay"], undefined, [], { startRoleplay: false });
    try {
      const room1 = `${w.workshopId}:g1`;
      expect(callsFor(room1)).toEqual([]);
      await w.run({ type: "startRoleplay" });
      await until(() => callsFor(room1, "CreateRoom").length === 1 && callsFor(`${w.workshopId}:g2`, "CreateRoom").length === 1);
      expect(callsFor(room1, "CreateRoom")[0]).toMatchObject({ body: { name: room1, emptyTimeout: 600 }, grants: { roomCreate: true } });

      const staff = w.inGroup("g1", "staff")[0]!;
      const observer = w.inGroup("g1", "observer")[0]!;
      const staffTicket = await joinAudio(staff.socket, "g1");
      expect(staffTicket).toMatchObject({ ok: true, provider: "livekit", room: room1, url: standIn.url.replace("http://", "ws://") });
      if (!staffTicket.ok || staffTicket.provider !== "livekit") throw new Error("no LiveKit ticket");
      expect((await verify(staffTicket.token)).video).toMatchObject({ room: room1, roomJoin: true, canPublish: true, canPublishSources: ["microphone"], canSubscribe: true });

      const observerTicket = await joinAudio(observer.socket, "g1");
      if (!observerTicket.ok || observerTicket.provider !== "livekit") throw new Error("no LiveKit ticket");
      const observerClaims = await verify(observerTicket.token);
      expect(observerClaims.sub).toBe(observer.id);
      expect(observerClaims.video).toMatchObject({ canPublish: false, canPublishSources: [], canSubscribe: true });

      // Nobody gets a token for another group's room.
      expect(await joinAudio(w.inGroup("g2")[0]!.socket, "g1")).toMatchObject({ ok: false, error: { code: "not-in-group" } });
    } finally {
      w.close();
    }
  });

  it("changes publish rights on a role change, removes someone who leaves, and closes the room when the phase ends", async () => {
    const w = await roleplayWorkshop(server, facilitatorCookie, ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay"]);
    try {
      const room1 = `${w.workshopId}:g1`;
      const observer = w.inGroup("g1", "observer")[0]!;
      const staff = w.inGroup("g1", "staff")[0]!;
      await w.run({ type: "setRole", groupId: "g1", participantId: observer.id, role: "staff" });
      await until(() => callsFor(room1, "UpdateParticipant").length === 2);
      const updates = callsFor(room1, "UpdateParticipant");
      expect(updates.find((c) => c.body.identity === observer.id)).toMatchObject({
        body: { permission: { canPublish: true, canSubscribe: true, canPublishSources: ["MICROPHONE"] } },
        grants: { roomAdmin: true, room: room1 },
      });
      expect(updates.find((c) => c.body.identity === staff.id)?.body.permission).toMatchObject({ canSubscribe: true });
      expect((updates.find((c) => c.body.identity === staff.id)?.body.permission as Record<string, unknown>).canPublish ?? false).toBe(false);

      // The facilitator listens, then talks: permission follows, through the room service.
      const ticket = await joinAudio(w.facilitator, "g1");
      if (!ticket.ok || ticket.provider !== "livekit") throw new Error("no LiveKit ticket");
      expect((await verify(ticket.token)).video).toMatchObject({ canPublish: false, hidden: false });
      expect(await w.facilitator.timeout(5_000).emitWithAck("audio:talk", { talking: true })).toEqual({ ok: true });
      expect(callsFor(room1, "UpdateParticipant").find((c) => String(c.body.identity).startsWith("facilitator:"))?.body.permission).toMatchObject({ canPublish: true });

      const patient = w.inGroup("g1", "patient")[0]!;
      await patient.socket.timeout(5_000).emitWithAck("workshop:command", { type: "leaveWorkshop" });
      await until(() => callsFor(room1, "RemoveParticipant").length === 1);
      expect(callsFor(room1, "RemoveParticipant")[0]).toMatchObject({ body: { room: room1, identity: patient.id }, grants: { roomAdmin: true } });

      await w.run({ type: "advanceGroups", groupIds: ["g1"] });
      await until(() => callsFor(room1, "DeleteRoom").length === 1);
      expect(callsFor(room1, "DeleteRoom")[0]!.grants).toMatchObject({ roomCreate: true });
      expect(callsFor(`${w.workshopId}:g2`, "DeleteRoom")).toEqual([]);
    } finally {
      w.close();
    }
  });
});

describe("LiveKit webhook", () => {
  async function signed(body: string, secret = credentials.apiSecret) {
    const token = new AccessToken(credentials.apiKey, secret);
    token.sha256 = createHash("sha256").update(body).digest("base64");
    return token.toJwt();
  }
  const post = (body: string, authorization?: string) =>
    fetch(new URL(LIVEKIT_WEBHOOK_PATH, server.url), {
      method: "POST",
      headers: { "Content-Type": "application/webhook+json", ...(authorization ? { Authorization: authorization } : {}) },
      body,
    });
  const event = (room: string, identity: string, over: Record<string, unknown> = {}) =>
    JSON.stringify({
      event: "participant_joined",
      id: `EV_${Math.random().toString(36).slice(2)}`,
      createdAt: String(Math.floor(Date.now() / 1000)),
      room: { name: room },
      participant: { identity, name: "Ana", metadata: JSON.stringify({ role: "staff", groupId: "g1", round: 1 }), permission: { canPublish: true, canSubscribe: true } },
      ...over,
    });

  it("accepts a correctly signed event and tells the facilitator who is in the room", async () => {
    const w = await roleplayWorkshop(server, facilitatorCookie, ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay"]);
    try {
      const staff = w.inGroup("g1", "staff")[0]!;
      const presence = nextEvent(w.facilitator, "audio:presence", (p) => (p.groups.g1 ?? []).some((x) => x.id === staff.id));
      const body = event(`${w.workshopId}:g1`, staff.id);
      const response = await post(body, await signed(body));
      expect(response.status).toBe(200);
      expect((await presence).groups.g1).toEqual([{ id: staff.id, displayName: "Ana", role: "staff", sends: true, muted: false }]);

      // LiveKit retries deliveries; the same event twice is accepted once.
      const again = await post(body, await signed(body));
      expect(await again.json()).toMatchObject({ ok: true, duplicate: true });

      const leftBody = event(`${w.workshopId}:g1`, staff.id, { event: "participant_left" });
      const gone = nextEvent(w.facilitator, "audio:presence", (p) => (p.groups.g1 ?? []).length === 0);
      expect((await post(leftBody, await signed(leftBody))).status).toBe(200);
      await gone;
    } finally {
      w.close();
    }
  });

  it("refuses a forged, tampered, unsigned or stale event", async () => {
    const body = event("w:g1", "someone");
    expect((await post(body, await signed(body, "a-different-secret-of-reasonable-length"))).status).toBe(401);
    expect((await post(body.replace("someone", "someone-else"), await signed(body))).status).toBe(401);
    expect((await post(body)).status).toBe(401);
    const stale = event("w:g1", "someone", { createdAt: String(Math.floor(Date.now() / 1000) - 60 * 60) });
    const refused = await post(stale, await signed(stale));
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: expect.stringMatching(/too old/) });
  });
});
