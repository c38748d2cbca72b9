/** Percentiles over raw samples (nearest-rank), so reports show exactly what was measured. */
export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = Float64Array.from(samples).sort();
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  let sum = 0;
  for (const v of sorted) sum += v;
  return { n: sorted.length, p50: rank(50), p95: rank(95), p99: rank(99), max: sorted[sorted.length - 1]!, mean: sum / sorted.length };
}

export const round1 = (v: number) => Math.round(v * 10) / 10;

/** Our figure over the baseline's, or NaN when there is nothing to divide by. */
export function ratio(ours: number, theirs: number): number {
  return theirs > 0 && Number.isFinite(ours) ? Math.round((ours / theirs) * 100) / 100 : NaN;
}

/** The index of the lower median: with an even count, the smaller of the two middle values. */
export function lowerMedianIndex(values: readonly number[]): number {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  return order[Math.floor((order.length - 1) / 2)]![1];
}
