import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { AuthSessionRepository, FacilitatorRepository, FacilitatorRow } from "../db/facilitator-repository";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password";
import { FailureLimiter, tooManyAttemptsMessage } from "./rate-limit";
import { SESSION_DAYS } from "./session-length";

const ALREADY_SET_UP = "Rolecall is already set up. Sign in instead.";

export const facilitatorInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: "Enter your name." })
    .max(80, { error: "Keep the name to 80 characters or fewer." }),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Enter an e-mail address like name@example.org." }).max(200)),
  password: z
    .string()
    .min(12, { error: "Use a password of at least 12 characters." })
    .max(200, { error: "Keep the password under 200 characters." }),
});
export type FacilitatorInput = z.input<typeof facilitatorInputSchema>;

export type PublicFacilitator = Pick<FacilitatorRow, "id" | "name" | "email" | "createdAt">;

const toPublic = ({ id, name, email, createdAt }: FacilitatorRow): PublicFacilitator => ({ id, name, email, createdAt });

export type AccountResult =
  | { ok: true; facilitator: PublicFacilitator }
  | { ok: false; fieldErrors: Record<string, string> };

export function createAuthService(deps: {
  facilitators: FacilitatorRepository;
  sessions: AuthSessionRepository;
  now: () => number;
  loginFailuresAllowed: number;
}) {
  const { facilitators, sessions, now } = deps;
  const LOGIN_WINDOW_SECONDS = 15 * 60;
  // Per address and e-mail, so one person's typos do not lock out a whole
  // training room; per address too, looser, against guessing many accounts.
  const failuresPerAccount = new FailureLimiter(deps.loginFailuresAllowed, LOGIN_WINDOW_SECONDS);
  const failuresPerAddress = new FailureLimiter(deps.loginFailuresAllowed * 4, LOGIN_WINDOW_SECONDS);

  async function buildRow(input: z.output<typeof facilitatorInputSchema>): Promise<FacilitatorRow> {
    return {
      id: randomUUID(),
      name: input.name,
      email: input.email,
      passwordHash: await hashPassword(input.password),
      createdAt: now(),
    };
  }

  function parse(input: unknown): { ok: true; data: z.output<typeof facilitatorInputSchema> } | { ok: false; fieldErrors: Record<string, string> } {
    const parsed = facilitatorInputSchema.safeParse(input);
    if (parsed.success) return { ok: true, data: parsed.data };
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { ok: false, fieldErrors };
  }

  /** Returns the facilitator, or null without saying which part was wrong. */
  async function verifyCredentials(email: string, password: string): Promise<PublicFacilitator | null> {
    const row = facilitators.findByEmail(email.trim().toLowerCase());
    if (!row) {
      await burnPasswordCheck(password);
      return null;
    }
    return (await verifyPassword(password, row.passwordHash)) ? toPublic(row) : null;
  }

  return {
    needsSetup(): boolean {
      return facilitators.count() === 0;
    },

    async createFirstFacilitator(input: unknown): Promise<AccountResult> {
      const parsed = parse(input);
      if (!parsed.ok) return parsed;
      // Checked before hashing too: /setup is open to anyone, and each hash costs ~128 MiB.
      if (facilitators.count() > 0) return { ok: false, fieldErrors: { form: ALREADY_SET_UP } };
      const row = await buildRow(parsed.data);
      if (!facilitators.insertIfNone(row)) {
        return { ok: false, fieldErrors: { form: ALREADY_SET_UP } };
      }
      return { ok: true, facilitator: toPublic(row) };
    },

    async addFacilitator(input: unknown): Promise<AccountResult> {
      const parsed = parse(input);
      if (!parsed.ok) return parsed;
      if (facilitators.findByEmail(parsed.data.email)) {
        return { ok: false, fieldErrors: { email: "A facilitator with this e-mail already exists." } };
      }
      const row = await buildRow(parsed.data);
      facilitators.insert(row);
      return { ok: true, facilitator: toPublic(row) };
    },

    verifyCredentials,

    /** Sign-in with rate limiting; the message never says which part was wrong. */
    async signIn(
      email: unknown,
      password: unknown,
      clientAddress: string,
    ): Promise<{ ok: true; facilitator: PublicFacilitator } | { ok: false; message: string; rateLimited: boolean }> {
      const normalizedEmail = typeof email === "string" ? email.trim().toLowerCase().slice(0, 200) : "";
      const accountKey = `${clientAddress}|${normalizedEmail}`;
      // Counted before the (slow) password check and taken back on success, so
      // a burst of parallel guesses cannot all slip past the limit.
      const wait = Math.max(await failuresPerAccount.take(accountKey), await failuresPerAddress.take(clientAddress));
      if (wait > 0) return { ok: false, message: tooManyAttemptsMessage(wait, "sign-in attempts"), rateLimited: true };
      const facilitator =
        normalizedEmail && typeof password === "string" && password.length <= 200
          ? await verifyCredentials(normalizedEmail, password)
          : null;
      if (!facilitator) {
        return { ok: false, message: "That e-mail and password do not match an account. Check both and try again.", rateLimited: false };
      }
      await failuresPerAccount.reset(accountKey);
      await failuresPerAddress.forgive(clientAddress);
      return { ok: true, facilitator };
    },

    startSession(facilitatorId: string): { id: string; expiresAt: number } {
      const createdAt = now();
      const session = { id: randomUUID(), facilitatorId, createdAt, expiresAt: createdAt + SESSION_DAYS * 86_400_000 };
      sessions.insert(session);
      return session;
    },

    /** The signed-in facilitator for a session id, or null if expired or signed out. */
    facilitatorForSession(sessionId: string | null | undefined): PublicFacilitator | null {
      if (!sessionId) return null;
      const session = sessions.find(sessionId);
      if (!session) return null;
      if (session.expiresAt <= now()) {
        sessions.delete(sessionId);
        return null;
      }
      const row = facilitators.findById(session.facilitatorId);
      return row ? toPublic(row) : null;
    },

    endSession(sessionId: string | null | undefined): void {
      if (sessionId) sessions.delete(sessionId);
    },

    listFacilitators(): PublicFacilitator[] {
      return facilitators.list().map(toPublic);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
export { SESSION_MAX_AGE_SECONDS } from "./session-length";
