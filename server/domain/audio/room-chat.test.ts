import { describe, expect, it } from "vitest";
import { WorkshopHarness } from "../workshop/test-support";
import { CHAT_MAX_LENGTH, chatRecipients, chatTextSchema, mayReadChat, mayWriteChat } from "./room-chat";

function roleplay() {
  const h = WorkshopHarness.withParticipants(6);
  h.must({ type: "formGroups" });
  h.must({ type: "startRound" });
  h.must({ type: "startRoleplay", groupIds: ["g1"] });
  return h;
}

describe("chatTextSchema", () => {
  it("keeps text as text: trims, drops control and bidi characters, keeps line breaks", () => {
    expect(chatTextSchema.parse("  <b>hi</b>\u202e there\n\n\n\nsecond line  ")).toBe("<b>hi</b> there\n\nsecond line");
  });

  it("refuses empty and over-long messages with a reason", () => {
    expect(chatTextSchema.safeParse(" \u200b ").error?.issues[0]?.message).toBe("Write a message first.");
    expect(chatTextSchema.safeParse("x".repeat(CHAT_MAX_LENGTH + 1)).error?.issues[0]?.message).toMatch(/500 characters/);
    expect(chatTextSchema.safeParse("x".repeat(CHAT_MAX_LENGTH)).success).toBe(true);
  });
});

describe("who reads and writes a room chat", () => {
  it("lets members write while the room is open, and the facilitator in any open room", () => {
    const h = roleplay();
    const observer = h.group("g1").memberIds.find((id) => h.group("g1").roles[id] === "observer")!;
    expect(mayWriteChat(h.s, { kind: "participant", participantId: observer }, "g1")).toEqual({ ok: true, round: 1 });
    expect(mayWriteChat(h.s, { kind: "facilitator", facilitatorId: "fac-1" }, "g1").ok).toBe(true);
    // g2 is still in its briefing.
    expect(mayWriteChat(h.s, { kind: "participant", participantId: h.holder("staff", "g2") }, "g2").ok).toBe(false);
  });

  it("keeps each group's chat to the group and the facilitator", () => {
    const h = roleplay();
    const outsider = h.holder("staff", "g2");
    expect(mayReadChat(h.s, { kind: "participant", participantId: outsider }, "g1").ok).toBe(false);
    expect(mayWriteChat(h.s, { kind: "participant", participantId: outsider }, "g1").ok).toBe(false);
    expect(mayReadChat(h.s, { kind: "facilitator", facilitatorId: "fac-2" }, "g1").ok).toBe(false);
    expect(chatRecipients(h.s, "g1").sort()).toEqual([...h.group("g1").memberIds].sort());
  });
});
