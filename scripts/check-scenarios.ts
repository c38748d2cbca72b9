/**
 * `npm run scenarios:check [folder]` — validates the scenario library the same way the
 * server does at start-up, so a trainer can check an edit before anyone restarts anything.
 */
import { resolve } from "node:path";
import { formatProblems, loadCatalog } from "../server/services/scenario-catalog";

const dir = process.argv[2] ?? "scenarios";
const result = await loadCatalog(resolve(dir));

if (result.ok) {
  const { scenarios, rubrics } = result.catalog;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  console.log(`✓ ${plural(scenarios.length, "scenario")} and ${plural(rubrics.length, "rubric")} are valid`);
  process.exitCode = 0;
} else {
  console.error(formatProblems(result.problems, { dir }));
  console.error(`\n✗ Nothing was loaded. Fix the problems above and run npm run scenarios:check again.`);
  process.exitCode = 1;
}
