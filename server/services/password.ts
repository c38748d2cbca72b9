import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * scrypt is memory-hard and ships with Node, so no native add-on is needed.
 * Parameters follow OWASP's minimum for scrypt (N=2^17, r=8, p=1, ~128 MiB)
 * and are stored with each hash so they can be raised later without
 * invalidating existing passwords.
 */
const DEFAULT = { N: 2 ** 17, r: 8, p: 1, keyLength: 32 };

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

const maxmemFor = (N: number, r: number) => 128 * N * r * 2;

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keyLength } = DEFAULT;
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, keyLength, { N, r, p, maxmem: maxmemFor(N, r) });
  return ["scrypt", N, r, p, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltB64, keyB64] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, "base64");
  // An empty key would compare equal to scrypt's empty output for any password.
  if (expected.length === 0) return false;
  const N = Number(n), R = Number(r), P = Number(p);
  // Parameters outside what we ever write (a corrupted or tampered row) make
  // scrypt throw; that is a failed check, not a server error.
  let actual: Buffer;
  try {
    actual = await scrypt(password, Buffer.from(saltB64, "base64"), expected.length, {
      N, r: R, p: P, maxmem: maxmemFor(N, R),
    });
  } catch {
    return false;
  }
  return timingSafeEqual(actual, expected);
}

/**
 * Spent on unknown e-mails too, so a failed sign-in takes the same time
 * whether or not the account exists.
 */
let dummyHash: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("not-a-real-password");
  await verifyPassword(password, await dummyHash);
}
