/**
 * The shapes the report pages render. Plain JSON (numbers, strings, arrays),
 * so a Remix loader can send them as they are.
 */
import type { DifficultyLevel } from "../../domain/difficulty";
import type { BoardReport } from "./board-lines";
import type { FeltHeard, NoteKind } from "../../domain/scoring/types";
import type { WorkshopStage, WorkshopStatus } from "../../domain/workshop";

export interface ScaleRef {
  min: number;
  max: number;
}

export interface DifficultyRef {
  score: number;
  level: DifficultyLevel;
}

export interface ScenarioRef {
  id: string;
  title: string;
  /** Null when the scenario is no longer in the library. */
  difficulty: DifficultyRef | null;
}

export interface CriterionRef {
  rubricId: string;
  id: string;
  title: string;
  scale: ScaleRef;
  weight: number;
}

export type AgreementVerdict = "good" | "tentative" | "calibrate" | "unknown";

export interface AlphaLine {
  alpha: number | null;
  verdict: AgreementVerdict;
  /** What the number means, in words; or why there is no number. */
  words: string;
  units: number;
  pairableValues: number;
}

export interface CriterionLine extends CriterionRef {
  /** Observers' ratings. */
  n: number;
  mean: number | null;
  median: number | null;
  /** The observers' mean on 0–1. */
  normalisedMean: number | null;
  selfMean: number | null;
  agreedMean: number | null;
  agreement: AlphaLine;
  /** Performances where observers were two or more levels apart on this criterion. */
  disagreements: number;
}

export interface PerformanceCriterionLine {
  criterionId: string;
  title: string;
  scale: ScaleRef;
  /** Each observer's level, lowest first (who gave which is not shown). */
  observerScores: number[];
  mean: number | null;
  spread: number | null;
  disagreement: boolean;
  self: number | null;
  agreed: number | null;
}

/** One staff member's turn: one group, one round. */
export interface PerformanceLine {
  key: string;
  groupId: string;
  groupName: string;
  round: number;
  scenario: ScenarioRef | null;
  staff: { id: string; name: string } | null;
  observerCount: number;
  /** Weighted overall of the observers' means, 0–1. */
  overall: number | null;
  self: number | null;
  agreed: number | null;
  criteria: PerformanceCriterionLine[];
  /** Standing among this workshop's performances of similar starting difficulty. */
  comparedWithLike: { z: number | null; words: string };
  patientFeltHeard: FeltHeard | null;
}

export interface GroupLine {
  groupId: string;
  name: string;
  performances: number;
  overall: number | null;
  scenarios: ScenarioRef[];
  criteria: { criterionId: string; title: string; scale: ScaleRef; mean: number | null; n: number }[];
}

export interface PersonLine {
  id: string;
  name: string;
  team: string | null;
  shift: string | null;
  /** Turns as the staff member. */
  performances: number;
  overall: number | null;
  criteria: { criterionId: string; title: string; scale: ScaleRef; mean: number | null; n: number }[];
  difficulties: DifficultyRef[];
}

export interface SelfGapLine {
  criterionId: string;
  title: string;
  scale: ScaleRef;
  /** Performances with both a self-assessment and observers. */
  n: number;
  meanSelf: number | null;
  meanObservers: number | null;
  /** self − observers in levels: above 0, people rate themselves higher. */
  meanGap: number | null;
  notable: number;
}

export interface NotableGap {
  performanceKey: string;
  groupName: string;
  round: number;
  staffName: string | null;
  criterionTitle: string;
  self: number;
  observerMean: number;
  gap: number;
}

export interface DisagreementFlag {
  groupName: string;
  round: number;
  staffName: string | null;
  criterionTitle: string;
  min: number;
  max: number;
  raters: number;
}

export interface NoteLine {
  id: string;
  kind: NoteKind;
  text: string;
  insteadOf: string | null;
  authorName: string;
  groupName: string;
  round: number;
  staffName: string | null;
  criterionTitle: string | null;
  /** Time into the role-play, ms; null if written before it. */
  offsetMs: number | null;
}

export interface DifficultyLevelLine {
  level: DifficultyLevel;
  performances: number;
  /** Mean overall (0–1) of the performances at this level. */
  mean: number | null;
}

export interface WorkshopReport {
  workshop: {
    id: string;
    title: string;
    teamLabel: string | null;
    status: WorkshopStatus;
    stage: WorkshopStage;
    createdAt: number;
    endedAt: number | null;
    facilitatorName: string | null;
    participants: number;
    groups: number;
    roundsPlayed: number;
    roundsPlanned: number | null;
    rubrics: { id: string; title: string }[];
  };
  totals: {
    observerRatings: number;
    /** Observer ratings from sheets never submitted (kept, and counted in the averages). */
    drafts: number;
    selfRatings: number;
    performances: number;
    notes: number;
    swaps: number;
    /** Rows left out, with the reason (unknown rubric or criterion, off the scale). */
    skipped: string[];
  };
  /** Mean of the performances' weighted overall scores, 0–1. */
  overall: number | null;
  criteria: CriterionLine[];
  performances: PerformanceLine[];
  groups: GroupLine[];
  people: PersonLine[];
  selfVsObservers: { byCriterion: SelfGapLine[]; notable: NotableGap[] };
  agreement: AlphaLine & { flags: DisagreementFlag[] };
  difficulty: { levels: DifficultyLevelLine[]; unplaced: number };
  notes: NoteLine[];
  swaps: NoteLine[];
  /** What the room put on the plenary board; null before the plenary. */
  board: BoardReport | null;
}

// ───────────────────────────── a participant's own summary ─────────────────────────────

export interface SummaryTurn {
  round: number;
  groupName: string;
  scenario: ScenarioRef | null;
  observerCount: number;
  criteria: (PerformanceCriterionLine & { behaviours: { text: string; ticks: number }[] })[];
  /** What the person playing the patient answered about this turn. */
  patient: { feltHeard: FeltHeard; whatLanded: string | null } | null;
}

export interface SummaryNote {
  id: string;
  kind: NoteKind;
  text: string;
  insteadOf: string | null;
  round: number;
  criterionTitle: string | null;
  /** Shown for notes about this person; their own notes need no author. */
  authorName: string | null;
}

export interface ParticipantSummary {
  workshop: { title: string; createdAt: number; facilitatorName: string | null };
  me: { displayName: string };
  /** Each round and the role played in it. */
  roles: { round: number; role: "staff" | "patient" | "observer" }[];
  turns: SummaryTurn[];
  notesAboutMe: SummaryNote[];
  notesIWrote: SummaryNote[];
  /** What this person answered when they played the patient. */
  asPatient: { round: number; feltHeard: FeltHeard; whatLanded: string | null }[];
}
