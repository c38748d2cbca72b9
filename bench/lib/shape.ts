/**
 * The load's shape, shared by the Rolecall run and the baseline run so both
 * see the same numbers of clients, documents, edits and fan-outs.
 */
export interface PhaseStep {
  label: string;
  phase: string;
  command: Record<string, unknown>;
}

export interface LoadShape {
  participants: number;
  workshops: number;
  groupSize: number;
  /** People arriving per second. */
  joinRate: number;
  /** Each observer adds a note every this many ms during the role-play. */
  editIntervalMs: number;
  editSeconds: number;
  /** Pause between one workshop's command and the next one's. */
  commandGapMs: number;
  steps: PhaseStep[];
}

/** One round, as the facilitator runs it: briefing, role-play, reset, room debrief, done. */
export const ROUND_STEPS: PhaseStep[] = [
  { label: "briefing", phase: "briefing", command: { type: "startRound" } },
  { label: "role-play", phase: "roleplay", command: { type: "startRoleplay" } },
  { label: "reset (during edits)", phase: "reset", command: { type: "advanceGroups" } },
  { label: "room debrief", phase: "debrief", command: { type: "advanceGroups" } },
  { label: "done", phase: "done", command: { type: "advanceGroups" } },
];

/** Observers per group: everyone but the patient and the staff member. */
export const observersPerGroup = (groupSize: number) => Math.max(0, groupSize - 2);

/** A pause after the bench checks every replica against the server, before it times the next command. */
export const VERIFY_SETTLE_MS = 1_000;
/** The bench's server lets a workshop nobody is connected to leave memory after this long (IDLE_WORKSHOP_SECONDS). */
export const BENCH_IDLE_WORKSHOP_SECONDS = 2;
/** How long the bench waits after everyone has left before looking: the idle time, a sweep (half of it) and a margin. */
export const WORKSHOPS_LEAVE_WAIT_MS = BENCH_IDLE_WORKSHOP_SECONDS * 1000 * 2;
