import type { AlphaResult } from "../../domain/analysis/agreement";
import type { AgreementVerdict, AlphaLine } from "./report-types";

/** Krippendorff's own thresholds: ≥ 0.8 to rely on, ≥ 0.667 for tentative conclusions. */
export const ALPHA_GOOD = 0.8;
export const ALPHA_TENTATIVE = 0.667;

export function alphaVerdict(alpha: number | null): AgreementVerdict {
  if (alpha === null) return "unknown";
  if (alpha >= ALPHA_GOOD) return "good";
  if (alpha >= ALPHA_TENTATIVE) return "tentative";
  return "calibrate";
}

const WORDS: Record<Exclude<AgreementVerdict, "unknown">, string> = {
  good: "Good (0.8 or more): the observers read the rubric the same way, so the averages can be relied on.",
  tentative: "Tentative (0.667 to 0.8): the observers mostly agree; treat the averages as a first reading.",
  calibrate:
    "Low (below 0.667): the observers read the rubric differently. Calibrate before trusting the averages: score one example together and talk through what each level looks like.",
};

/** The ordinal alpha with its meaning in words, or why there is no number yet. */
export function alphaLine(result: AlphaResult): AlphaLine {
  const verdict = alphaVerdict(result.alpha);
  return {
    alpha: result.alpha,
    verdict,
    words: verdict === "unknown" ? `Not enough to say yet. ${result.reason ?? ""}`.trim() : WORDS[verdict],
    units: result.units,
    pairableValues: result.pairableValues,
  };
}
