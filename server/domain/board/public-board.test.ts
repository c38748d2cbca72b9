import { describe, expect, it } from "vitest";
import { wentWellOnHardCase } from "./hard-cases";
import { publicBoard } from "./public-board";
import { as, BoardHarness } from "./test-support";

describe("the published board", () => {
  it("never carries who added a card or who voted, and names authors only while names are shown", () => {
    const b = new BoardHarness();
    b.must({ type: "setBoardStep", step: "cards" });
    b.must({ type: "promoteNote", noteId: "n1" }, as("p3"));
    b.must({ type: "addCard", kind: "worked", text: "Calm pace" }, as("p1"));
    b.must({ type: "setBoardStep", step: "vote" });
    b.must({ type: "vote", cardId: b.board.cards[0]!.id }, as("p2"));

    const hidden = JSON.stringify(publicBoard(b.board));
    for (const secret of ["p1", "p2", "p3", "Person 1", "Person 3", "n1"]) expect(hidden).not.toContain(`"${secret}"`);
    expect(publicBoard(b.board).cards.map((c) => [c.source, c.from, c.author, c.votes])).toEqual([
      ["note", { groupId: "g1", round: 1 }, null, 1],
      ["participant", null, null, 0],
    ]);

    b.must({ type: "setShowNames", show: true });
    expect(publicBoard(b.board).cards.map((c) => c.author)).toEqual(["Person 3", "Person 1"]);
  });
});

describe("hard cases that went well", () => {
  it("are hard or very hard at the start and reached three quarters of the scale", () => {
    expect(wentWellOnHardCase({ difficulty: 7, overall: 0.75 })).toBe(true);
    expect(wentWellOnHardCase({ difficulty: 9, overall: 0.9 })).toBe(true);
    expect(wentWellOnHardCase({ difficulty: 7, overall: 0.74 })).toBe(false);
    expect(wentWellOnHardCase({ difficulty: 3, overall: 1 })).toBe(false);
    expect(wentWellOnHardCase({ difficulty: null, overall: 1 })).toBe(false);
    expect(wentWellOnHardCase({ difficulty: 8, overall: null })).toBe(false);
  });
});
