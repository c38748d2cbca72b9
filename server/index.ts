import { startRolecall } from "./app";
import { startBenchMetrics } from "./bench-metrics";
import { EnvError, parseEnv } from "./env";

/** Process entry: read env once, start, and shut down cleanly on signals. */
async function main() {
  let env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (env.usingDevelopmentSecret) {
    console.warn("Using the development SESSION_SECRET. Set SESSION_SECRET (32+ random characters) before real use.");
  }
  // Bench only, off by default: figures for bench/run.ts over the IPC channel it spawned us with.
  const commandFanOuts = { count: 0, lastParticipantsMs: 0, lastConsoleMs: 0 };
  const server = await startRolecall(env, {
    reloadBuildOnRequest: process.env.ROLECALL_DEV_RELOAD === "1",
    onCommandFanOut: env.ROLECALL_BENCH_METRICS
      ? ({ participantsMs, consoleMs }) => {
          commandFanOuts.count++;
          commandFanOuts.lastParticipantsMs = participantsMs;
          commandFanOuts.lastConsoleMs = consoleMs;
        }
      : undefined,
  });
  const stopMetrics = env.ROLECALL_BENCH_METRICS
    ? startBenchMetrics(
        async () => ({
          loadedYjsDocs: (await server.collab.host.loadedDocNames()).length,
          workshopsInMemory: server.memory.workshopsInMemory(),
          fanOutWorkshops: server.memory.fanOutWorkshops(),
          commandFanOuts: commandFanOuts.count,
          lastCommandFanOutParticipantsMs: commandFanOuts.lastParticipantsMs,
          lastCommandFanOutConsoleMs: commandFanOuts.lastConsoleMs,
        }),
        (line) => console.log(line),
        server.collab.processHost?.sample,
      )
    : () => {};
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal} received, closing Rolecall.`);
    stopMetrics();
    await server.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
