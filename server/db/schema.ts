
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

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
