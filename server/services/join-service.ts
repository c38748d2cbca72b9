import { randomUUID } from "node:crypto";
import { z } from "zod";
import { displayNameSchema, fieldErrors, roomCodeSchema, shiftSchema, teamSchema } from "../domain/workshop";
import { FailureLimiter, tooManyAttemptsMessage } from "./rate-limit";
import type { WorkshopService } from "./workshop-service";

/** Same words for a mistyped, unknown or ended code: no hint whether it ever existed. */
export const UNKNOWN_CODE_MESSAGE =
  "No open workshop has that code. Check the code on the screen, or ask your facilitator for it.";

export interface JoinableWorkshop {
  id: string;
  code: string;
  title: string;
  askTeamAndShift: boolean;
}

export type CodeCheck =
  | { ok: true; workshop: JoinableWorkshop }
  | { ok: false; message: string; retryAfterSeconds?: number };

const joinInputSchema = z.object({
  displayName: displayNameSchema,
  team: teamSchema,
  shift: shiftSchema,
});

export type JoinResult =
  | { ok: true; participantId: string; workshopId: string }
  | { ok: false; fieldErrors: Record<string, string> };

export function createJoinService(deps: {
  workshops: WorkshopService;
  wrongCodesAllowed: number;
  windowSeconds: number;
}) {
  const { workshops } = deps;
  const wrongCodes = new FailureLimiter(deps.wrongCodesAllowed, deps.windowSeconds);

  async function checkCode(rawCode: unknown, clientAddress: string): Promise<CodeCheck> {
    const wait = await wrongCodes.retryAfter(clientAddress);
    if (wait > 0) {
      return { ok: false, message: tooManyAttemptsMessage(wait, "wrong room codes from this device"), retryAfterSeconds: wait };
    }
    const parsed = roomCodeSchema.safeParse(rawCode ?? "");
    if (!parsed.success) {
      // An empty box is a slip, not a guess; a malformed code counts as one.
      if (String(rawCode ?? "").trim() !== "") await wrongCodes.recordFailure(clientAddress);
      return { ok: false, message: parsed.error.issues[0]?.message ?? UNKNOWN_CODE_MESSAGE };
    }
    const row = workshops.findOpenByCode(parsed.data);
    const loaded = row ? workshops.load(row.id) : null;
    if (!row || !loaded || loaded.state.status !== "open") {
      await wrongCodes.recordFailure(clientAddress);
      return { ok: false, message: UNKNOWN_CODE_MESSAGE };
    }
    return {
      ok: true,
      workshop: { id: row.id, code: row.code, title: loaded.state.title, askTeamAndShift: loaded.state.askTeamAndShift },
    };
  }

  return {
    checkCode,

    join(workshopId: string, input: unknown): JoinResult {
      const parsed = joinInputSchema.safeParse(input);
      if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error) };
      const participantId = randomUUID();
      const result = workshops.execute(
        workshopId,
        { type: "joinWorkshop", participantId, ...parsed.data },
        { kind: "participant", participantId },
      );
      if (!result.ok) {
        const message = result.error.code === "ended" || result.error.code === "not-found" ? UNKNOWN_CODE_MESSAGE : result.error.message;
        return { ok: false, fieldErrors: { form: message } };
      }
      return { ok: true, participantId, workshopId };
    },
  };
}

export type JoinService = ReturnType<typeof createJoinService>;
