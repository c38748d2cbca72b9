import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

// scrypt is deliberately slow (~0.3 s); hash once and reuse.
const PASSWORD = "correct horse battery staple";
let stored: string;

beforeAll(async () => {
  stored = await hashPassword(PASSWORD);
});

describe("password hashing", () => {
  it("stores the scheme and parameters with a salted key, not the password", () => {
    const parts = stored.split("$");
    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 4)).toEqual(["scrypt", String(2 ** 17), "8", "1"]);
    expect(Buffer.from(parts[4]!, "base64")).toHaveLength(16);
    expect(Buffer.from(parts[5]!, "base64")).toHaveLength(32);
    expect(stored).not.toContain(PASSWORD);
  });

  it("verifies the right password", async () => {
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
  });

  it("rejects a wrong password, including near misses", async () => {
    const results = await Promise.all([verifyPassword("correct horse battery stapl", stored), verifyPassword(PASSWORD.toUpperCase(), stored)]);
    expect(results).toEqual([false, false]);
  });

  it("rejects the right password against a tampered hash", async () => {
    const parts = stored.split("$");
    const key = Buffer.from(parts[5]!, "base64");
    key[0] = key[0]! ^ 0xff;
    const tamperedKey = [...parts.slice(0, 5), key.toString("base64")].join("$");
    const salt = Buffer.from(parts[4]!, "base64");
    salt[0] = salt[0]! ^ 0xff;
    const tamperedSalt = [...parts.slice(0, 4), salt.toString("base64"), parts[5]].join("$");
    expect(await Promise.all([verifyPassword(PASSWORD, tamperedKey), verifyPassword(PASSWORD, tamperedSalt)])).toEqual([false, false]);
  });

  it("rejects malformed stored values instead of throwing", async () => {
    expect(await verifyPassword(PASSWORD, "")).toBe(false);
    expect(await verifyPassword(PASSWORD, "bcrypt$x$y$z$a$b")).toBe(false);
    expect(await verifyPassword(PASSWORD, stored.split("$").slice(0, 5).join("$"))).toBe(false);
    // Parameters scrypt cannot use: a failed check, not a crash of the sign-in.
    const [, , r, p, salt, key] = stored.split("$");
    expect(await verifyPassword(PASSWORD, ["scrypt", "abc", r, p, salt, key].join("$"))).toBe(false);
    expect(await verifyPassword(PASSWORD, ["scrypt", "3", r, p, salt, key].join("$"))).toBe(false);
    expect(await verifyPassword(PASSWORD, ["scrypt", String(2 ** 40), r, p, salt, key].join("$"))).toBe(false);
  });

  it("never accepts any password against a hash whose key is empty", async () => {
    // A key that decodes to zero bytes would equal scrypt's empty output.
    expect(await verifyPassword("anything at all", "scrypt$16$8$1$AAAAAAAAAAAAAAAAAAAAAA==$!!!!")).toBe(false);
    expect(await verifyPassword("anything at all", "scrypt$16$8$1$AAAAAAAAAAAAAAAAAAAAAA==$=")).toBe(false);
  });

  it("salts every hash, so the same password hashes differently", async () => {
    const again = await hashPassword(PASSWORD);
    expect(again).not.toBe(stored);
    expect(await verifyPassword(PASSWORD, again)).toBe(true);
  });
});
