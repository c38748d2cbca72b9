import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHAT_BURST } from "../../server/audio/room-chat-service";
import { roleplayWorkshop } from "../support/audio-workshop";
import { nextEvent, signUpFirstFacilitator, startTestServer, type ClientSocket, type TestServer } from "../support/test-server";

/** The room chat over real socket.io: who sees what, and what is refused. */

let server: TestServer;
let facilitatorCookie: string;

beforeAll(async () => {
  server = await startTestServer();
  facilitatorCookie = await signUpFirstFacilitator(server.url);
});
afterAll(() => server?.close());

const send = (socket: ClientSocket, groupId: string, text: string) => socket.timeout(5_000).emitWithAck("chat:send", { groupId, text });
const open = (socket: ClientSocket, groupId: string) => socket.timeout(5_000).emitWithAck("chat:open", { groupId });

describe("room chat", () => {
  it("reaches the group and the facilitator, as plain text, and no other group", async () => {
    const w = await roleplayWorkshop(server, facilitatorCookie, ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay"]);
    try {
      const g1 = w.inGroup("g1");
      const g2 = w.inGroup("g2");
      const observer = w.inGroup("g1", "observer")[0]!;
      const text = "<b>My mic</b> is not working — I'll type here";
      const arrivals = [...g1.filter((p) => p !== observer).map((p) => p.socket), w.facilitator].map((s) => nextEvent(s, "chat:message"));
      const firstAtG2 = nextEvent(g2[0]!.socket, "chat:message");

      const sent = await send(observer.socket, "g1", `  ${text}\u202e  `);
      expect(sent).toMatchObject({ ok: true, message: { groupId: "g1", round: 1, text, from: { id: observer.id, displayName: observer.name, role: "observer" } } });
      for (const message of await Promise.all(arrivals)) expect(message).toMatchObject({ text, from: { id: observer.id } });

      // Group 2's first chat message is its own, not group 1's.
      await send(g2[1]!.socket, "g2", "hello from group 2");
      expect(await firstAtG2).toMatchObject({ groupId: "g2", text: "hello from group 2" });

      expect(await open(g1[0]!.socket, "g1")).toMatchObject({ ok: true, messages: [{ text }] });
      expect(await open(w.facilitator, "g1")).toMatchObject({ ok: true, messages: [{ text }] });
      expect(await open(g2[0]!.socket, "g1")).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(await send(g2[0]!.socket, "g1", "sneaking in")).toMatchObject({ ok: false, error: { code: "forbidden" } });
    } finally {
      w.close();
    }
  });

  it("refuses empty, over-long and malformed messages with a reason", async () => {
    const w = await roleplayWorkshop(server, facilitatorCookie, ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay"]);
    try {
      const someone = w.inGroup("g1")[0]!;
      expect(await send(someone.socket, "g1", "   ")).toMatchObject({ ok: false, error: { code: "invalid", message: "Write a message first." } });
      expect(await send(someone.socket, "g1", "x".repeat(501))).toMatchObject({ ok: false, error: { message: "Keep chat messages to 500 characters." } });
      expect(await someone.socket.timeout(5_000).emitWithAck("chat:send", { groupId: "g1", text: 42 } as never)).toMatchObject({ ok: false, error: { code: "bad-request" } });
    } finally {
      w.close();
    }
  });

  it("slows down one person sending too fast, with a reason, while the others can still write", async () => {
    const w = await roleplayWorkshop(server, facilitatorCookie, ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay"]);
    try {
      const [fast, other] = w.inGroup("g1") as [(typeof w.people)[number], (typeof w.people)[number]];
      for (let i = 1; i <= CHAT_BURST; i++) expect(await send(fast.socket, "g1", `message ${i}`), `message ${i}`).toMatchObject({ ok: true });
      const refused = await send(fast.socket, "g1", "one too many");
      expect(refused).toMatchObject({ ok: false, error: { code: "too-fast" } });
      expect(!refused.ok && refused.error.message).toMatch(/Wait a few seconds/);
      expect(await send(other.socket, "g1", "I can still write")).toMatchObject({ ok: true });
      // The refused message reached nobody: the room's history holds the rest.
      const history = await open(other.socket, "g1");
      expect(history.ok && history.messages.map((m: { text: string }) => m.text)).toEqual([...Array.from({ length: CHAT_BURST }, (_, i) => `message ${i + 1}`), "I can still write"]);
    } finally {
      w.close();
    }
  });

  it("lets the facilitator write to a room, and closes writing when the room closes", async () => {
    const w = await roleplayWorkshop(server, facilitatorCookie, ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay"]);
    try {
      const member = w.inGroup("g2")[0]!;
      const arrived = nextEvent(member.socket, "chat:message");
      expect(await send(w.facilitator, "g2", "Take a breath, then try again from the top.")).toMatchObject({ ok: true });
      expect(await arrived).toMatchObject({ from: { role: "facilitator", displayName: "Facilitator" } });

      await w.run({ type: "advanceGroups", groupIds: ["g2"] });
      const refused = await send(member.socket, "g2", "still there?");
      expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(!refused.ok && refused.error.message).toMatch(/Reset/);
      expect(await open(member.socket, "g2")).toMatchObject({ ok: true, messages: [{ from: { role: "facilitator" } }] });
    } finally {
      w.close();
    }
  });
});
