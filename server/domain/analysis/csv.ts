/**
 * CSV export, so a trainer can set Rolecall's scores beside patient-experience survey
 * results in a spreadsheet (DOMAIN.md, "Measuring whether it worked").
 *
 * RFC 4180: fields separated by commas, records ended by CRLF, a field holding a comma,
 * a double quote, CR or LF is wrapped in double quotes and its quotes doubled. Excel
 * only reads UTF-8 (names like "Zoë" or "Nguyễn") correctly when the file starts with a
 * byte-order mark, hence the `bom` option; other tools are happier without it.
 *
 * Formula injection: participants type their own display names, and a spreadsheet treats
 * a cell starting with = + - @ (or a tab or CR, which some apps strip before looking) as
 * a formula — `=HYPERLINK(...)` in a name would run on the trainer's machine. Such text
 * cells get a leading apostrophe, which spreadsheets read as "this is text" (OWASP's
 * advice). The cost: a tool that is not a spreadsheet shows the apostrophe. Numbers are
 * written as numbers and never prefixed: they come from us, not from someone's typing,
 * and a prefixed -1 would turn into text.
 */
import type { RaterRole } from "./aggregation";
import { isValidTime } from "./stats";

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark so Excel detects the encoding. Default false. */
  bom?: boolean;
  /** Prefix text that a spreadsheet would run as a formula with an apostrophe. Default true. */
  neutraliseFormulas?: boolean;
}

export const BOM = "\uFEFF";
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** `=SUM(A1)` → `'=SUM(A1)`; anything else unchanged. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One cell as it appears in the file. Missing values and non-finite numbers are empty cells. */
export function csvField(cell: CsvCell, options: CsvOptions = {}): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  if (typeof cell === "boolean") return cell ? "true" : "false";
  const text = options.neutraliseFormulas === false ? cell : neutraliseFormula(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Every record, the last included, ends with CRLF. */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const lines = rows.map((row) => {
    // A record of one empty field would be a blank line, which readers skip or take for
    // the end of the file; quoting it keeps the record.
    if (row.length === 0 || (row.length === 1 && csvField(row[0], options) === "")) return '""';
    return row.map((cell) => csvField(cell, options)).join(",");
  });
  return (options.bom ? BOM : "") + lines.map((line) => `${line}\r\n`).join("");
}

// ───────────────────────────── the score export ─────────────────────────────

export const SCORE_CSV_HEADER = ["workshop", "date", "team", "shift", "scenario", "difficulty", "round", "participant", "role", "criterion", "rater", "score"] as const;

/** One rating, with names already looked up (the long format: one row per rating). */
export interface ScoreCsvRow {
  workshop: string;
  /** When the workshop ran, ms since the epoch; written as an ISO 8601 date. */
  workshopDate: number;
  team: string | null;
  shift: string | null;
  scenario: string | null;
  /** The scenario's starting-difficulty index (1–10), so scores are never read without it. */
  difficulty: number | null;
  round: number;
  /** The staff member being scored. */
  participant: string | null;
  /** Whose rating this is: an observer's, the staff member's own, or the group's agreed score. */
  role: RaterRole;
  criterion: string;
  /** Empty for the agreed score. */
  rater: string | null;
  score: number;
}

export interface ScoreCsvOptions extends CsvOptions {
  /**
   * IANA time zone for the date column, e.g. "Europe/London"; default UTC. A workshop
   * that ran on the evening of 3 March in New York is 4 March in UTC, which would put it
   * in the wrong survey period. An unknown zone throws a RangeError.
   */
  timeZone?: string;
}

/** The long format: a header, then one row per rating, ready for a pivot table. */
export function scoreRowsToCsv(rows: readonly ScoreCsvRow[], options: ScoreCsvOptions = {}): string {
  const dateOf = dateFormatter(options.timeZone);
  return toCsv(
    [
      SCORE_CSV_HEADER,
      ...rows.map((r) => [r.workshop, dateOf(r.workshopDate), r.team, r.shift, r.scenario, r.difficulty, r.round, r.participant, r.role, r.criterion, r.rater, r.score]),
    ],
    options,
  );
}

/** "YYYY-MM-DD" in the given zone; empty for an invalid date rather than "Invalid Date". */
export function dateFormatter(timeZone = "UTC"): (ms: number) => string {
  if (timeZone === "UTC") return (ms) => (isValidTime(ms) ? new Date(ms).toISOString().slice(0, 10) : "");
  const format = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  return (ms) => {
    if (!isValidTime(ms)) return "";
    const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day}`;
  };
}
