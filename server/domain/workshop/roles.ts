import type { Role } from "./types";

/**
 * A member's role in a group's roles. The roles name the performers; a member
 * they do not name observes. Every reader of roles goes through here (views,
 * sheets, group steps, audio seats, room chat, the role decisions), so none
 * of them can come to a different answer for the same person. Shared with
 * the browser through group-step.ts: keep it free of server imports.
 */
export function roleIn(roles: Readonly<Record<string, Role>>, participantId: string): Role {
  return roles[participantId] ?? "observer";
}
