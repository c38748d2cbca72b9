import { describe, expect, it } from "vitest";
import { observerSheetDocName, parseSheetDocName, sharedSheetDocName } from "./sheet-docs";
import { behaviourKey, formatOffset, missingCriteria, parseBehaviourTicks, parseNotes, parseScores } from "./sheet-layout";
import { RUBRIC } from "./test-support";

describe("scoring document names", () => {
  it("round-trip", () => {
    expect(parseSheetDocName(sharedSheetDocName("w-1", "g2", 3))).toEqual({ kind: "rubric", workshopId: "w-1", groupId: "g2", round: 3 });
    expect(parseSheetDocName(observerSheetDocName("w-1", "g2", 3, "p-9"))).toEqual({ kind: "observer", workshopId: "w-1", groupId: "g2", round: 3, participantId: "p-9" });
    // A participant id that happens to be "rubric" is still an observer sheet.
    expect(parseSheetDocName("workshop/w/group/g/round/1/observer/rubric")).toMatchObject({ kind: "observer", participantId: "rubric" });
  });

  it.each([
    "workshop/w/group/g/round/0/rubric",
    "workshop/w/group/g/round/01/rubric",
    "workshop/w/group/g/round/x/rubric",
    "workshop/w/group/g/round/1/observer",
    "workshop/w/group/g/round/1/observer/",
    "workshop/w/group/g/round/1/observer/a/b",
    "workshop/w/group/g/round/1/rubric/",
    "workshop/w/group/g.h/round/1/rubric",
    "workshop/w/group//round/1/rubric",
    "/workshop/w/group/g/round/1/rubric",
    `workshop/w/group/${"g".repeat(65)}/round/1/rubric`,
  ])("refuse %s", (name) => {
    expect(parseSheetDocName(name)).toBeNull();
  });
});

describe("reading what clients wrote", () => {
  it("keeps only real criteria and levels", () => {
    expect(parseScores({ empathy: 3, plain: 9, charm: 2, __proto__: 1 }, RUBRIC)).toEqual({ empathy: 3 });
    expect(parseScores({ empathy: "3" }, RUBRIC)).toEqual({});
    expect(parseScores(null, RUBRIC)).toEqual({});
    expect(parseScores([3, 2], RUBRIC)).toEqual({});
  });

  it("keeps only ticked behaviours of the rubric, grouped by criterion", () => {
    expect(
      parseBehaviourTicks(
        { [behaviourKey("empathy", "reflects")]: true, [behaviourKey("empathy", "opens-door")]: false, [behaviourKey("plain", "reflects")]: true, "plain/teach-back": true },
        RUBRIC,
      ),
    ).toEqual({ empathy: ["reflects"], plain: ["teach-back"] });
  });

  it("drops malformed notes and duplicates, and trims what it keeps", () => {
    const good = { id: "n1", authorId: "p3", authorName: "Ana", kind: "quote", criterionId: "empathy", offsetMs: 61_500.4, text: "  “That sounds exhausting.” ", at: 5 };
    const notes = parseNotes(
      [
        good,
        { ...good, text: "duplicate id" },
        { ...good, id: "n2", kind: "gossip" },
        { ...good, id: "n3", text: "   " },
        { ...good, id: "n4", criterionId: "charm", offsetMs: -5 },
        { ...good, id: "n5", kind: "swap", insteadOf: "That's just your copay.", text: "Your visit costs $40; you can pay today or get a plan." },
        "not a note",
        null,
        { ...good, id: "n6", text: "x".repeat(2000), authorName: 42 },
      ],
      RUBRIC,
    );
    expect(notes.map((n) => n.id)).toEqual(["n1", "n4", "n5", "n6"]);
    expect(notes[0]).toEqual({ ...good, offsetMs: 61_500, text: "“That sounds exhausting.”", insteadOf: null });
    expect(notes[1]).toMatchObject({ criterionId: null, offsetMs: null });
    expect(notes[2]).toMatchObject({ kind: "swap", insteadOf: "That's just your copay." });
    expect(notes[3]).toMatchObject({ authorName: "Someone" });
    expect(notes[3]!.text).toHaveLength(500);
    expect(parseNotes({ not: "an array" }, RUBRIC)).toEqual([]);
  });

  it("names the criteria still to score", () => {
    expect(missingCriteria(RUBRIC, { empathy: 2 })).toEqual([{ id: "plain", title: "Plain language" }]);
    expect(missingCriteria(RUBRIC, { empathy: 2, plain: 4 })).toEqual([]);
  });

  it("formats a note's time into the role-play", () => {
    expect(formatOffset(65_900)).toBe("1:05");
    expect(formatOffset(0)).toBe("0:00");
    expect(formatOffset(null)).toBe("before the role-play");
  });
});
