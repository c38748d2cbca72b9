import { defineConfig } from "vitest/config";

// Unit tests sit beside the code they test; integration tests start a real
// server on port 0 with a real SQLite file and live in tests/integration.
export default defineConfig({
  test: {
    include: ["server/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts", "bench/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    // Generous: scrypt is deliberately slow and CI machines are small; speed lives in bench/.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
