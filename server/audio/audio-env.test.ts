import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../env";

/** The audio part of the environment (server/env.ts holds the one schema). */

function problems(raw: Record<string, string>): string {
  try {
    parseEnv(raw);
  } catch (error) {
    if (error instanceof EnvError) return error.message;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be refused`);
}

const LIVEKIT = { AUDIO_PROVIDER: "livekit", LIVEKIT_URL: "wss://livekit.example.org", LIVEKIT_API_KEY: "APIkey", LIVEKIT_API_SECRET: "secret" };

describe("audio configuration", () => {
  it("defaults to the built-in mesh with no ICE servers", () => {
    expect(parseEnv({})).toMatchObject({ AUDIO_PROVIDER: "mesh", ICE_SERVERS: [] });
  });

  it("reads ICE_SERVERS as JSON RTCIceServer entries", () => {
    const env = parseEnv({ ICE_SERVERS: '[{"urls":"stun:stun.example.org:3478"},{"urls":["turn:turn.example.org:3478?transport=udp","turns:turn.example.org:5349"],"username":"u","credential":"c"}]' });
    expect(env.ICE_SERVERS).toEqual([
      { urls: "stun:stun.example.org:3478" },
      { urls: ["turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349"], username: "u", credential: "c" },
    ]);
  });

  it("names ICE_SERVERS and says what is wrong", () => {
    expect(problems({ ICE_SERVERS: "stun:stun.example.org" })).toMatch(/ICE_SERVERS: must be JSON/);
    expect(problems({ ICE_SERVERS: '{"urls":"stun:x"}' })).toMatch(/ICE_SERVERS: must be a JSON array/);
    expect(problems({ ICE_SERVERS: '[{"urls":"https://x.example.org"}]' })).toMatch(/ICE_SERVERS\.0\.urls: each url must start with stun:, turn: or turns:/);
  });

  it("needs all three LiveKit settings for AUDIO_PROVIDER=livekit, naming each missing one", () => {
    expect(parseEnv(LIVEKIT)).toMatchObject(LIVEKIT);
    const message = problems({ AUDIO_PROVIDER: "livekit", LIVEKIT_URL: "wss://livekit.example.org" });
    expect(message).toMatch(/LIVEKIT_API_KEY: must be set when AUDIO_PROVIDER=livekit/);
    expect(message).toMatch(/LIVEKIT_API_SECRET: must be set when AUDIO_PROVIDER=livekit/);
    expect(message).not.toMatch(/LIVEKIT_URL/);
    expect(problems({ ...LIVEKIT, LIVEKIT_URL: "livekit.example.org" })).toMatch(/LIVEKIT_URL: use the LiveKit server's URL/);
    expect(problems({ AUDIO_PROVIDER: "jitsi" })).toMatch(/AUDIO_PROVIDER: use mesh \(built in\) or livekit/);
  });
});
