// Bundles server/ into build/server.js (and the Yjs process's entry into
// build/yjs-process.js) beside the Remix build. Packages stay
// external (installed in node_modules); only our TypeScript is compiled.
import { build } from "esbuild";

await build({
  // The Yjs documents run in a process of their own (server/collab/yjs-host-process.ts).
  entryPoints: { server: "server/index.ts", "yjs-process": "server/collab/yjs-process.ts" },
  outdir: "build",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
