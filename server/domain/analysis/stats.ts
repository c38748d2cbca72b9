/**
 * The few summary numbers every analysis module needs, written once so that "no data"
 * means null everywhere instead of NaN in one report and 0 in another.
 */

export interface Summary {
  n: number;
  /** Null when n is 0. */
  mean: number | null;
  /** Null when n is 0; the average of the two middle values when n is even. */
  median: number | null;
}

/** Non-finite values are left out: one corrupt row should not turn a whole report into NaN. */
export function summarise(values: readonly number[]): Summary {
  const finite = values.filter((v) => Number.isFinite(v));
  return { n: finite.length, mean: mean(finite), median: median(finite) };
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Sample standard deviation (n − 1); null below two values. */
export function sampleStandardDeviation(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null || values.length < 2) return null;
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

/** Groups items by a key, keeping keys in the order first seen (reports follow the data's order). */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** A collision-free composite key (ids may contain any separator we might pick). */
export const keyOf = (...parts: readonly (string | number | null | undefined)[]): string => JSON.stringify(parts.map((p) => p ?? null));

/** A moment a Date can hold (±8.64e15 ms); beyond it toISOString throws. */
export const isValidTime = (ms: number): boolean => Number.isFinite(ms) && Math.abs(ms) <= 8.64e15;
