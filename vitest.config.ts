import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Unit tests sit beside the code they test; integration tests start a real
// server on port 0 with a real SQLite file and live in tests/integration.
export default defineConfig({
  test: {
    include: ["server/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts", "bench/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    // Generous: scrypt is deliberately slow and CI machines are small; speed lives in bench/.
    testTimeout: 60_000,
    // Vitest's default is cores − 1 workers: one on a 2-core machine, where files then ran one
    // at a time and the suite spent more time importing each file than testing (167 s wall for
    // 70 s of tests). Two workers there: 110 s; three: 122 s. So at least two, else the default.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    hookTimeout: 60_000,
  },
});
