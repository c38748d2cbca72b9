import { describe, expect, it } from "vitest";
import { participant, WorkshopHarness } from "../workshop/test-support";
import {
  audioRoomName,
  audioSeatFor,
  isAudioPhase,
  mayRelay,
  MESH_MAX_PEOPLE,
  meshRoomFull,
  parseAudioRoomName,
  speaksIn,
  type AudioCandidate,
} from "./audio-rules";

const member = (participantId: string): AudioCandidate => ({ kind: "participant", participantId });
const facilitator = (talking = false): AudioCandidate => ({ kind: "facilitator", facilitatorId: "fac-1", talking });

/** Six people in two groups of three, both in the role-play. */
function inRoleplay() {
  const h = WorkshopHarness.withParticipants(6);
  h.must({ type: "formGroups" });
  h.must({ type: "startRound" });
  h.must({ type: "startRoleplay" });
  const observer = (groupId: string) => h.group(groupId).memberIds.find((id) => h.group(groupId).roles[id] === "observer")!;
  return { h, observer };
}

describe("audio phases and speakers", () => {
  it("opens audio in the role-play and the room debrief only", () => {
    expect(["waiting", "briefing", "roleplay", "reset", "debrief", "done"].filter((p) => isAudioPhase(p as never))).toEqual(["roleplay", "debrief"]);
  });

  it("lets performers speak in the role-play, everyone in the debrief, and the facilitator only when coaching", () => {
    expect(speaksIn("roleplay", "patient")).toBe(true);
    expect(speaksIn("roleplay", "staff")).toBe(true);
    expect(speaksIn("roleplay", "observer")).toBe(false);
    expect(speaksIn("debrief", "observer")).toBe(true);
    expect(speaksIn("roleplay", "facilitator")).toBe(false);
    expect(speaksIn("roleplay", "facilitator", true)).toBe(true);
    expect(speaksIn("reset", "patient")).toBe(false);
    expect(speaksIn("briefing", "facilitator", true)).toBe(false);
  });

  it("names rooms {workshopId}:{groupId} and reads them back", () => {
    expect(audioRoomName("w-1", "g2")).toBe("w-1:g2");
    expect(parseAudioRoomName("0b7d-uuid:g2")).toEqual({ workshopId: "0b7d-uuid", groupId: "g2" });
    expect(parseAudioRoomName("nogroup")).toBeNull();
    expect(parseAudioRoomName("w-1:")).toBeNull();
  });
});

