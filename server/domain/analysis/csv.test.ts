import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../tests/support/csv";
import { BOM, SCORE_CSV_HEADER, csvField, dateFormatter, neutraliseFormula, scoreRowsToCsv, toCsv, type ScoreCsvRow } from "./csv";


describe("the test's own parser", () => {
  it("reads RFC 4180 and refuses what is not", () => {
    expect(parseCsv('a,"b,c","d""e"\r\n"x\r\ny",,z\r\n')).toEqual([
      ["a", "b,c", 'd"e'],
      ["x\r\ny", "", "z"],
    ]);
    expect(() => parseCsv("a\nb")).toThrow(/bare line break/);
    expect(() => parseCsv('a"b')).toThrow(/quote inside/);
    expect(() => parseCsv('"a"b')).toThrow(/after a closing quote/);
    expect(() => parseCsv('"a')).toThrow(/unterminated/);
  });
});

describe("csvField", () => {
  it("quotes commas, quotes and line breaks, doubling the quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("Smith, Jo")).toBe('"Smith, Jo"');
    expect(csvField('said "no"')).toBe('"said ""no"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\ronly")).toBe('"cr\ronly"');
  });

  it("writes missing values and non-finite numbers as empty cells", () => {
    expect([null, undefined, Number.NaN, Number.POSITIVE_INFINITY].map((c) => csvField(c))).toEqual(["", "", "", ""]);
    expect(csvField(3)).toBe("3");
    expect(csvField(0.25)).toBe("0.25");
    expect(csvField(true)).toBe("true");
  });
});

describe("formula injection", () => {
  it.each(["=HYPERLINK(\"http://x\",\"y\")", "+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"])("neutralises %j with a leading apostrophe", (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
    expect(parseCsv(toCsv([[text]]))[0]![0]).toBe(`'${text}`);
  });

  it("leaves ordinary text, and numbers (even negative ones), alone", () => {
    expect(neutraliseFormula("Ana = great")).toBe("Ana = great");
    expect(neutraliseFormula("'quoted")).toBe("'quoted");
    expect(csvField(-1)).toBe("-1");
  });

  it("can be turned off for tools that are not spreadsheets", () => {
    expect(csvField("=1", { neutraliseFormulas: false })).toBe("=1");
  });
});

describe("toCsv", () => {
  it("ends every record with CRLF and adds a BOM only when asked", () => {
    expect(toCsv([["a", "b"], [1, 2]])).toBe("a,b\r\n1,2\r\n");
    expect(toCsv([["a"]], { bom: true })).toBe(`${BOM}a\r\n`);
    expect(toCsv([])).toBe("");
  });

  it("keeps a record of one empty field instead of writing a blank line", () => {
    expect(toCsv([["a"], [""], [null], []])).toBe('a\r\n""\r\n""\r\n""\r\n');
    expect(parseCsv(toCsv([["a"], [""]]))).toEqual([["a"], [""]]);
  });

  it("round-trips commas, quotes, line breaks and non-ASCII names", () => {
    const rows = [
      ["Zoë Ó'Brien", "Nguyễn Thị Minh", "山田 太郎", "محمد"],
      ["Smith, Jo", 'The "quiet" desk', "line one\r\nline two", "lf\nonly"],
      ["", " leading space", "trailing,", '"'],
      ["emoji 🙂", "tab\tinside", "a\rb", ","],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });

  it("round-trips any text: what comes back is what went in (apostrophe-prefixed where it looked like a formula)", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "é", "語", "🙂", ",", '"', "\r", "\n", "=", "+", "-", "@", "\t", " ", "'"), maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 6 }), fc.boolean(), (rows, neutralise) => {
        const text = toCsv(rows, { neutraliseFormulas: neutralise });
        const expected = rows.map((row) => row.map((c) => (neutralise ? neutraliseFormula(c) : c)));
        expect(parseCsv(text)).toEqual(expected);
        if (neutralise) for (const row of parseCsv(text)) for (const c of row) expect(c).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });

  it("round-trips through the BOM once it is stripped", () => {
    const text = toCsv([["Zoë", "1"]], { bom: true });
    expect(text.startsWith(BOM)).toBe(true);
    expect(parseCsv(text.slice(1))).toEqual([["Zoë", "1"]]);
  });
});

describe("scoreRowsToCsv", () => {
  const rating: ScoreCsvRow = {
    workshop: "Spring refresher, front desk",
    workshopDate: Date.parse("2025-03-04T22:30:00Z"),
    team: "Front desk",
    shift: "Late",
    scenario: "Surprise bill at the desk",
    difficulty: 6,
    round: 2,
    participant: "Zoë Ó'Brien",
    role: "observer",
    criterion: "Acknowledge",
    rater: "=cmd|' /C calc'!A0",
    score: 3,
  };

  it("writes the long format with its header and ISO 8601 dates", () => {
    const parsed = parseCsv(scoreRowsToCsv([rating, { ...rating, role: "agreed", rater: null, difficulty: null, team: null }]));
    expect(parsed[0]).toEqual([...SCORE_CSV_HEADER]);
    expect(parsed[1]).toEqual([
      "Spring refresher, front desk",
      "2025-03-04",
      "Front desk",
      "Late",
      "Surprise bill at the desk",
      "6",
      "2",
      "Zoë Ó'Brien",
      "observer",
      "Acknowledge",
      "'=cmd|' /C calc'!A0",
      "3",
    ]);
    expect(parsed[2]).toMatchObject({ 2: "", 5: "", 8: "agreed", 10: "" });
    expect(parsed).toHaveLength(3);
  });

  it("writes only the header when there are no ratings", () => {
    expect(scoreRowsToCsv([])).toBe(`${SCORE_CSV_HEADER.join(",")}\r\n`);
    expect(scoreRowsToCsv([], { bom: true })).toBe(`${BOM}${SCORE_CSV_HEADER.join(",")}\r\n`);
  });

  it("dates the workshop in the trainer's time zone when given one", () => {
    expect(parseCsv(scoreRowsToCsv([rating], { timeZone: "Asia/Tokyo" }))[1]![1]).toBe("2025-03-05");
    expect(parseCsv(scoreRowsToCsv([rating], { timeZone: "America/New_York" }))[1]![1]).toBe("2025-03-04");
    expect(() => scoreRowsToCsv([rating], { timeZone: "Not/AZone" })).toThrow(RangeError);
  });

  it("writes an empty date rather than 'Invalid Date'", () => {
    expect(dateFormatter()(Number.NaN)).toBe("");
    expect(dateFormatter()(1e20)).toBe("");
    expect(dateFormatter("Europe/London")(Number.NaN)).toBe("");
    expect(dateFormatter("Europe/London")(Date.parse("2025-07-01T23:30:00Z"))).toBe("2025-07-02");
  });
});
