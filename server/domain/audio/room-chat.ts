import { z } from "zod";
import { isActiveParticipant } from "../workshop/participants";
import type { WorkshopState } from "../workshop/types";
import { audioSeatFor, type AudioRole } from "./audio-rules";
import { CHAT_MAX_LENGTH } from "./chat-limits";

/**
 * The room chat: a text fallback beside each audio room for someone without a
 * working microphone. The group and the facilitator read it; members write
 * while the room is open, and the facilitator may write to any group.
 */

export { CHAT_HISTORY_LIMIT, CHAT_MAX_LENGTH } from "./chat-limits";

// Control characters and bidi overrides could make a message render misleadingly.
const INVISIBLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Kept as plain text (React escapes it); line breaks survive, runs of blank lines do not. */
export const chatTextSchema = z
  .string({ error: "Write a message first." })
  .transform((s) => s.replace(INVISIBLE, "").replace(/\n{3,}/g, "\n\n").trim())
  .pipe(
    z
      .string()
      .min(1, { error: "Write a message first." })
      .max(CHAT_MAX_LENGTH, { error: `Keep chat messages to ${CHAT_MAX_LENGTH} characters.` }),
  );

export interface ChatMessage {
  id: string;
  groupId: string;
  round: number;
  from: { id: string; displayName: string; role: AudioRole };
  text: string;
  at: number;
}

export type ChatAccess = { ok: true; round: number } | { ok: false; message: string };

export type ChatActor = { kind: "participant"; participantId: string } | { kind: "facilitator"; facilitatorId: string };

/** Reading: the group's members and the workshop's facilitator. */
export function mayReadChat(state: WorkshopState, actor: ChatActor, groupId: string): ChatAccess {
  const group = state.groups.find((g) => g.id === groupId);
  if (!group) return { ok: false, message: "That group no longer exists. Reload the page." };
  if (actor.kind === "facilitator") {
    return actor.facilitatorId === state.facilitatorId ? { ok: true, round: state.round } : { ok: false, message: "This workshop belongs to another facilitator." };
  }
  if (!isActiveParticipant(state, actor.participantId) || !group.memberIds.includes(actor.participantId)) {
    return { ok: false, message: "Only this group's members can read its room chat." };
  }
  return { ok: true, round: state.round };
}

/** Writing: whoever may hold a seat in the room right now (the chat stands in for a voice). */
export function mayWriteChat(state: WorkshopState, actor: ChatActor, groupId: string): ChatAccess {
  const who = actor.kind === "facilitator" ? { ...actor, talking: false } : actor;
  const seat = audioSeatFor(state, who, groupId);
  if (!seat.ok) return { ok: false, message: seat.error.message };
  return { ok: true, round: state.round };
}

/** Everyone a group's chat message goes to: its current members (the facilitator is added by the caller). */
export function chatRecipients(state: WorkshopState, groupId: string): string[] {
  const group = state.groups.find((g) => g.id === groupId);
  return group ? group.memberIds.filter((id) => isActiveParticipant(state, id)) : [];
}