describe("audioSeatFor", () => {
  it("seats a performer as a sender and an observer as a listener in their own group's room", () => {
    const { h, observer } = inRoleplay();
    const staff = h.holder("staff", "g1");
    const seat = audioSeatFor(h.s, member(staff), "g1");
    expect(seat).toEqual({
      ok: true,
      seat: expect.objectContaining({ room: "w1:g1", groupId: "g1", round: 1, phase: "roleplay", identity: staff, role: "staff", sends: true }),
    });
    expect(audioSeatFor(h.s, member(observer("g1")), "g1")).toMatchObject({ ok: true, seat: { role: "observer", sends: false } });
  });

  it("refuses someone from another group, naming why", () => {
    const { h } = inRoleplay();
    const outsider = h.holder("patient", "g2");
    expect(audioSeatFor(h.s, member(outsider), "g1")).toMatchObject({ ok: false, error: { code: "not-in-group" } });
  });

  it("refuses outside the audio phases with the group's phase in words", () => {
    const h = WorkshopHarness.withParticipants(6);
    h.must({ type: "formGroups" });
    h.must({ type: "startRound" });
    const result = audioSeatFor(h.s, member(h.holder("staff", "g1")), "g1");
    expect(result).toMatchObject({ ok: false, error: { code: "not-audio-phase" } });
    expect(!result.ok && result.error.message).toContain("Briefing");
  });

  it("closes the room when the role-play ends and reopens it, for everyone, in the debrief", () => {
    const { h, observer } = inRoleplay();
    h.must({ type: "advanceGroups", groupIds: ["g1"] });
    expect(audioSeatFor(h.s, member(h.holder("staff", "g1")), "g1").ok).toBe(false);
    expect(audioSeatFor(h.s, member(h.holder("staff", "g2")), "g2").ok).toBe(true);
    h.must({ type: "advanceGroups", groupIds: ["g1"] });
    expect(audioSeatFor(h.s, member(observer("g1")), "g1")).toMatchObject({ ok: true, seat: { phase: "debrief", sends: true } });
  });

  it("follows a role change mid-phase", () => {
    const { h, observer } = inRoleplay();
    const promoted = observer("g1");
    h.must({ type: "setRole", groupId: "g1", participantId: promoted, role: "staff" });
    expect(audioSeatFor(h.s, member(promoted), "g1")).toMatchObject({ ok: true, seat: { role: "staff", sends: true } });
  });

  it("refuses people who left and everyone once the workshop ends", () => {
    const { h } = inRoleplay();
    const staff = h.holder("staff", "g1");
    h.must({ type: "leaveWorkshop" }, participant(staff));
    expect(audioSeatFor(h.s, member(staff), "g1")).toMatchObject({ ok: false, error: { code: "forbidden" } });
    h.must({ type: "endWorkshop" });
    expect(audioSeatFor(h.s, facilitator(), "g2")).toMatchObject({ ok: false, error: { code: "ended" } });
  });

  it("lets only this workshop's facilitator listen in, sending only when talking", () => {
    const { h } = inRoleplay();
    expect(audioSeatFor(h.s, facilitator(), "g2")).toMatchObject({ ok: true, seat: { identity: "facilitator:fac-1", role: "facilitator", sends: false } });
    expect(audioSeatFor(h.s, facilitator(true), "g2")).toMatchObject({ ok: true, seat: { sends: true } });
    expect(audioSeatFor(h.s, { kind: "facilitator", facilitatorId: "fac-2", talking: false }, "g2")).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(audioSeatFor(h.s, facilitator(), "g9")).toMatchObject({ ok: false, error: { code: "not-found" } });
  });
});

describe("mayRelay", () => {
  it("passes signals within a room, to and from a listening facilitator", () => {
    const { h, observer } = inRoleplay();
    const [patient, staff] = [h.holder("patient", "g1"), h.holder("staff", "g1")];
    expect(mayRelay(h.s, member(patient), member(staff), "w1:g1")).toBe(true);
    expect(mayRelay(h.s, member(observer("g1")), member(patient), "w1:g1")).toBe(true);
    expect(mayRelay(h.s, facilitator(), member(staff), "w1:g1")).toBe(true);
  });

  it("refuses across groups, to oneself, in another workshop's room, and after the phase ends", () => {
    const { h } = inRoleplay();
    const a = h.holder("patient", "g1");
    const b = h.holder("patient", "g2");
    expect(mayRelay(h.s, member(a), member(b), "w1:g1")).toBe(false);
    expect(mayRelay(h.s, member(a), member(b), "w1:g2")).toBe(false);
    expect(mayRelay(h.s, member(a), member(a), "w1:g1")).toBe(false);
    expect(mayRelay(h.s, member(a), member(h.holder("staff", "g1")), "other:g1")).toBe(false);
    h.must({ type: "advanceGroups", groupIds: ["g1"] });
    expect(mayRelay(h.s, member(a), member(h.holder("staff", "g1")), "w1:g1")).toBe(false);
  });
});

describe("meshRoomFull", () => {
  it(`admits up to ${MESH_MAX_PEOPLE} people and then suggests LiveKit`, () => {
    expect(meshRoomFull(MESH_MAX_PEOPLE - 1)).toBeNull();
    const refusal = meshRoomFull(MESH_MAX_PEOPLE);
    expect(refusal?.code).toBe("room-full");
    expect(refusal?.message).toMatch(/8 people/);
    expect(refusal?.message).toMatch(/AUDIO_PROVIDER=livekit/);
  });
});
