import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, publicEnv } from "./env";

const GOOD_SECRET = "k".repeat(32);

function errorOf(raw: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(raw);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be refused`);
}

describe("parseEnv", () => {
  it("fills in development defaults from an empty environment", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      HOST: "0.0.0.0",
      DATABASE_PATH: "./data/rolecall.db",
      SCENARIOS_DIR: "./scenarios",
      TRUST_PROXY: false,
      JOIN_WRONG_CODES_PER_MINUTE: 10,
      LOGIN_FAILURES_PER_15_MINUTES: 5,
      IDLE_WORKSHOP_SECONDS: 900,
      ROLECALL_BENCH_METRICS: false,
      YJS_PROCESS: "separate",
      usingDevelopmentSecret: true,
    });
    expect(env.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(env.PUBLIC_URL).toBeUndefined();
  });

  it("takes where the Yjs documents run, and names the choices when it is neither", () => {
    expect(parseEnv({ YJS_PROCESS: "inline" }).YJS_PROCESS).toBe("inline");
    expect(errorOf({ YJS_PROCESS: "thread" }).message).toContain("YJS_PROCESS: use separate (the default) or inline");
  });

  it("treats empty strings as unset", () => {
    const env = parseEnv({ PORT: "", SESSION_SECRET: "", PUBLIC_URL: "" });
    expect(env.PORT).toBe(3000);
    expect(env.usingDevelopmentSecret).toBe(true);
  });

  it("reads numbers, booleans and a real secret", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      PORT: "0",
      SESSION_SECRET: GOOD_SECRET,
      TRUST_PROXY: "yes",
      JOIN_WRONG_CODES_PER_MINUTE: "3",
      PUBLIC_URL: "https://rolecall.example.org",
    });
    expect(env).toMatchObject({ PORT: 0, TRUST_PROXY: true, JOIN_WRONG_CODES_PER_MINUTE: 3, SESSION_SECRET: GOOD_SECRET, usingDevelopmentSecret: false });
    expect(parseEnv({ TRUST_PROXY: "0" }).TRUST_PROXY).toBe(false);
  });

  it.each(["abc", "-1", "65536", "80.5"])("refuses PORT=%s and names PORT", (port) => {
    const error = errorOf({ PORT: port });
    expect(error.message).toMatch(/^\s+PORT: /m);
    expect(error.message).toContain("Rolecall cannot start");
  });

  it("refuses production without SESSION_SECRET and names SESSION_SECRET", () => {
    const error = errorOf({ NODE_ENV: "production" });
    expect(error.message).toMatch(/SESSION_SECRET: must be set when NODE_ENV=production/);
  });

  it("refuses a short secret, naming SESSION_SECRET, in any mode", () => {
    expect(errorOf({ SESSION_SECRET: "short" }).message).toMatch(/SESSION_SECRET: use at least 32 random characters/);
    expect(errorOf({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(31) }).message).toMatch(/SESSION_SECRET/);
  });

  it("reads the bench-only metrics switch, off unless asked for", () => {
    expect(parseEnv({ ROLECALL_BENCH_METRICS: "1" }).ROLECALL_BENCH_METRICS).toBe(true);
    expect(errorOf({ ROLECALL_BENCH_METRICS: "on" }).message).toMatch(/ROLECALL_BENCH_METRICS: use true or false/);
  });

  it("reads how long an idle workshop stays in memory, in whole seconds from 1 to a day", () => {
    expect(parseEnv({ IDLE_WORKSHOP_SECONDS: "2" }).IDLE_WORKSHOP_SECONDS).toBe(2);
    for (const bad of ["0", "1.5", "86401", "soon"]) {
      expect(errorOf({ IDLE_WORKSHOP_SECONDS: bad }).message).toMatch(/^\s+IDLE_WORKSHOP_SECONDS: use /m);
    }
  });

  it("names every bad variable at once", () => {
    const error = errorOf({ NODE_ENV: "staging", TRUST_PROXY: "maybe", PUBLIC_URL: "not a url", JOIN_WRONG_CODES_PER_MINUTE: "0" });
    for (const name of ["NODE_ENV", "TRUST_PROXY", "PUBLIC_URL", "JOIN_WRONG_CODES_PER_MINUTE"]) {
      expect(error.message).toMatch(new RegExp(`^\\s+${name}: `, "m"));
    }
  });
});

describe("publicEnv", () => {
  it("exposes only the public URL, never the secret", () => {
    const env = parseEnv({ SESSION_SECRET: GOOD_SECRET, PUBLIC_URL: "https://rolecall.example.org" });
    const exposed = publicEnv(env);
    expect(exposed).toEqual({ publicUrl: "https://rolecall.example.org" });
    expect(JSON.stringify(exposed)).not.toContain(GOOD_SECRET);
  });
});
