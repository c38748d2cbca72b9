import { z } from "zod";
import { BOARD_STEPS, CARD_TEXT_MAX, OWN_CARD_KINDS, THEME_TITLE_MAX, VOTES_PER_PERSON_MAX } from "./types";

/** Board commands as they arrive over socket.io; the actor comes from the cookie, never from here. */
const id = z.string().min(1).max(64);

const cardText = z
  .string()
  .trim()
  .min(1, { error: "Write something on the card first." })
  .max(CARD_TEXT_MAX, { error: `Keep a card to ${CARD_TEXT_MAX} characters or fewer.` });

const themeTitle = z
  .string()
  .trim()
  .min(1, { error: "Give the theme a short name." })
  .max(THEME_TITLE_MAX, { error: `Keep a theme name to ${THEME_TITLE_MAX} characters or fewer.` });

const spotlight = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("card"), cardId: id }),
    z.object({ kind: z.literal("performance"), groupId: id, round: z.number().int().min(1).max(100) }),
  ])
  .nullable();

export const boardCommandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("setBoardStep"), step: z.enum(BOARD_STEPS) }),
  z.object({ type: z.literal("setVotesPerPerson"), votes: z.number().int().min(1).max(VOTES_PER_PERSON_MAX) }),
  z.object({ type: z.literal("setShowNames"), show: z.boolean() }),
  z.object({ type: z.literal("setSpotlight"), spotlight }),
  z.object({ type: z.literal("addTheme"), title: themeTitle }),
  z.object({ type: z.literal("renameTheme"), themeId: id, title: themeTitle }),
  z.object({ type: z.literal("removeTheme"), themeId: id }),
  z.object({ type: z.literal("setCardTheme"), cardId: id, themeId: id.nullable() }),
  z.object({ type: z.literal("removeCard"), cardId: id }),
  z.object({ type: z.literal("promoteNote"), noteId: z.string().min(1).max(80) }),
  z
    .object({ type: z.literal("addCard"), kind: z.enum(OWN_CARD_KINDS), text: cardText, insteadOf: cardText.nullable().default(null) })
    .refine((c) => c.kind !== "swap" || c.insteadOf !== null, { error: "A phrase swap needs the line to replace as well as the better line.", path: ["insteadOf"] }),
  z.object({ type: z.literal("vote"), cardId: id }),
  z.object({ type: z.literal("unvote"), cardId: id }),
]);

export type BoardCommand = z.output<typeof boardCommandSchema>;
export type BoardCommandInput = z.input<typeof boardCommandSchema>;
