import { describe, expect, it } from "vitest";
import { participant, WorkshopHarness } from "../workshop/test-support";
import { liveKitRoomActions, openRoomsOf, roomActionsBetween } from "./room-actions";

function twoGroupsBriefing() {
  const h = WorkshopHarness.withParticipants(6);
  h.must({ type: "formGroups" });
  h.must({ type: "startRound" });
  return h;
}

describe("liveKitRoomActions", () => {
  it("opens a room for each group whose role-play starts", () => {
    const h = twoGroupsBriefing();
    const before = h.s;
    h.must({ type: "startRoleplay", groupIds: ["g2"] });
    expect(liveKitRoomActions(before, h.s)).toEqual([{ type: "open", room: "w1:g2", groupId: "g2" }]);
  });

  it("closes the room at the reset and opens it again for the debrief", () => {
    const h = twoGroupsBriefing();
    h.must({ type: "startRoleplay" });
    let before = h.s;
    h.must({ type: "advanceGroups", groupIds: ["g1"] });
    expect(liveKitRoomActions(before, h.s)).toEqual([{ type: "close", room: "w1:g1", groupId: "g1" }]);
    before = h.s;
    h.must({ type: "advanceGroups", groupIds: ["g1"] });
    expect(liveKitRoomActions(before, h.s)).toEqual([{ type: "open", room: "w1:g1", groupId: "g1" }]);
  });

  it("changes publish rights when a role changes mid-phase", () => {
    const h = twoGroupsBriefing();
    h.must({ type: "startRoleplay" });
    const observer = h.group("g1").memberIds.find((id) => h.group("g1").roles[id] === "observer")!;
    const staff = h.holder("staff", "g1");
    const before = h.s;
    h.must({ type: "setRole", groupId: "g1", participantId: observer, role: "staff" });
    expect(liveKitRoomActions(before, h.s)).toEqual(
      expect.arrayContaining([
        { type: "permission", room: "w1:g1", identity: observer, sends: true },
        { type: "permission", room: "w1:g1", identity: staff, sends: false },
      ]),
    );
  });

  it("removes someone who leaves or is removed, and closes everything when the workshop ends", () => {
    const h = twoGroupsBriefing();
    h.must({ type: "startRoleplay" });
    const patient = h.holder("patient", "g2");
    let before = h.s;
    h.must({ type: "leaveWorkshop" }, participant(patient));
    expect(liveKitRoomActions(before, h.s)).toContainEqual({ type: "remove", room: "w1:g2", identity: patient });
    before = h.s;
    h.must({ type: "endWorkshop" });
    expect(liveKitRoomActions(before, h.s)).toEqual([
      { type: "close", room: "w1:g1", groupId: "g1" },
      { type: "close", room: "w1:g2", groupId: "g2" },
    ]);
  });

  it("removes a member placed elsewhere from the old room while it is open", () => {
    const h = twoGroupsBriefing();
    h.must({ type: "startRoleplay" });
    const mover = h.group("g1").memberIds[0]!;
    // A move is only allowed between rounds; fake the lineup change the way evolve would apply it mid-phase.
    const before = h.s;
    const after = {
      ...before,
      groups: before.groups.map((g) =>
        g.id === "g1"
          ? { ...g, memberIds: g.memberIds.filter((id) => id !== mover) }
          : { ...g, memberIds: [...g.memberIds, mover], roles: { ...g.roles, [mover]: "observer" as const } },
      ),
    };
    expect(liveKitRoomActions(before, after)).toEqual([{ type: "remove", room: "w1:g1", identity: mover }]);
  });

  it("does nothing when nothing about the rooms changed", () => {
    const h = twoGroupsBriefing();
    h.must({ type: "startRoleplay" });
    const before = h.s;
    h.must({ type: "extendGroup", groupId: "g1", seconds: 60 });
    expect(liveKitRoomActions(before, h.s)).toEqual([]);
  });

  it("opens the rooms already in an audio phase when it first sees a workshop", () => {
    const h = twoGroupsBriefing();
    h.must({ type: "startRoleplay", groupIds: ["g1"] });
    expect(liveKitRoomActions(null, h.s)).toEqual([{ type: "open", room: "w1:g1", groupId: "g1" }]);
  });

  it("diffs as well from the open rooms kept from the last state as from that state itself", () => {
    const h = twoGroupsBriefing();
    h.must({ type: "startRoleplay" });
    const kept = openRoomsOf(h.s);
    expect([...kept.keys()]).toEqual(["w1:g1", "w1:g2"]);
    expect(openRoomsOf(null).size).toBe(0);
    const before = h.s;
    h.must({ type: "advanceGroups", groupIds: ["g2"] });
    expect(roomActionsBetween(kept, openRoomsOf(h.s))).toEqual(liveKitRoomActions(before, h.s));
    expect(roomActionsBetween(kept, openRoomsOf(h.s))).toEqual([{ type: "close", room: "w1:g2", groupId: "g2" }]);
  });
});
