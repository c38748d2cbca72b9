// Bundles server/ into build/server.js beside the Remix build. Packages stay
// external (installed in node_modules); only our TypeScript is compiled.
import { build } from "esbuild";

await build({
  entryPoints: ["server/index.ts"],
  outfile: "build/server.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
