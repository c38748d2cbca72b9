import type { Role } from "./types";

/**
 * A member's role in a group's roles. The roles name the performers; a member
 * they do not name observes. This is the one place that says so: views,
 * sheets, group steps, audio seats, room chat and the role decisions all ask
 * here, so none of them can come to a different answer for the same person.
 * Shared with the browser through group-step.ts: keep it free of server imports.
 */
export function roleIn(roles: Readonly<Record<string, Role>>, participantId: string): Role {
  return roles[participantId] ?? "observer";
}
