import { describe, expect, it } from "vitest";
import { buildParticipantSummary } from "./participant-summary";
import { finishedWorkshop, LIBRARY, noteRow, ROUND_ONE, score, tick } from "./test-support";

/** Someone else's turn (p3 as staff in a round 2), scored and noted: none of it may reach p1's summary. */
const OTHERS = [
  score({ round: 2, rateeParticipantId: "p3", raterParticipantId: "p1", criterionId: "empathy", score: 1 }),
  score({ round: 2, rateeParticipantId: "p3", raterParticipantId: "p4", criterionId: "empathy", score: 2 }),
  score({ round: 2, rateeParticipantId: "p3", kind: "self", raterParticipantId: "p3", criterionId: "empathy", score: 4 }),
];
const NOTES = [
  noteRow({ noteId: "about-p1", text: "Named the lost afternoon", criterionId: "empathy" }),
  noteRow({ noteId: "swap-p1", kind: "swap", text: "Your visit is $40", insteadOf: "That's just your copay", authorId: "p4", authorName: "Person 4" }),
  noteRow({ noteId: "about-p3", round: 2, rateeParticipantId: "p3", authorId: "p4", authorName: "Person 4", text: "Rushed the ending" }),
  noteRow({ noteId: "by-p1", round: 2, rateeParticipantId: "p3", authorId: "p1", authorName: "Person 1", kind: "try", text: "Check understanding" }),
];

const summaryFor = (participantId: string) =>
  buildParticipantSummary({
    state: finishedWorkshop(),
    participantId,
    scores: [...ROUND_ONE, ...OTHERS],
    notes: NOTES,
    ticks: [tick({ criterionId: "empathy", behaviourId: "reflects" }), tick({ criterionId: "empathy", behaviourId: "reflects", raterParticipantId: "p4" }), tick({ round: 2, rateeParticipantId: "p3", criterionId: "plain", behaviourId: "teach-back" })],
    library: LIBRARY,
    facilitatorName: "Dana",
  });

describe("a participant's own summary", () => {
  it("holds their turn as staff: observers' levels without names, their own view, the agreed score, the behaviours seen", () => {
    const s = summaryFor("p1");
    expect(s.me).toEqual({ displayName: "Person 1" });
    expect(s.roles).toEqual([{ round: 1, role: "staff" }]);
    expect(s.turns).toHaveLength(1);
    expect(s.turns[0]).toMatchObject({ round: 1, groupName: "Group 1", observerCount: 3, scenario: { difficulty: { score: 6 } }, patient: { feltHeard: "partly", whatLanded: "Hearing the amount first" } });
    expect(s.turns[0]!.criteria.map((c) => [c.title, c.observerScores, c.self, c.agreed, c.behaviours])).toEqual([
      ["Empathy", [1, 2, 3], 4, 2, [{ text: "Reflects back", ticks: 2 }]],
      ["Plain language", [3, 3], 4, null, []],
    ]);
  });

  it("has the notes about them and the ones they wrote, and nothing about anyone else's turn", () => {
    const s = summaryFor("p1");
    expect(s.notesAboutMe.map((n) => [n.text, n.authorName])).toEqual([
      ["Named the lost afternoon", "Person 3"],
      ["Your visit is $40", "Person 4"],
    ]);
    expect(s.notesIWrote).toEqual([expect.objectContaining({ text: "Check understanding", authorName: null, round: 2 })]);
    const json = JSON.stringify(s);
    expect(json).not.toContain("Rushed the ending");
    for (const other of ["p2", "p3", "p4", "p5"]) expect(json).not.toContain(`"${other}"`);
    // p3's scores (p1 gave one of them) are not p1's to see here.
    expect(s.turns.flatMap((t) => t.criteria.map((c) => c.observerScores))).not.toContainEqual([1, 2]);
  });

  it("keeps what someone said as the patient among what they wrote", () => {
    const s = summaryFor("p2");
    expect(s.roles).toEqual([{ round: 1, role: "patient" }]);
    expect(s.turns).toEqual([]);
    expect(s.asPatient).toEqual([{ round: 1, feltHeard: "partly", whatLanded: "Hearing the amount first" }]);
    expect(s.notesAboutMe).toEqual([]);
  });
});
