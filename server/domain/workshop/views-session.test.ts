import { describe, expect, it } from "vitest";
import type { Rubric, Scenario } from "../scenario-schema";
import { WorkshopHarness } from "./test-support";
import { toFacilitatorView, toParticipantView, viewerPlace, type ViewContent } from "./views";

const SECRET_MEANING = "She is afraid the scan will show the cancer is back";
const DESK_FACT = "The copay for a specialist visit is $75";

const scenario = (id: string): Scenario =>
  ({
    id,
    title: `Scenario ${id}`,
    setting: "front-desk",
    situation: "Everyone may read this.",
    durationMinutes: 6,
    rubric: "core-skills",
    tags: ["billing"],
    difficulty: { arrivalState: "anxious", departmentsInvolved: 1, contact: "first", stakes: ["money"], staffCanResolve: "yes" },
    briefs: {
      patient: { role: "Patient", persona: "p", says: "s", means: SECRET_MEANING, emotionalState: "e", escalatesWhen: ["x"], settlesWhen: ["y"], openingLines: ["a", "b"] },
      staff: { role: "Front desk", facts: [DESK_FACT], limits: ["l"], whoElseCanHelp: ["w"], goal: "g" },
      observers: { watchFor: ["watch"], turningPoints: ["turn"] },
    },
    curveballs: [{ id: "receipt-found", title: "Receipt", text: "She finds a receipt" }],
  }) as unknown as Scenario;

const content: ViewContent = {
  scenario,
  rubric: (id) => ({ id, title: "Core skills", description: "", source: "", criteria: [] }) as unknown as Rubric,
};

function viewFor(h: WorkshopHarness, participantId: string) {
  return toParticipantView(h.s, 1, () => true, content, h.now, viewerPlace(h.s, participantId));
}

describe("per-viewer views during a round", () => {
  const h = WorkshopHarness.withParticipants(8);
  h.must({ type: "formGroups" });
  h.must({ type: "startRound" });

  it("shows the patient only the patient brief", () => {
    const text = JSON.stringify(viewFor(h, h.holder("patient")));
    expect(text).toContain(SECRET_MEANING);
    expect(text).not.toContain(DESK_FACT);
    expect(viewFor(h, h.holder("patient")).rubric).toBeNull();
  });

  it("shows the staff member only the staff brief", () => {
    const text = JSON.stringify(viewFor(h, h.holder("staff")));
    expect(text).toContain(DESK_FACT);
    expect(text).not.toContain(SECRET_MEANING);
  });

  it("shows observers both briefs, their own and the rubric", () => {
    const observer = h.group().memberIds.find((id) => h.group().roles[id] === "observer")!;
    const view = viewFor(h, observer);
    expect(view.briefs.patient?.means).toBe(SECRET_MEANING);
    expect(view.briefs.staff?.facts).toContain(DESK_FACT);
    expect(view.briefs.observers?.watchFor).toEqual(["watch"]);
    expect(view.rubric?.id).toBe("core-skills");
  });

  it("shows someone only their own group", () => {
    const inG1 = h.group("g1").memberIds[0]!;
    const view = viewFor(h, inG1);
    expect(view.group?.id).toBe("g1");
    expect(view.group?.members.map((m) => m.id).sort()).toEqual([...h.group("g1").memberIds].sort());
  });

  it("gives people still in the lobby no brief at all", () => {
    h.must({ type: "joinWorkshop", participantId: "late", displayName: "Late", team: "Desk", shift: "Night" }, { kind: "participant", participantId: "late" });
    const view = viewFor(h, "late");
    expect(view.group).toBeNull();
    expect(view.briefs).toEqual({ patient: null, staff: null, observers: null });
    expect(JSON.stringify(view)).not.toContain("Night");
  });

  it("gives the facilitator every group with members, roles and warnings", () => {
    const view = toFacilitatorView(h.s, 1, (id) => id !== h.holder("staff", "g2"), content, h.now);
    expect(view.groups).toHaveLength(2);
    expect(view.groups[1]!.warnings.join(" ")).toContain("is not connected");
    expect(view.lobby.map((p) => p.id)).toContain("late");
  });
});
