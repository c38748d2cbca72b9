import { describe, expect, it } from "vitest";
import { ScoringHarness } from "../scoring/test-support";
import { decideBoard } from "./decide-board";
import { myBoard, publicBoard } from "./public-board";
import { as, BoardHarness, FACILITATOR } from "./test-support";
import { emptyBoard } from "./types";

describe("who may change the board", () => {
  it("is closed until the plenary starts", () => {
    const h = ScoringHarness.inPhase("debrief", 5);
    const b = new BoardHarness(h.s);
    expect(b.refused({ type: "setBoardStep", step: "cards" })).toMatchObject({ code: "conflict", message: expect.stringContaining("plenary") });
  });

  it("is read-only once the workshop has ended", () => {
    const b = new BoardHarness();
    b.workshop = { ...b.workshop, status: "ended" };
    expect(b.refused({ type: "setBoardStep", step: "cards" }).message).toMatch(/ended/);
  });

  it("keeps steps, themes, spotlight, names and the vote count to the facilitator", () => {
    const b = new BoardHarness();
    for (const command of [
      { type: "setBoardStep", step: "vote" },
      { type: "setVotesPerPerson", votes: 5 },
      { type: "setShowNames", show: true },
      { type: "setSpotlight", spotlight: null },
      { type: "addTheme", title: "Money" },
    ] as const) {
      expect(b.refused(command, as("p3")).code).toBe("forbidden");
    }
    expect(b.board).toEqual(emptyBoard());
  });

  it("refuses another workshop's facilitator and someone who left", () => {
    const b = new BoardHarness();
    expect(b.refused({ type: "setBoardStep", step: "cards" }, { kind: "facilitator", facilitatorId: "someone-else" }).code).toBe("forbidden");
    b.workshop = { ...b.workshop, participants: { ...b.workshop.participants, p3: { ...b.workshop.participants.p3!, departure: { kind: "left", at: 1, reason: null } } } };
    expect(b.refused({ type: "addCard", kind: "worked", text: "x" }, as("p3")).code).toBe("forbidden");
  });
});

describe("cards", () => {
  it("lets an observer promote only their own note, once, with its kind and room", () => {
    const b = new BoardHarness();
    b.must({ type: "setBoardStep", step: "cards" });
    expect(b.refused({ type: "promoteNote", noteId: "n1" }, as("p4")).code).toBe("forbidden");
    b.must({ type: "promoteNote", noteId: "n1" }, as("p3"));
    expect(b.lastCard).toMatchObject({ kind: "worked", text: "Named the amount before anything else", origin: { type: "note", noteId: "n1", groupId: "g1", round: 1 }, addedBy: "p3", authorName: "Person 3" });
    expect(b.refused({ type: "promoteNote", noteId: "n1" }).code).toBe("conflict");
    expect(b.refused({ type: "promoteNote", noteId: "nope" }).code).toBe("not-found");
  });

  it("lets the facilitator promote anyone's note, keeping a phrase swap's line to replace", () => {
    const b = new BoardHarness();
    b.must({ type: "promoteNote", noteId: "n2" });
    expect(b.lastCard).toMatchObject({ kind: "swap", insteadOf: "That's just your copay", addedBy: null, authorName: "Person 4" });
  });

  it("takes participants' own cards during the Cards and Group steps only", () => {
    const b = new BoardHarness();
    expect(b.refused({ type: "addCard", kind: "worked", text: "Calm voice" }, as("p1")).message).toMatch(/Cards and Group steps/);
    b.must({ type: "setBoardStep", step: "group" });
    b.must({ type: "addCard", kind: "try", text: "  Offer the payment plan sooner " }, as("p1"));
    expect(b.lastCard).toMatchObject({ kind: "try", text: "Offer the payment plan sooner", addedBy: "p1", authorName: "Person 1", insteadOf: null });
    b.must({ type: "setBoardStep", step: "vote" });
    expect(b.refused({ type: "addCard", kind: "worked", text: "late" }, as("p1")).code).toBe("conflict");
    b.must({ type: "addCard", kind: "worked", text: "The facilitator can still add one" });
    expect(b.lastCard.addedBy).toBeNull();
  });

  it("needs both lines for a phrase swap", () => {
    const b = new BoardHarness();
    expect(() => b.run({ type: "addCard", kind: "swap", text: "Here is what it covers", insteadOf: null })).toThrow(/line to replace/);
  });

  it("lets people take back only their own cards; the facilitator may remove any, and its votes go back", () => {
    const b = new BoardHarness();
    b.must({ type: "setBoardStep", step: "cards" });
    b.must({ type: "addCard", kind: "worked", text: "Eye contact" }, as("p1"));
    const card = b.lastCard.id;
    expect(b.refused({ type: "removeCard", cardId: card }, as("p2")).code).toBe("forbidden");
    b.must({ type: "setBoardStep", step: "vote" });
    b.must({ type: "vote", cardId: card }, as("p2"));
    b.must({ type: "setSpotlight", spotlight: { kind: "card", cardId: card } });
    const removed = b.must({ type: "removeCard", cardId: card });
    expect(removed.touched.sort()).toEqual(["p1", "p2"]);
    expect(b.board.cards).toEqual([]);
    expect(b.board.votes).toEqual({});
    expect(b.board.spotlight).toBeNull();
    expect(myBoard(b.board, "p2").votesLeft).toBe(3);
  });
});

