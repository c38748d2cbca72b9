import { describe, expect, it } from "vitest";
import {
  DIFFICULTY_EXPLANATION,
  DIFFICULTY_MAX,
  DIFFICULTY_MIN,
  difficultyIndex,
  difficultyLevel,
  type DifficultyFactor,
} from "./difficulty";
import { ARRIVAL_STATES, RESOLVABILITY, STAKES, type StartingDifficulty } from "./scenario-schema";

const easiest: StartingDifficulty = {
  arrivalState: "calm",
  departmentsInvolved: 1,
  contact: "first",
  stakes: ["money"],
  staffCanResolve: "yes",
};

const pointsFor = (d: StartingDifficulty, factor: DifficultyFactor) =>
  difficultyIndex(d).reasons.find((r) => r.factor === factor)?.points;

describe("difficultyIndex", () => {
  it("gives the easiest starting conditions a 1, gentle", () => {
    const result = difficultyIndex(easiest);
    expect(result.score).toBe(1);
    expect(result.level).toBe("gentle");
  });

  it("caps the hardest conditions at 10 and says so in the breakdown", () => {
    const result = difficultyIndex({
      arrivalState: "hostile",
      departmentsInvolved: 6,
      contact: "repeat",
      stakes: [...STAKES],
      staffCanResolve: "no",
    });
    expect(result.score).toBe(DIFFICULTY_MAX);
    expect(result.level).toBe("very hard");
    const cap = result.reasons.find((r) => r.factor === "cap");
    expect(cap?.points).toBe(10 - (1 + 3 + 2 + 2 + 2 + 1 + 2));
  });

  it("weights each arrival state", () => {
    const expected = { calm: 0, anxious: 1, overwhelmed: 2, distressed: 2, grieving: 3, hostile: 3 };
    for (const state of ARRIVAL_STATES) {
      expect(pointsFor({ ...easiest, arrivalState: state }, "arrivalState"), state).toBe(expected[state]);
    }
  });

  it("adds a point for 2–3 departments and two for 4 or more", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => pointsFor({ ...easiest, departmentsInvolved: n }, "departmentsInvolved"))).toEqual([
      0, 1, 1, 2, 2, 2,
    ]);
  });

  it("adds two points for a repeat contact", () => {
    expect(difficultyIndex({ ...easiest, contact: "repeat" }).score).toBe(3);
  });

  it("counts stakes beyond the first, at most two, and urgent timing on its own", () => {
    expect(pointsFor({ ...easiest, stakes: ["money", "medication"] }, "stakes")).toBe(1);
    expect(pointsFor({ ...easiest, stakes: ["money", "medication", "care-access", "legal-rights"] }, "stakes")).toBe(2);
    expect(difficultyIndex({ ...easiest, stakes: ["urgent-timing"] }).score).toBe(2);
    expect(difficultyIndex({ ...easiest, stakes: ["care-access", "urgent-timing"] }).score).toBe(3);
  });

  it("does not count a stake listed twice twice", () => {
    expect(difficultyIndex({ ...easiest, stakes: ["money", "money"] }).score).toBe(1);
  });

  it("weights whether staff can resolve it", () => {
    expect(RESOLVABILITY.map((r) => pointsFor({ ...easiest, staffCanResolve: r }, "staffCanResolve"))).toEqual([0, 1, 2]);
  });

  it("lists every factor, and the points always add up to the score", () => {
    const samples: StartingDifficulty[] = [
      easiest,
      { arrivalState: "grieving", departmentsInvolved: 2, contact: "first", stakes: ["money", "legal-rights"], staffCanResolve: "partly" },
      { arrivalState: "hostile", departmentsInvolved: 5, contact: "repeat", stakes: [...STAKES], staffCanResolve: "no" },
    ];
    for (const d of samples) {
      const result = difficultyIndex(d);
      expect(result.reasons.map((r) => r.factor)).toEqual(
        expect.arrayContaining(["base", "arrivalState", "departmentsInvolved", "contact", "stakes", "urgentTiming", "staffCanResolve"]),
      );
      expect(result.reasons.reduce((sum, r) => sum + r.points, 0)).toBe(result.score);
      expect(result.score).toBeGreaterThanOrEqual(DIFFICULTY_MIN);
      expect(result.score).toBeLessThanOrEqual(DIFFICULTY_MAX);
    }
  });

  it("never gets easier when a condition gets harder", () => {
    const harder: ((d: StartingDifficulty) => StartingDifficulty)[] = [
      (d) => ({ ...d, arrivalState: "hostile" }),
      (d) => ({ ...d, departmentsInvolved: Math.min(6, d.departmentsInvolved + 1) }),
      (d) => ({ ...d, contact: "repeat" }),
      (d) => ({ ...d, stakes: [...new Set([...d.stakes, "urgent-timing" as const])] }),
      (d) => ({ ...d, staffCanResolve: "no" }),
    ];
    let d = easiest;
    for (const step of harder) {
      const next = step(d);
      expect(difficultyIndex(next).score).toBeGreaterThanOrEqual(difficultyIndex(d).score);
      d = next;
    }
  });

  it("reads labels a trainer can understand", () => {
    const result = difficultyIndex({ ...easiest, arrivalState: "grieving", stakes: ["money", "legal-rights"] });
    const labels = result.reasons.map((r) => r.label).join(" | ");
    expect(labels).toContain("Arrives grieving");
    expect(labels).toContain("At stake: money, legal rights");
  });
});

describe("difficultyLevel", () => {
  it("bands 1–3 gentle, 4–5 moderate, 6–7 hard, 8–10 very hard", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(difficultyLevel)).toEqual([
      "gentle", "gentle", "gentle", "moderate", "moderate", "hard", "hard", "very hard", "very hard", "very hard",
    ]);
  });
});

describe("DIFFICULTY_EXPLANATION", () => {
  it("explains every factor and the level bands", () => {
    for (const phrase of ["State on arrival", "Departments involved", "First contact or repeat", "at stake", "Urgent timing", "resolve", "1–3 gentle", "8–10 very hard"]) {
      expect(DIFFICULTY_EXPLANATION).toContain(phrase);
    }
  });
});
