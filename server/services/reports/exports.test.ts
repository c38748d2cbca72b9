import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../tests/support/csv";
import { SCORE_CSV_HEADER } from "../../domain/analysis/csv";
import { exportFilename, workshopJson, workshopScoresCsv } from "./exports";
import { finishedWorkshop, LIBRARY, noteRow, ROUND_ONE, tick } from "./test-support";

describe("export file names", () => {
  it("are the title as an ASCII slug and the workshop's date", () => {
    const march4 = Date.UTC(2025, 2, 4, 22, 30);
    expect(exportFilename("Front desk refresher — März!", march4, "csv")).toBe("front-desk-refresher-marz-2025-03-04.csv");
    expect(exportFilename("!!!", march4, "json")).toBe("workshop-2025-03-04.json");
    expect(exportFilename("a ".repeat(40), march4, "csv")).toMatch(/^(a-){29}a-2025-03-04\.csv$/);
  });
});

describe("the scores CSV", () => {
  it("has one row per rating with names, the staff member's team and shift, and difficulty", () => {
    const state = finishedWorkshop();
    const rows = parseCsv(workshopScoresCsv({ state, scores: ROUND_ONE, library: LIBRARY }).slice(1));
    expect(rows[0]).toEqual([...SCORE_CSV_HEADER]);
    expect(rows).toHaveLength(1 + ROUND_ONE.length);
    const date = new Date(state.createdAt).toISOString().slice(0, 10);
    // Observers first (by name, criteria in rubric order), then self, then agreed.
    expect(rows.slice(1).map((r) => [r[8], r[10], r[9], r[11]])).toEqual([
      ["observer", "Person 3", "Empathy", "1"],
      ["observer", "Person 3", "Plain language", "3"],
      ["observer", "Person 4", "Empathy", "3"],
      ["observer", "Person 4", "Plain language", "3"],
      ["observer", "Person 5", "Empathy", "2"],
      ["self", "Person 1", "Empathy", "4"],
      ["self", "Person 1", "Plain language", "4"],
      ["agreed", "", "Empathy", "2"],
    ]);
    expect(rows[1]!.slice(0, 8)).toEqual(["Test", date, "", "", "A copay nobody mentioned", "6", "1", "Person 1"]);
  });
});

describe("the JSON export", () => {
  it("carries the state, the log, the rows (without repeating the workshop id) and the rubric used", () => {
    const state = finishedWorkshop();
    const data = workshopJson({
      state,
      version: 12,
      events: [{ version: 1, type: "workshopCreated", occurredAt: 0, event: { type: "workshopCreated" } }],
      scores: ROUND_ONE,
      ticks: [tick({ criterionId: "empathy", behaviourId: "reflects" })],
      notes: [noteRow({ noteId: "n1", text: "Named the worry" })],
      library: LIBRARY,
      facilitatorName: "Dana",
      exportedAt: Date.UTC(2025, 2, 5),
    });
    expect(data).toMatchObject({ format: "rolecall-workshop", formatVersion: 1, exportedAt: "2025-03-05T00:00:00.000Z", workshop: { id: "w1", version: 12, facilitator: { name: "Dana" } } });
    expect(data.state).toBe(state);
    expect(data.scores).toHaveLength(ROUND_ONE.length);
    expect(data.scores[0]).not.toHaveProperty("workshopId");
    expect(data.rubrics.map((r) => r.id)).toEqual(["core-skills"]);
    expect(data.scenarios.map((s) => s.id)).toEqual(["copay", "wait"]);
    expect(data.events).toEqual([{ version: 1, type: "workshopCreated", at: "1970-01-01T00:00:00.000Z", event: { type: "workshopCreated" } }]);
  });
});
