import { describe, expect, it } from "vitest";
import { fold } from "./evolve";
import type { WorkshopEvent, WorkshopState } from "./types";
import { PARTICIPANT_ROSTER_LIMIT, toFacilitatorView, toParticipantView, type ViewContent } from "./views";

const events: WorkshopEvent[] = [
  {
    type: "workshopCreated",
    at: 1,
    workshopId: "w-1",
    code: "ABC234",
    title: "Front desk",
    teamLabel: "Outpatients",
    askTeamAndShift: true,
    facilitatorId: "fac-1",
  },
  { type: "participantJoined", at: 2, participantId: "p-ana", displayName: "Ana", team: "Registration-Team-Alpha", shift: "Night-Shift-Zeta" },
  { type: "participantJoined", at: 3, participantId: "p-ben", displayName: "Ben", team: "Billing-Team-Beta", shift: "Early-Shift-Eta" },
  { type: "participantJoined", at: 4, participantId: "p-cleo", displayName: "Cleo-Who-Left", team: "Team-Left", shift: "Shift-Left" },
  { type: "participantJoined", at: 5, participantId: "p-dev", displayName: "Dev-Who-Was-Removed", team: null, shift: null },
  { type: "participantLeft", at: 6, participantId: "p-cleo" },
  { type: "participantRemoved", at: 7, participantId: "p-dev", reason: "Secret-removal-reason" },
];
const state = fold(events) as WorkshopState;
const connected = (id: string) => id === "p-ana";
const noContent: ViewContent = { scenario: () => undefined, rubric: () => undefined };
const NOW = 10_000;
const inLobby = { groupId: null, role: null };

describe("toParticipantView", () => {
  const view = toParticipantView(state, 7, connected, noContent, NOW, inLobby);

  it("lists the people in the lobby, in join order, with presence", () => {
    expect(view).toMatchObject({
      kind: "participant",
      workshopId: "w-1",
      version: 7,
      title: "Front desk",
      status: "open",
    });
    expect(view.roster).toEqual([
      { id: "p-ana", displayName: "Ana", connected: true },
      { id: "p-ben", displayName: "Ben", connected: false },
    ]);
  });

  it("counts everyone but names at most the first PARTICIPANT_ROSTER_LIMIT, so the view does not grow with the workshop", () => {
    expect(view.rosterCount).toBe(2);
    const crowd: WorkshopEvent[] = Array.from({ length: PARTICIPANT_ROSTER_LIMIT + 30 }, (_, i) => ({
      type: "participantJoined",
      at: 100 + i,
      participantId: `p-${i}`,
      displayName: `Person ${i}`,
      team: null,
      shift: null,
    }));
    const big = toParticipantView(fold([...events, ...crowd]) as WorkshopState, 8, connected, noContent, NOW, inLobby);
    expect(big.rosterCount).toBe(PARTICIPANT_ROSTER_LIMIT + 32);
    expect(big.roster).toHaveLength(PARTICIPANT_ROSTER_LIMIT);
    expect(big.roster.slice(0, 2).map((p) => p.displayName)).toEqual(["Ana", "Ben"]);
  });

  it("never contains anyone's team or shift, anywhere in the payload", () => {
    const json = JSON.stringify(view);
    for (const secret of ["Registration-Team-Alpha", "Night-Shift-Zeta", "Billing-Team-Beta", "Early-Shift-Eta", "Team-Left", "Shift-Left"]) {
      expect(json).not.toContain(secret);
    }
    expect(json).not.toMatch(/"team"|"shift"/);
  });

  it("never contains people who left or were removed, nor the removal reason", () => {
    const json = JSON.stringify(view);
    expect(json).not.toContain("Cleo-Who-Left");
    expect(json).not.toContain("Dev-Who-Was-Removed");
    expect(json).not.toContain("p-dev");
    expect(json).not.toContain("Secret-removal-reason");
  });

  it("does not carry the room code or the facilitator id", () => {
    const json = JSON.stringify(view);
    expect(json).not.toContain("ABC234");
    expect(json).not.toContain("fac-1");
  });
});

describe("toFacilitatorView", () => {
  const view = toFacilitatorView(state, 7, connected, noContent, NOW);

  it("gives the facilitator team, shift and join time of active people", () => {
    expect(view.roster).toEqual([
      { id: "p-ana", displayName: "Ana", connected: true, team: "Registration-Team-Alpha", shift: "Night-Shift-Zeta", joinedAt: 2 },
      { id: "p-ben", displayName: "Ben", connected: false, team: "Billing-Team-Beta", shift: "Early-Shift-Eta", joinedAt: 3 },
    ]);
  });

  it("keeps a record of who left and who was removed", () => {
    expect(view.departed).toEqual([
      { id: "p-cleo", displayName: "Cleo-Who-Left", kind: "left" },
      { id: "p-dev", displayName: "Dev-Who-Was-Removed", kind: "removed" },
    ]);
  });

  it("carries the code, version and status", () => {
    expect(view).toMatchObject({ kind: "facilitator", workshopId: "w-1", version: 7, code: "ABC234", status: "open", askTeamAndShift: true, teamLabel: "Outpatients" });
  });

  it("reflects an ended workshop", () => {
    const ended = fold([...events, { type: "workshopEnded", at: 8 }]) as WorkshopState;
    expect(toFacilitatorView(ended, 8, connected, noContent, NOW).status).toBe("ended");
    expect(toParticipantView(ended, 8, connected, noContent, NOW, inLobby).status).toBe("ended");
  });
});
