import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { migrateDatabase, openDatabase, type Db } from "../db/client";
import { createAuthSessionRepository, createFacilitatorRepository } from "../db/facilitator-repository";
import { createAuthService } from "./auth-service";
import * as password from "./password";

// The real scrypt, wrapped so the test can count how often it hashes.
vi.mock("./password", async (importOriginal) => {
  const real = await importOriginal<typeof import("./password")>();
  return { ...real, hashPassword: vi.fn(real.hashPassword) };
});

let dir: string;
let db: Db;
let clock = 1_000_000;
let auth: ReturnType<typeof createAuthService>;
const DANA = { name: "Dana Reyes", email: " Dana@Example.org ", password: "correct horse battery" };

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rolecall-auth-"));
  db = openDatabase(path.join(dir, "rolecall.db"));
  migrateDatabase(db);
  auth = createAuthService({
    facilitators: createFacilitatorRepository(db),
    sessions: createAuthSessionRepository(db),
    now: () => clock,
    loginFailuresAllowed: 3,
  });
});
afterAll(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("auth service", () => {
  it("refuses invalid first-run input field by field, without hashing", async () => {
    const result = await auth.createFirstFacilitator({ name: "", email: "not-an-email", password: "short" });
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        name: "Enter your name.",
        email: "Enter an e-mail address like name@example.org.",
        password: "Use a password of at least 12 characters.",
      },
    });
    expect(password.hashPassword).not.toHaveBeenCalled();
  });

  it("creates the first facilitator once, with a normalized e-mail and a hashed password", async () => {
    const result = await auth.createFirstFacilitator(DANA);
    expect(result).toMatchObject({ ok: true, facilitator: { name: "Dana Reyes", email: "dana@example.org" } });
    expect(auth.needsSetup()).toBe(false);
    const row = createFacilitatorRepository(db).findByEmail("dana@example.org")!;
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.passwordHash).not.toContain(DANA.password);
  });

  it("refuses a second first-run set-up before spending a password hash on it", async () => {
    vi.mocked(password.hashPassword).mockClear();
    const again = await auth.createFirstFacilitator({ name: "Eve", email: "eve@example.org", password: "eve's long password" });
    expect(again).toEqual({ ok: false, fieldErrors: { form: "Rolecall is already set up. Sign in instead." } });
    expect(password.hashPassword).not.toHaveBeenCalled();
    expect(auth.listFacilitators()).toHaveLength(1);
  });

  it("signs in and out with server-side sessions that expire", async () => {
    const signedIn = await auth.signIn("DANA@example.org", DANA.password, "10.0.0.1");
    expect(signedIn.ok).toBe(true);
    if (!signedIn.ok) return;
    const session = auth.startSession(signedIn.facilitator.id);
    expect(auth.facilitatorForSession(session.id)?.email).toBe("dana@example.org");

    clock = session.expiresAt;
    expect(auth.facilitatorForSession(session.id)).toBeNull();
    clock = 1_000_000;
    // Expired sessions are deleted, not merely ignored.
    expect(auth.facilitatorForSession(session.id)).toBeNull();

    const second = auth.startSession(signedIn.facilitator.id);
    auth.endSession(second.id);
    expect(auth.facilitatorForSession(second.id)).toBeNull();
    expect(auth.facilitatorForSession(null)).toBeNull();
    expect(auth.facilitatorForSession("no-such-session")).toBeNull();
  });

  it("does not count a successful sign-in against the address", async () => {
    // 1 failure allowed per account, 4 per address: 5 good sign-ins in a row all work.
    const strict = createAuthService({
      facilitators: createFacilitatorRepository(db),
      sessions: createAuthSessionRepository(db),
      now: () => clock,
      loginFailuresAllowed: 1,
    });
    for (let i = 0; i < 5; i++) expect((await strict.signIn("dana@example.org", DANA.password, "10.0.0.2")).ok, `sign-in ${i + 1}`).toBe(true);
  });

  it("refuses non-string input without throwing", async () => {
    expect(await auth.signIn(undefined, null, "10.0.0.3")).toMatchObject({ ok: false });
    expect(await auth.signIn("dana@example.org", "x".repeat(201), "10.0.0.3")).toMatchObject({ ok: false });
  });
});
