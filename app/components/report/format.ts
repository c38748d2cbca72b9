import type { AgreementVerdict } from "../../../server/services/reports/report-types";

/** Dates in UTC, so the server's rendering and the browser's agree (no hydration mismatch). */
const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export const formatDate = (ms: number) => dateFormat.format(new Date(ms));

/** A level on a rubric scale, one decimal: "3.2". */
export const formatLevel = (value: number | null | undefined, digits = 1) => (value === null || value === undefined ? "—" : value.toFixed(digits));

/** 0–1 as a whole percentage: "72%". */
export const formatPercent = (value: number | null | undefined) => (value === null || value === undefined ? "—" : `${Math.round(value * 100)}%`);

/** A signed difference: "+0.5", "−1.0". */
export function formatChange(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return "—";
  const rounded = Number(value.toFixed(digits));
  if (rounded === 0) return (0).toFixed(digits);
  return `${rounded > 0 ? "+" : "−"}${Math.abs(rounded).toFixed(digits)}`;
}

/** Alpha can be below 0 (worse than chance): written with a true minus sign. */
export const formatAlpha = (alpha: number | null) => (alpha === null ? "—" : alpha.toFixed(2).replace("-", "−"));

export const VERDICT_LABELS: Record<AgreementVerdict, string> = {
  good: "Good agreement",
  tentative: "Tentative agreement",
  calibrate: "Calibrate",
  unknown: "Not enough data",
};

export const VERDICT_BADGE: Record<AgreementVerdict, string> = { good: "ok", tentative: "warn", calibrate: "danger", unknown: "muted" };

/** "1:05 into the role-play". */
export function formatOffset(ms: number | null): string | null {
  if (ms === null) return null;
  const seconds = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")} into the role-play`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