describe("themes", () => {
  it("groups cards under themes; removing a theme keeps its cards", () => {
    const b = new BoardHarness();
    b.must({ type: "promoteNote", noteId: "n1" });
    const card = b.lastCard.id;
    b.must({ type: "addTheme", title: "Money talk" });
    expect(b.refused({ type: "addTheme", title: " money TALK " }).code).toBe("conflict");
    const theme = b.board.themes[0]!.id;
    b.must({ type: "setCardTheme", cardId: card, themeId: theme });
    b.must({ type: "renameTheme", themeId: theme, title: "Talking about money" });
    expect(b.board.themes).toEqual([{ id: theme, title: "Talking about money" }]);
    expect(b.board.cards[0]!.themeId).toBe(theme);
    expect(b.refused({ type: "setCardTheme", cardId: card, themeId: "missing" }).code).toBe("not-found");
    b.must({ type: "removeTheme", themeId: theme });
    expect(b.board.themes).toEqual([]);
    expect(b.board.cards[0]!.themeId).toBeNull();
  });
});

describe("votes", () => {
  function votingBoard() {
    const b = new BoardHarness();
    b.must({ type: "promoteNote", noteId: "n1" });
    b.must({ type: "promoteNote", noteId: "n2" });
    b.must({ type: "setVotesPerPerson", votes: 2 });
    return b;
  }

  it("opens at the Vote step and is for participants", () => {
    const b = votingBoard();
    const card = b.board.cards[0]!.id;
    expect(b.refused({ type: "vote", cardId: card }, as("p1")).message).toMatch(/Vote step/);
    b.must({ type: "setBoardStep", step: "vote" });
    expect(b.refused({ type: "vote", cardId: card }).code).toBe("forbidden");
  });

  it("holds each person to the number the facilitator set, stacking allowed, and gives votes back", () => {
    const b = votingBoard();
    b.must({ type: "setBoardStep", step: "vote" });
    const [first, second] = b.board.cards.map((c) => c.id) as [string, string];
    b.must({ type: "vote", cardId: first }, as("p1"));
    b.must({ type: "vote", cardId: first }, as("p1"));
    expect(b.refused({ type: "vote", cardId: second }, as("p1"))).toMatchObject({ code: "limit", message: expect.stringContaining("all 2") });
    b.must({ type: "vote", cardId: second }, as("p2"));
    expect(publicBoard(b.board).cards.map((c) => c.votes)).toEqual([2, 1]);
    b.must({ type: "unvote", cardId: first }, as("p1"));
    expect(myBoard(b.board, "p1")).toEqual({ votes: { [first]: 1 }, votesLeft: 1, cardIds: [] });
    expect(b.refused({ type: "unvote", cardId: second }, as("p1")).code).toBe("conflict");
    // Lowering the limit never takes back votes already placed; it only stops new ones.
    const lowered = b.must({ type: "setVotesPerPerson", votes: 1 });
    expect(lowered.touched.sort()).toEqual(["p1", "p2"]);
    expect(myBoard(b.board, "p1").votesLeft).toBe(0);
    expect(publicBoard(b.board).cards.map((c) => c.votes)).toEqual([1, 1]);
  });
});

describe("spotlight and steps", () => {
  it("spotlights a card or a group's turn that exists", () => {
    const b = new BoardHarness();
    b.must({ type: "setSpotlight", spotlight: { kind: "performance", groupId: "g1", round: 1 } });
    expect(b.board.spotlight).toEqual({ kind: "performance", groupId: "g1", round: 1 });
    expect(b.refused({ type: "setSpotlight", spotlight: { kind: "performance", groupId: "g1", round: 2 } }).code).toBe("not-found");
    expect(b.refused({ type: "setSpotlight", spotlight: { kind: "card", cardId: "nope" } }).code).toBe("not-found");
    b.must({ type: "setSpotlight", spotlight: null });
    expect(b.board.spotlight).toBeNull();
  });

  it("never changes the state it was given", () => {
    const b = new BoardHarness();
    const before = structuredClone(b.board);
    const decision = decideBoard(b.board, { type: "setBoardStep", step: "discuss" }, FACILITATOR as never, b.ctx());
    expect(decision.ok && decision.state.step).toBe("discuss");
    expect(b.board).toEqual(before);
  });
});
