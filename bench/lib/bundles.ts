import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

/**
 * Gzipped JavaScript a page loads, read from the Remix build manifest: the
 * entry, the root route and the page's route with every chunk they import.
 * Sizes are deterministic for a given build, so they can also be asserted.
 */

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

interface ManifestRoute {
  id: string;
  parentId?: string;
  module: string;
  imports?: string[];
}

interface Manifest {
  entry: { module: string; imports?: string[] };
  routes: Record<string, ManifestRoute>;
}

export function readManifest(root = repoRoot): Manifest {
  const dir = path.join(root, "public/build");
  const file = fs.readdirSync(dir).find((f) => /^manifest-[A-Za-z0-9]+\.js$/.test(f));
  if (!file) throw new Error("No Remix manifest in public/build: run `npm run build` first.");
  const text = fs.readFileSync(path.join(dir, file), "utf8");
  return JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as Manifest;
}

/** Every JS file a route needs on first load (entry, its ancestors, itself). */
export function routeFiles(manifest: Manifest, routeId: string): string[] {
  const files = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
  for (let route: ManifestRoute | undefined = manifest.routes[routeId]; route; route = route.parentId ? manifest.routes[route.parentId] : undefined) {
    files.add(route.module);
    for (const f of route.imports ?? []) files.add(f);
  }
  if (!manifest.routes[routeId]) throw new Error(`No route ${routeId} in the manifest.`);
  return [...files];
}

export function gzippedBytes(files: string[], root = repoRoot): number {
  let total = 0;
  for (const f of files) total += zlib.gzipSync(fs.readFileSync(path.join(root, "public", f)), { level: 9 }).length;
  return total;
}

export const PAGE_BUDGETS = [
  { page: "join (/join)", routeId: "routes/join", budgetKiB: 120 },
  { page: "participant live page (/p/$workshopId)", routeId: "routes/p.$workshopId", budgetKiB: null },
  { page: "facilitator console (/w/$workshopId)", routeId: "routes/w.$workshopId._index", budgetKiB: 250 },
] as const;

export function measureBundles(root = repoRoot) {
  const manifest = readManifest(root);
  return PAGE_BUDGETS.map(({ page, routeId, budgetKiB }) => {
    const files = routeFiles(manifest, routeId);
    const kib = Math.round((gzippedBytes(files, root) / 1024) * 10) / 10;
    return { page, routeId, files: files.length, gzipKiB: kib, budgetKiB, withinBudget: budgetKiB === null ? null : kib <= budgetKiB };
  });
}

export type BundleSizes = ReturnType<typeof measureBundles>;
