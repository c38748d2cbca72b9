import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AudioPeerInfo } from "../../server/domain/audio";
import { AUDIO_PLAN, joinAudio as join, roleplayWorkshop, sdp } from "../support/audio-workshop";
import { nextEvent, signUpFirstFacilitator, startTestServer, type TestServer } from "../support/test-server";

/**
 * The mesh relay over real socket.io: who may take a seat, which signals pass
 * and which are refused, and what happens when the workshop moves on.
 */

let server: TestServer;
let facilitatorCookie: string;

const ids = (peers: AudioPeerInfo[]) => peers.map((p) => p.id).sort();

beforeAll(async () => {
  server = await startTestServer();
  facilitatorCookie = await signUpFirstFacilitator(server.url);
});
afterAll(() => server?.close());

describe("mesh audio rooms", () => {
  it("seats each person in their own group's room, with performers sending and observers listening", async () => {
    const w = await roleplayWorkshop(server, facilitatorCookie, ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay"]);
    try {
      const [patient] = w.inGroup("g1", "patient");
      const [staff] = w.inGroup("g1", "staff");
      const [observer] = w.inGroup("g1", "observer");
      const first = await join(patient!.socket, "g1");
      expect(first).toMatchObject({ ok: true, provider: "mesh", room: `${w.workshopId}:g1`, self: { id: patient!.id, role: "patient", sends: true }, peers: [], iceServers: [] });

      const rosterForPatient = nextEvent(patient!.socket, "audio:peers", (u) => u.peers.length === 2);
      const second = await join(staff!.socket, "g1");
      expect(second).toMatchObject({ ok: true, self: { role: "staff", sends: true } });
      expect(second.ok && second.provider === "mesh" && ids(second.peers)).toEqual([patient!.id]);
      expect(ids((await rosterForPatient).peers)).toEqual([patient!.id, staff!.id].sort());

      const third = await join(observer!.socket, "g1");
      expect(third).toMatchObject({ ok: true, self: { role: "observer", sends: false } });

      // Someone from group 2 cannot sit in group 1's room.
      const outsider = w.inGroup("g2")[0]!;
      expect(await join(outsider.socket, "g1")).toMatchObject({ ok: false, error: { code: "not-in-group" } });
    } finally {
      w.close();
    }
  });

  it("relays signals only within a room, refusing anything across groups", async () => {
    const w = await roleplayWorkshop(server, facilitatorCookie, ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay"]);
    try {
      const [a1, a2] = [w.inGroup("g1", "patient")[0]!, w.inGroup("g1", "staff")[0]!];
      const [b1, b2] = [w.inGroup("g2", "patient")[0]!, w.inGroup("g2", "staff")[0]!];
      for (const [p, g] of [[a1, "g1"], [a2, "g1"], [b1, "g2"], [b2, "g2"]] as const) expect((await join(p.socket, g)).ok).toBe(true);

      const received = nextEvent(a2.socket, "audio:signal");
      a1.socket.emit("audio:signal", { to: a2.id, link: "L1", description: { type: "offer", sdp: sdp("sendrecv") } });
      expect(await received).toMatchObject({ from: a1.id, link: "L1", description: { type: "offer" } });

      // Across groups: refused to the sender, and b1 never hears of it — the next signal b1 gets is its own group's.
      const refusal = nextEvent(a1.socket, "audio:error");
      const firstAtB1 = nextEvent(b1.socket, "audio:signal");
      a1.socket.emit("audio:signal", { to: b1.id, link: "L1", description: { type: "offer", sdp: sdp("sendrecv") } });
      expect(await refusal).toMatchObject({ code: "signal-refused", to: b1.id });
      b2.socket.emit("audio:signal", { to: b1.id, link: "L9", candidate: { candidate: "candidate:1 1 udp 1 127.0.0.1 9 typ host", sdpMid: "0", sdpMLineIndex: 0 } });
      expect(await firstAtB1).toMatchObject({ from: b2.id, link: "L9" });

      // A malformed signal is refused too.
      const malformed = nextEvent(a1.socket, "audio:error");
      a1.socket.emit("audio:signal", { to: a2.id } as never);
      expect(await malformed).toMatchObject({ code: "bad-request" });
    } finally {
      w.close();
    }
  });

  it("refuses a listener's attempt to send audio, and video from anyone", async () => {
    const w = await roleplayWorkshop(server, facilitatorCookie, ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay"]);
    try {
      const observer = w.inGroup("g1", "observer")[0]!;
      const staff = w.inGroup("g1", "staff")[0]!;
      await join(observer.socket, "g1");
      await join(staff.socket, "g1");

      const refused = nextEvent(observer.socket, "audio:error");
      observer.socket.emit("audio:signal", { to: staff.id, link: "O1", description: { type: "answer", sdp: sdp("sendrecv") } });
      expect(await refused).toMatchObject({ code: "send-refused", to: staff.id });

      const passed = nextEvent(staff.socket, "audio:signal");
      observer.socket.emit("audio:signal", { to: staff.id, link: "O1", description: { type: "answer", sdp: sdp("recvonly") } });
      expect(await passed).toMatchObject({ from: observer.id, description: { type: "answer" } });

      const video = nextEvent(staff.socket, "audio:error");
      staff.socket.emit("audio:signal", { to: observer.id, link: "S1", description: { type: "offer", sdp: sdp("sendrecv", "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=sendrecv") } });
      expect(await video).toMatchObject({ code: "video-refused" });
    } finally {
      w.close();
    }
  });

  it("lets the facilitator listen in visibly, talk, and leave", async () => {
    const w = await roleplayWorkshop(server, facilitatorCookie, ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay"]);
    try {
      const staff = w.inGroup("g1", "staff")[0]!;
      await join(staff.socket, "g1");
      const presence = nextEvent(w.facilitator, "audio:presence", (p) => (p.groups.g1?.length ?? 0) === 2);
      const seen = nextEvent(staff.socket, "audio:peers", (u) => u.peers.some((p) => p.role === "facilitator"));
      const listening = await join(w.facilitator, "g1");
      expect(listening).toMatchObject({ ok: true, self: { role: "facilitator", sends: false, displayName: "Facilitator" } });
      expect((await seen).peers.find((p) => p.role === "facilitator")).toMatchObject({ sends: false });
      expect((await presence).groups.g1!.map((p) => p.role).sort()).toEqual(["facilitator", "staff"]);

      // Listening: may receive an offer and answer receive-only, but not offer to send.
      const toStaff = nextEvent(staff.socket, "audio:signal");
      w.facilitator.emit("audio:signal", { to: staff.id, link: "F1", description: { type: "answer", sdp: sdp("recvonly") } });
      expect(await toStaff).toMatchObject({ description: { type: "answer" } });
      const refused = nextEvent(w.facilitator, "audio:error");
      w.facilitator.emit("audio:signal", { to: staff.id, link: "F1", description: { type: "offer", sdp: sdp("sendrecv") } });
      expect(await refused).toMatchObject({ code: "send-refused" });

      const talking = nextEvent(staff.socket, "audio:peers", (u) => u.peers.some((p) => p.role === "facilitator" && p.sends));
      expect(await w.facilitator.timeout(5_000).emitWithAck("audio:talk", { talking: true })).toEqual({ ok: true });
      await talking;
      // A participant cannot switch to "talking" this way.
      expect(await staff.socket.timeout(5_000).emitWithAck("audio:talk", { talking: true })).toMatchObject({ ok: false, error: { code: "forbidden" } });

      const left = nextEvent(staff.socket, "audio:peers", (u) => !u.peers.some((p) => p.role === "facilitator"));
      w.facilitator.emit("audio:leave");
      await left;
    } finally {
      w.close();
    }
  });

  it("follows the workshop: a role change promotes a listener, the end of the phase closes the room for that group only", async () => {
    const w = await roleplayWorkshop(server, facilitatorCookie, ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay"]);
    try {
      const g1 = w.inGroup("g1");
      const g2 = w.inGroup("g2");
      for (const p of g1) await join(p.socket, "g1");
      for (const p of g2) await join(p.socket, "g2");
      const observer = w.inGroup("g1", "observer")[0]!;

      const promoted = nextEvent(observer.socket, "audio:peers", (u) => u.peers.find((p) => p.id === observer.id)?.sends === true);
      await w.run({ type: "setRole", groupId: "g1", participantId: observer.id, role: "staff" });
      expect((await promoted).peers.find((p) => p.id === observer.id)).toMatchObject({ role: "staff", sends: true });

      const closed = g1.map((p) => nextEvent(p.socket, "audio:closed"));
      const g2Closures: unknown[] = [];
      g2[0]!.socket.on("audio:closed", (info) => g2Closures.push(info));
      await w.run({ type: "advanceGroups", groupIds: ["g1"] });
      for (const info of await Promise.all(closed)) {
        expect(info.room).toBe(`${w.workshopId}:g1`);
        expect(info.reason).toMatch(/Reset/);
      }
      // Group 2 carries on: its signals still pass, and it was never told to close (that would have come before the ack).
      const stillRelayed = nextEvent(g2[0]!.socket, "audio:signal");
      g2[1]!.socket.emit("audio:signal", { to: g2[0]!.id, link: "G2", candidate: { candidate: "candidate:1 1 udp 1 127.0.0.1 9 typ host" } });
      expect(await stillRelayed).toMatchObject({ from: g2[1]!.id });
      expect(g2Closures).toEqual([]);

      // Nothing more passes in group 1.
      const refusal = nextEvent(g1[0]!.socket, "audio:error");
      g1[0]!.socket.emit("audio:signal", { to: g1[1]!.id, link: "late", candidate: { candidate: "candidate:1 1 udp 1 127.0.0.1 9 typ host" } });
      expect(await refusal).toMatchObject({ code: "not-in-room" });
      expect(await join(g1[0]!.socket, "g1")).toMatchObject({ ok: false, error: { code: "not-audio-phase" } });
    } finally {
      w.close();
    }
  });

  it("refuses a ninth person in a mesh room, pointing to LiveKit", async () => {
    const w = await roleplayWorkshop(server, facilitatorCookie, ["A1", "A2", "A3", "A4", "A5", "A6"], { ...AUDIO_PLAN, groupSize: 6 }, ["L1", "L2", "L3"]);
    try {
      const members = w.inGroup("g1");
      expect(members).toHaveLength(9);
      for (const p of members.slice(0, 8)) expect((await join(p.socket, "g1")).ok).toBe(true);
      const ninth = await join(members[8]!.socket, "g1");
      expect(ninth).toMatchObject({ ok: false, error: { code: "room-full" } });
      expect(!ninth.ok && ninth.error.message).toMatch(/AUDIO_PROVIDER=livekit/);
      expect(await join(w.facilitator, "g1")).toMatchObject({ ok: false, error: { code: "room-full" } });

      // A second tab of someone already inside replaces their first one rather than counting twice.
      const replaced = nextEvent(members[0]!.socket, "audio:closed");
      const tab = await w.secondTab(members[0]!);
      expect((await join(tab, "g1")).ok).toBe(true);
      expect((await replaced).reason).toMatch(/another tab/);
      expect(await join(members[8]!.socket, "g1")).toMatchObject({ ok: false, error: { code: "room-full" } });

      // Once someone leaves, there is room again.
      const seven = nextEvent(members[1]!.socket, "audio:peers", (u) => u.peers.length === 7);
      tab.emit("audio:leave");
      await seven;
      expect((await join(members[8]!.socket, "g1")).ok).toBe(true);
    } finally {
      w.close();
    }
  });

  it("drops a person's seat when their connection closes", async () => {
    const w = await roleplayWorkshop(server, facilitatorCookie, ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay"]);
    try {
      const [patient, staff] = [w.inGroup("g1", "patient")[0]!, w.inGroup("g1", "staff")[0]!];
      await join(patient.socket, "g1");
      await join(staff.socket, "g1");
      const gone = nextEvent(patient.socket, "audio:peers", (u) => u.peers.length === 1);
      staff.socket.close();
      expect(ids((await gone).peers)).toEqual([patient.id]);
    } finally {
      w.close();
    }
  });
});
