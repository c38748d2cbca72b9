/**
 * Live scoring as data. What observers type lives in Yjs documents (see
 * sheet-docs.ts and sheet-layout.ts); what counts — a submission, a locked
 * self-assessment, the patient's answer, the reveal — is a workshop event, so
 * the comparison people see comes from the event log, never from a document
 * another observer could have opened early.
 */

export const NOTE_KINDS = ["strength", "try", "quote", "swap"] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const NOTE_KIND_LABELS: Record<NoteKind, string> = {
  strength: "Strength",
  try: "Something to try",
  quote: "Quote worth keeping",
  swap: "Phrase swap",
};

export const FELT_HEARD = ["yes", "partly", "no"] as const;
export type FeltHeard = (typeof FELT_HEARD)[number];

export const FELT_HEARD_LABELS: Record<FeltHeard, string> = { yes: "Yes", partly: "Partly", no: "No" };

/** Criterion id → the level value chosen. */
export type ScoreMap = Record<string, number>;
/** Criterion id → the ids of the behaviours ticked under it. */
export type BehaviourTicks = Record<string, string[]>;

export interface ScoreSubmission {
  participantId: string;
  at: number;
  scores: ScoreMap;
  behaviours: BehaviourTicks;
}

export interface SelfAssessment {
  participantId: string;
  at: number;
  scores: ScoreMap;
}

export interface PatientPerspective {
  participantId: string;
  at: number;
  feltHeard: FeltHeard;
  whatLanded: string | null;
}

export type RevealCause = "performers" | "facilitator";

/**
 * One group's scoring sheet for one round. It keeps the round's own roles,
 * because a group's roles rotate for the next round as soon as it is done.
 */
export interface RoundSheet {
  groupId: string;
  round: number;
  scenarioId: string | null;
  rubricId: string | null;
  staffId: string | null;
  patientId: string | null;
  /** Observers this round, in the group's order. */
  observerIds: string[];
  /** When the role-play (last) started: notes are timed from here. */
  roleplayStartedAt: number | null;
  submissions: Record<string, ScoreSubmission>;
  selfAssessment: SelfAssessment | null;
  patientPerspective: PatientPerspective | null;
  revealed: { at: number; cause: RevealCause } | null;
}

export type ScoringEvent =
  | { type: "scoresSubmitted"; at: number; groupId: string; round: number; participantId: string; scores: ScoreMap; behaviours: BehaviourTicks }
  | { type: "selfAssessmentLocked"; at: number; groupId: string; round: number; participantId: string; scores: ScoreMap }
  | {
      type: "patientPerspectiveGiven";
      at: number;
      groupId: string;
      round: number;
      participantId: string;
      feltHeard: FeltHeard;
      whatLanded: string | null;
    }
  | { type: "scoresRevealed"; at: number; groupId: string; round: number; cause: RevealCause };

export type ScoringCommand =
  /** Scores and ticks are read by the server from the observer's own sheet, never taken from a client. */
  | {
      type: "submitScores";
      scores: ScoreMap;
      behaviours: BehaviourTicks;
      /**
       * The sheet the scores were read from. Reading takes a moment (the document may live in
       * another process); if the observer's group or round changed meanwhile, they are refused
       * rather than filed under a sheet they were never meant for.
       */
      readFrom?: { groupId: string; round: number };
    }
  | { type: "lockSelfAssessment"; scores: ScoreMap }
  | { type: "submitPatientPerspective"; feltHeard: FeltHeard; whatLanded: string | null }
  | { type: "revealScores"; groupId: string };

export type ScoringCommandType = ScoringCommand["type"];
export const SCORING_COMMAND_TYPES: readonly ScoringCommandType[] = ["submitScores", "lockSelfAssessment", "submitPatientPerspective", "revealScores"];
export const DISAGREEMENT_SPREAD = 2;
