import { z } from "zod";
import type { AudioClientToServerEvents, AudioServerToClientEvents } from "./audio/audio-contract";
import type { BoardClientToServerEvents, BoardServerToClientEvents } from "./board/board-contract";
import { broadcastTextSchema, helpMessageSchema, removalReasonSchema, workshopPlanSchema } from "./workshop/inputs";
import { FELT_HEARD } from "./scoring/types";
import { NOTE_MAX_CHARS } from "./scoring/sheet-layout";
import type { WireView } from "./workshop/wire-view";

/**
 * socket.io events, `area:verb`. Types are shared by client and server; the
 * zod schemas run at the server edge on every incoming payload.
 */

export const SOCKET_PATH = "/socket.io/";

export const handshakeAuthSchema = z.object({
  workshopId: z.string().min(1).max(64),
});
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;

const id = z.string().min(1).max(64);
const groupIds = z.array(id).max(50);
/** Facilitator commands carry the version they were made against: a stale one is refused. */
const expectedVersion = z.number().int().nonnegative().optional();
const role = z.enum(["patient", "staff", "observer"]);
/** Criterion id → level; the rubric's own rules are checked in decide. */
const scoreMap = z.record(id, z.number().int().min(0).max(10)).refine((m) => Object.keys(m).length <= 12, { error: "Too many criteria." });

/** Commands a client may send. The actor comes from the cookie, never from here. */
export const clientCommandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("removeParticipant"), participantId: id, reason: removalReasonSchema.nullable(), expectedVersion }),
  z.object({ type: z.literal("endWorkshop"), expectedVersion }),
  z.object({ type: z.literal("leaveWorkshop") }),
  z.object({ type: z.literal("setPlan"), plan: workshopPlanSchema, expectedVersion }),
  z.object({ type: z.literal("formGroups"), expectedVersion }),
  z.object({ type: z.literal("moveMember"), participantId: id, toGroupId: id, expectedVersion }),
  z.object({ type: z.literal("swapRoles"), groupId: id, participantIds: z.tuple([id, id]), expectedVersion }),
  z.object({ type: z.literal("setRole"), groupId: id, participantId: id, role, expectedVersion }),
  z.object({ type: z.literal("placeParticipant"), participantId: id, groupId: id, expectedVersion }),
  z.object({ type: z.literal("setGroupScenario"), groupId: id, scenarioId: id, expectedVersion }),
  z.object({ type: z.literal("startRound"), expectedVersion }),
  z.object({ type: z.literal("startRoleplay"), groupIds: groupIds.optional(), expectedVersion }),
  z.object({ type: z.literal("pauseGroup"), groupId: id, expectedVersion }),
  z.object({ type: z.literal("resumeGroup"), groupId: id, expectedVersion }),
  z.object({ type: z.literal("extendGroup"), groupId: id, seconds: z.number().int().min(15).max(900), expectedVersion }),
  z.object({ type: z.literal("advanceGroups"), groupIds: groupIds.optional(), expectedVersion }),
  z.object({ type: z.literal("stepBackGroups"), groupIds: groupIds.optional(), expectedVersion }),
  z.object({ type: z.literal("sendCurveball"), groupIds: groupIds.min(1), curveballId: id, expectedVersion }),
  z.object({ type: z.literal("broadcastMessage"), text: broadcastTextSchema }),
  z.object({ type: z.literal("clearHelp"), groupId: id }),
  z.object({ type: z.literal("startPlenary"), expectedVersion }),
  z.object({ type: z.literal("setReady"), ready: z.boolean() }),
  z.object({ type: z.literal("askForHelp"), message: helpMessageSchema }),
  z.object({ type: z.literal("cancelHelp") }),
  // Scoring. submitScores carries nothing: the server reads the observer's own sheet.
  z.object({ type: z.literal("submitScores") }),
  z.object({ type: z.literal("lockSelfAssessment"), scores: scoreMap }),
  z.object({
    type: z.literal("submitPatientPerspective"),
    feltHeard: z.enum(FELT_HEARD),
    whatLanded: z.string().max(NOTE_MAX_CHARS, { error: `Keep it to ${NOTE_MAX_CHARS} characters or fewer.` }).nullable().default(null),
  }),
  z.object({ type: z.literal("revealScores"), groupId: id, expectedVersion }),
]);
export type ClientCommand = z.input<typeof clientCommandSchema>;

export type CommandAck =
  | { ok: true; version: number }
  | { ok: false; error: { code: string; message: string } };

export interface Welcome {
  role: "facilitator" | "participant";
  /** The participant's own id, so a shared view can mark "you". */
  participantId: string | null;
  serverNow: number;
}

export interface ServerToClientEvents extends AudioServerToClientEvents, BoardServerToClientEvents {
  "session:welcome": (welcome: Welcome) => void;
  /**
   * Views name their content and rubrics, attached only when new to this connection (see workshop/wire-view.ts);
   * a group's step applies to the view the connection holds (workshop/group-step.ts). Join both with createViewAssembler.
   */
  "workshop:view": (view: WireView) => void;
  "workshop:removed": (info: { reason: string | null }) => void;
  "workshop:ended": () => void;
  /** The facilitator deleted the workshop and all its data; the server disconnects right after. */
  "workshop:deleted": (info: { message: string }) => void;
  "workshop:error": (error: { code: string; message: string }) => void;
}

export interface ClientToServerEvents extends AudioClientToServerEvents, BoardClientToServerEvents {
  "workshop:command": (command: ClientCommand, ack: (result: CommandAck) => void) => void;
  /** Asks for the whole view again (a view arrived whose content this client does not have, or a step for a view it does not hold). */
  "workshop:resync": () => void;
}
