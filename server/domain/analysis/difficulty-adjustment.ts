/**
 * Scores read beside starting difficulty, without pretending to know more than we do.
 *
 * DOMAIN.md: conversations do not start on the same baseline, "and scoring them as if
 * they did punishes whoever drew the hard one". The tempting fix is an
 * `expectedScoreAt(difficulty)` curve that "corrects" every score. We deliberately do not
 * build one: nothing tells us how many points a hostile repeat caller is worth, and a
 * curve fitted to a few workshops would be noise presented as a correction, applied to
 * real people. Instead this module offers three honest views:
 *
 * 1. Per difficulty level, the mean and median score: does the hard end actually score
 *    lower in this data? The trainer sees the pattern and its size, with n beside it.
 * 2. Per performance, the normalised score and the difficulty index side by side, never
 *    merged into one number.
 * 3. A within-workshop comparison with like: the z-score of a performance among the
 *    performances of the same workshop at the same difficulty level. It answers "how did
 *    this go compared with others who faced similar starting conditions, on the same day,
 *    with the same observers?", and is withheld (null, with the reason) when fewer than
 *    three performances share the level, because a z-score of two is a coin toss.
 */
import { DIFFICULTY_LEVELS, difficultyLevel, type DifficultyLevel } from "../difficulty";
import { groupBy, keyOf, mean, sampleStandardDeviation, summarise, type Summary } from "./stats";

/** The fewest performances sharing a band before a z-score is shown. */
export const MIN_BAND_SIZE = 3;

export interface DifficultyScored {
  workshopId: string;
  /** 0–1, e.g. PerformanceScore.overall.score; null when nothing was scored. */
  normalisedScore: number | null;
  /** The scenario's difficulty index score (1–10); null when the scenario is unknown. */
  difficulty: number | null;
}

export interface LevelSummary extends Summary {
  level: DifficultyLevel;
}

export interface ScoresByLevel {
  /** Every level, gentle to very hard, including those with n = 0 (mean null). */
  levels: LevelSummary[];
  /** Performances left out because their difficulty or score is unknown. */
  unplaced: number;
}

/** Mean and median normalised score at each difficulty level. */
export function scoresByDifficultyLevel(performances: readonly DifficultyScored[]): ScoresByLevel {
  const placed = performances.filter(isPlaced);
  return {
    levels: DIFFICULTY_LEVELS.map((level) => ({
      level,
      ...summarise(placed.filter((p) => difficultyLevel(p.difficulty) === level).map((p) => p.normalisedScore)),
    })),
    unplaced: performances.length - placed.length,
  };
}

export interface BandComparison {
  level: DifficultyLevel;
  /** Performances in the same workshop at the same level, this one included. */
  n: number;
  mean: number;
  /** Sample standard deviation; null below two performances. */
  standardDeviation: number | null;
}

export type DifficultyAware<T extends DifficultyScored> = T & {
  /** Null when the difficulty is unknown. */
  difficultyLevel: DifficultyLevel | null;
  /** The performance's peers at the same level in the same workshop; null when it has no score or difficulty. */
  band: BandComparison | null;
  /** (score − band mean) / band standard deviation; 0 is typical for the band. Null with `zReason`. */
  z: number | null;
  zReason: string | null;
};

export interface DifficultyAwareOptions {
  /** Defaults to MIN_BAND_SIZE; values below 2 are treated as 2 (a z-score needs a spread). */
  minBandSize?: number;
}

/**
 * Each performance with its difficulty beside it and, where there are enough peers, its
 * standing among performances of similar difficulty in the same workshop. Input order is
 * kept, and every other field of the input is passed through.
 */
export function difficultyAwareView<T extends DifficultyScored>(performances: readonly T[], options: DifficultyAwareOptions = {}): DifficultyAware<T>[] {
  const minBandSize = Math.max(2, options.minBandSize ?? MIN_BAND_SIZE);
  const bands = groupBy(performances.filter(isPlaced), (p) => keyOf(p.workshopId, difficultyLevel(p.difficulty)));
  const comparisons = new Map(
    [...bands].map(([key, peers]) => {
      const scores = peers.map((p) => p.normalisedScore);
      const band: BandComparison = {
        level: difficultyLevel(peers[0]!.difficulty),
        n: scores.length,
        mean: mean(scores)!,
        standardDeviation: sampleStandardDeviation(scores),
      };
      return [key, band] as const;
    }),
  );

  return performances.map((p) => {
    const level = p.difficulty === null || !Number.isFinite(p.difficulty) ? null : difficultyLevel(p.difficulty);
    const band = isPlaced(p) ? (comparisons.get(keyOf(p.workshopId, difficultyLevel(p.difficulty))) ?? null) : null;
    const { z, zReason } = standing(p, level, band, minBandSize);
    return { ...p, difficultyLevel: level, band, z, zReason };
  });
}

function standing(
  p: DifficultyScored,
  level: DifficultyLevel | null,
  band: BandComparison | null,
  minBandSize: number,
): { z: number | null; zReason: string | null } {
  if (p.normalisedScore === null || !Number.isFinite(p.normalisedScore)) return { z: null, zReason: "This performance has no score." };
  if (level === null || band === null) return { z: null, zReason: "The scenario's starting difficulty is unknown." };
  if (band.n < minBandSize)
    return {
      z: null,
      zReason: `Only ${band.n} performance${band.n === 1 ? "" : "s"} at the ${level} level in this workshop; a fair comparison needs at least ${minBandSize}.`,
    };
  // Rounding noise in a mean of equal scores must not turn into a huge z.
  if (band.standardDeviation === null || band.standardDeviation < 1e-9)
    return { z: null, zReason: `Every performance at the ${level} level in this workshop has the same score.` };
  return { z: (p.normalisedScore - band.mean) / band.standardDeviation, zReason: null };
}

function isPlaced<T extends DifficultyScored>(p: T): p is T & { normalisedScore: number; difficulty: number } {
  return p.normalisedScore !== null && Number.isFinite(p.normalisedScore) && p.difficulty !== null && Number.isFinite(p.difficulty);
}
