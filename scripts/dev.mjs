// Development: rebuild the web app on change (remix watch) and restart the
// server on server changes (tsx watch). The server re-imports the Remix build
// on each request in this mode, so page edits need only a browser reload.
import { spawn, spawnSync } from "node:child_process";

const run = (cmd, args, env = {}) =>
  spawn(cmd, args, { stdio: "inherit", env: { ...process.env, ...env }, shell: false });

const first = spawnSync("npx", ["remix", "build"], { stdio: "inherit" });
if (first.status !== 0) process.exit(first.status ?? 1);

const children = [
  run("npx", ["remix", "watch"]),
  run("npx", ["tsx", "watch", "--clear-screen=false", "--ignore", "build/**", "--ignore", "public/build/**", "server/index.ts"], {
    ROLECALL_DEV_RELOAD: "1",
  }),
];
const stop = () => {
  for (const child of children) child.kill("SIGTERM");
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const child of children) child.on("exit", (code) => code && code !== 0 && stop());
