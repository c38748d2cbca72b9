import { z } from "zod";
import { DEFAULT_IDLE_WORKSHOP_SECONDS } from "./services/idle-workshops";

/**
 * The environment, read once at start-up. A bad value stops the server with
 * a message naming the variable; nothing else reads process.env.
 */

const DEV_SESSION_SECRET = "rolecall-development-secret-do-not-use-in-production";

const booleanFromString = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "use true or false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** ICE_SERVERS: a JSON array of RTCIceServer, e.g. [{"urls":"stun:stun.example.org:3478"}]. */
const iceServerSchema = z.object({
  urls: z.union([z.string(), z.array(z.string()).min(1)]).refine(
    (urls) => (Array.isArray(urls) ? urls : [urls]).every((u) => /^(stun|turn|turns):[^\s]+$/.test(u)),
    { error: "each url must start with stun:, turn: or turns:" },
  ),
  username: z.string().optional(),
  credential: z.string().optional(),
});
const iceServersFromJson = z
  .string()
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: 'must be JSON, e.g. [{"urls":"stun:stun.example.org:3478"}]' });
      return z.NEVER;
    }
  })
  .pipe(z.array(iceServerSchema, { error: 'must be a JSON array of {"urls": …, "username"?: …, "credential"?: …}' }));

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"], { error: "use development, production or test" }).default("development"),
    PORT: z.coerce.number({ error: "use a port number" }).int("use a whole number").min(0, "use 0–65535").max(65535, "use 0–65535").default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    DATABASE_PATH: z.string().min(1, "give a file path").default("./data/rolecall.db"),
    SESSION_SECRET: z.string().min(32, "use at least 32 random characters").optional(),
    PUBLIC_URL: z.url({ error: "use a full URL such as https://rolecall.example.org" }).optional(),
    SCENARIOS_DIR: z.string().min(1).default("./scenarios"),
    TRUST_PROXY: booleanFromString.default(false),
    JOIN_WRONG_CODES_PER_MINUTE: z.coerce.number().int().min(1, "use 1 or more").max(1000).default(10),
    LOGIN_FAILURES_PER_15_MINUTES: z.coerce.number().int().min(1, "use 1 or more").max(1000).default(5),
    /** A workshop nobody is connected to leaves memory after this long unused (services/idle-workshops.ts). */
    IDLE_WORKSHOP_SECONDS: z.coerce
      .number({ error: "use a number of seconds" })
      .int("use whole seconds")
      .min(1, "use 1–86400 seconds")
      .max(86_400, "use 1–86400 seconds")
      .default(DEFAULT_IDLE_WORKSHOP_SECONDS),
    /**
     * Where the Yjs documents live: in a process of their own (separate, the default: edits never
     * wait for the main process's view fan-outs or garbage collection), or in the main process
     * (inline: one process, e.g. to debug). A :memory: database is always inline.
     */
    YJS_PROCESS: z.enum(["separate", "inline"], { error: "use separate (the default) or inline" }).default("separate"),
    AUDIO_PROVIDER: z.enum(["mesh", "livekit"], { error: "use mesh (built in) or livekit" }).default("mesh"),
    ICE_SERVERS: iceServersFromJson.default([]),
    LIVEKIT_URL: z.url({ protocol: /^(wss?|https?)$/, error: "use the LiveKit server's URL, e.g. wss://livekit.example.org" }).optional(),
    LIVEKIT_API_KEY: z.string().min(1).optional(),
    LIVEKIT_API_SECRET: z.string().min(1).optional(),
    /**
     * Bench only: report event-loop delay, CPU and memory to the parent process over its IPC
     * channel (see server/bench-metrics.ts). Off by default; it opens no port, so nothing outside
     * the process that spawned the server can reach it.
     */
    ROLECALL_BENCH_METRICS: booleanFromString.default(false),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_SECRET"],
        message: "must be set when NODE_ENV=production (at least 32 random characters, e.g. from `openssl rand -hex 32`)",
      });
    }
    if (env.AUDIO_PROVIDER === "livekit") {
      for (const name of ["LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"] as const) {
        if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: "must be set when AUDIO_PROVIDER=livekit (see your LiveKit project's settings)" });
      }
    }
  })
  .transform((env) => ({
    ...env,
    SESSION_SECRET: env.SESSION_SECRET ?? DEV_SESSION_SECRET,
    usingDevelopmentSecret: !env.SESSION_SECRET,
  }));

export type Env = z.output<typeof envSchema>;

export class EnvError extends Error {}

/** Parses a raw environment; empty strings count as unset. */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "environment"}: ${issue.message}`);
  throw new EnvError(`Rolecall cannot start: fix these environment variables.\n${lines.join("\n")}`);
}

/** The only part of the configuration the browser may see. */
export interface PublicEnv {
  publicUrl: string | null;
}

export function publicEnv(env: Env): PublicEnv {
  return { publicUrl: env.PUBLIC_URL ?? null };
}
