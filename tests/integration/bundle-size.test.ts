import { describe, expect, it } from "vitest";
import { measureBundles } from "../../bench/lib/bundles";

/**
 * Page weight budgets (issue 8): gzipped JavaScript a page loads on first
 * visit, from the built Remix manifest. Sizes are a property of the build, not
 * of timing, so this is safe to assert. Needs `npm run build` first, like
 * every integration test.
 */
describe("page JavaScript budgets", () => {
  const sizes = measureBundles();
  for (const page of sizes.filter((p) => p.budgetKiB !== null)) {
    it(`${page.page} loads at most ${page.budgetKiB} KiB of gzipped JavaScript (now ${page.gzipKiB} KiB)`, () => {
      expect(page.gzipKiB).toBeLessThanOrEqual(page.budgetKiB!);
    });
  }
});
