import { z } from "zod";
import { phasePlanSchema } from "../phases/phase-machine";
import { isWellFormedRoomCode, normalizeRoomCode } from "./room-code";

/**
 * Input shapes checked at every edge (HTTP forms and socket payloads).
 * zod is pure, so the schemas live beside the domain they protect and the
 * browser can reuse them for instant feedback.
 */

// Control characters and bidi overrides make names render misleadingly.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

const cleanText = (s: string) => s.replace(INVISIBLE, "").replace(/\s+/g, " ").trim();

export const displayNameSchema = z
  .string({ error: "Enter a display name." })
  .transform(cleanText)
  .pipe(
    z
      .string()
      .min(1, { error: "Enter a display name." })
      .max(40, { error: "Keep the display name to 40 characters or fewer." })
      .refine((s) => !/[<>]/.test(s), {
        error: "Use letters, numbers and simple punctuation in your name (no < or >).",
      }),
  );

const optionalShortText = (label: string, max: number) =>
  z
    .string()
    .optional()
    .transform((s) => (s === undefined ? "" : cleanText(s)))
    .pipe(z.string().max(max, { error: `Keep the ${label} to ${max} characters or fewer.` }))
    .transform((s) => (s === "" ? null : s));

export const teamSchema = optionalShortText("team", 60);
export const shiftSchema = optionalShortText("shift", 40);

export const roomCodeSchema = z
  .string({ error: "Enter the room code." })
  .transform(normalizeRoomCode)
  .pipe(
    z
      .string()
      .min(1, { error: "Enter the room code." })
      .refine(isWellFormedRoomCode, {
        error: "Room codes are 6 letters and numbers, like 7KQ 4MX. Check the code on the screen.",
      }),
  );

export const workshopTitleSchema = z
  .string({ error: "Give the workshop a title." })
  .transform(cleanText)
  .pipe(
    z
      .string()
      .min(1, { error: "Give the workshop a title." })
      .max(120, { error: "Keep the title to 120 characters or fewer." }),
  );

export const teamLabelSchema = optionalShortText("team or department label", 80);

export const removalReasonSchema = optionalShortText("reason", 200);

/** First message of a zod error, for a single-field form message. */
export function firstIssueMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? "That value is not valid.";
}

/** Field → first message, for forms with several fields. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}

const slugId = z.string().min(1).max(80).regex(/^[a-z0-9-]+$/, { error: "Pick an item from the list." });

/** A workshop plan as the facilitator submits it; phase limits come from the phase plan. */
export const workshopPlanSchema = phasePlanSchema.extend({
  rubricId: slugId,
  groupSize: z
    .number({ error: "Choose a group size." })
    .int()
    .min(3, { error: "Groups need 3 to 6 people: a patient, a staff member and at least one observer." })
    .max(6, { error: "Groups need 3 to 6 people: a patient, a staff member and at least one observer." }),
  scenarioIds: z.array(slugId).min(1, { error: "Pick a scenario for each round." }).max(10),
});

export const broadcastTextSchema = z
  .string()
  .transform(cleanText)
  .pipe(z.string().min(1, { error: "Write a message first." }).max(280, { error: "Keep messages to 280 characters." }));

export const helpMessageSchema = optionalShortText("message", 200);
