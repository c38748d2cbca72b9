
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const facilitators = sqliteTable(
  "facilitators",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** Stored lower-cased so sign-in is case-insensitive. */
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("facilitators_email_unique").on(t.email)],
);

/**
 * Server-side sessions: the cookie carries only the id, so signing out (or
 * removing an account) really ends the session.
 */
export const authSessions = sqliteTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    facilitatorId: text("facilitator_id")
      .notNull()
      .references(() => facilitators.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("auth_sessions_facilitator_idx").on(t.facilitatorId)],
);

/**
 * A projection of each workshop's events for look-ups the event log cannot
 * answer cheaply: by room code, and the facilitator's dashboard.
 */
export const workshops = sqliteTable(
  "workshops",
  {
    id: text("id").primaryKey(),
    code: text("code").notNull(),
    title: text("title").notNull(),
    teamLabel: text("team_label"),
    facilitatorId: text("facilitator_id")
      .notNull()
      .references(() => facilitators.id),
    status: text("status", { enum: ["open", "ended"] }).notNull(),
    participantCount: integer("participant_count").notNull().default(0),
    version: integer("version").notNull(),
    createdAt: integer("created_at").notNull(),
    endedAt: integer("ended_at"),
  },
  (t) => [
    uniqueIndex("workshops_code_unique").on(t.code),
    index("workshops_facilitator_idx").on(t.facilitatorId, t.createdAt),
  ],
);

/** The source of truth: every workshop is the fold of its events. */
export const workshopEvents = sqliteTable(
  "workshop_events",
  {
    workshopId: text("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    type: text("type").notNull(),
    payload: text("payload", { mode: "json" }).notNull(),
    occurredAt: integer("occurred_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workshopId, t.version] })],
);


/** A facilitator's saved workshop plans, reusable across workshops. */
export const planTemplates = sqliteTable(
  "plan_templates",
  {
    id: text("id").primaryKey(),
    facilitatorId: text("facilitator_id")
      .notNull()
      .references(() => facilitators.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    plan: text("plan", { mode: "json" }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("plan_templates_owner_name_unique").on(t.facilitatorId, t.name)],
);

// ───────────────────────── collaborative documents ─────────────────────────

/**
 * Every Yjs update the server accepts, appended before it is relayed, so a
 * crash loses nothing the server has seen. Compaction folds a document's rows
 * into its snapshot. `seq` orders a document's updates.
 */
export const yjsUpdates = sqliteTable(
  "yjs_updates",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    docName: text("doc_name").notNull(),
    workshopId: text("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    update: blob("update", { mode: "buffer" }).notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("yjs_updates_doc_idx").on(t.docName, t.seq), index("yjs_updates_workshop_idx").on(t.workshopId)],
);

/** A document's whole state as of its last compaction. */
export const yjsSnapshots = sqliteTable(
  "yjs_snapshots",
  {
    docName: text("doc_name").primaryKey(),
    workshopId: text("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    state: blob("state", { mode: "buffer" }).notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("yjs_snapshots_workshop_idx").on(t.workshopId)],
);

// ───────────────────────── scores, materialised when a round ends ─────────────────────────

/**
 * One row per criterion per rating: an observer's (submitted, or still a
 * draft when the round ended), the staff member's self-assessment, or the
 * group's agreed score. Rebuilt from the sheets whenever a group's round ends.
 */
export const scores = sqliteTable(
  "scores",
  {
    workshopId: text("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    groupId: text("group_id").notNull(),
    round: integer("round").notNull(),
    scenarioId: text("scenario_id"),
    rubricId: text("rubric_id").notNull(),
    kind: text("kind", { enum: ["observer", "self", "agreed"] }).notNull(),
    /** Null for the group's agreed score. */
    raterParticipantId: text("rater_participant_id"),
    /** The staff member scored; null if they left mid-round. */
    rateeParticipantId: text("ratee_participant_id"),
    criterionId: text("criterion_id").notNull(),
    score: integer("score").notNull(),
    /** When it was submitted or locked in; null for an observer's unsubmitted draft and for agreed scores. */
    submittedAt: integer("submitted_at"),
    materialisedAt: integer("materialised_at").notNull(),
  },
  (t) => [index("scores_round_idx").on(t.workshopId, t.groupId, t.round), index("scores_criterion_idx").on(t.rubricId, t.criterionId)],
);

export const behaviourTicks = sqliteTable(
  "behaviour_ticks",
  {
    workshopId: text("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    groupId: text("group_id").notNull(),
    round: integer("round").notNull(),
    scenarioId: text("scenario_id"),
    rubricId: text("rubric_id").notNull(),
    raterParticipantId: text("rater_participant_id").notNull(),
    rateeParticipantId: text("ratee_participant_id"),
    criterionId: text("criterion_id").notNull(),
    behaviourId: text("behaviour_id").notNull(),
    submittedAt: integer("submitted_at"),
    materialisedAt: integer("materialised_at").notNull(),
  },
  (t) => [index("behaviour_ticks_round_idx").on(t.workshopId, t.groupId, t.round)],
);

export const notes = sqliteTable(
  "notes",
  {
    workshopId: text("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    groupId: text("group_id").notNull(),
    round: integer("round").notNull(),
    scenarioId: text("scenario_id"),
    noteId: text("note_id").notNull(),
    /** As written in the shared sheet by the author's browser. */
    authorId: text("author_id").notNull(),
    authorName: text("author_name").notNull(),
    rateeParticipantId: text("ratee_participant_id"),
    kind: text("kind", { enum: ["strength", "try", "quote", "swap"] }).notNull(),
    criterionId: text("criterion_id"),
    /** Time since the role-play started; null if written before it. */
    offsetMs: integer("offset_ms"),
    text: text("text").notNull(),
    /** For a phrase swap: the line to replace. */
    insteadOf: text("instead_of"),
    materialisedAt: integer("materialised_at").notNull(),
  },
  (t) => [index("notes_round_idx").on(t.workshopId, t.groupId, t.round)],
);

// ───────────────────────── the plenary debrief board ─────────────────────────

/**
 * One row per workshop whose plenary has started: the board's whole state
 * (server/domain/board), including what is never published — who added each
 * card and who voted for what. Everyone's screen reads the public projection
 * the server writes into the `workshop/{id}/debrief` Yjs document.
 */
export const debriefBoards = sqliteTable("debrief_boards", {
  workshopId: text("workshop_id")
    .primaryKey()
    .references(() => workshops.id, { onDelete: "cascade" }),
  state: text("state", { mode: "json" }).notNull(),
  updatedAt: integer("updated_at").notNull(),
});
