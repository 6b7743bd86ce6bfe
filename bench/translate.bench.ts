// Measures the offline translator on the intent corpus: the share translated exactly right by
// control family, on the tuning corpus and separately on the held-out slice it was never tuned
// on, and translation latency (target: p95 < 50 ms).
// Run: npm run bench:translate
import { performance } from "node:perf_hooks";
import { differences, loadCorpus, translateLine, type CorpusLine } from "../test/agents/corpus-harness.js";

const ROUNDS = 5;

interface Scored {
  line: CorpusLine;
  diffs: string[];
}

const pct = (n: number, d: number): string => (d === 0 ? "    -" : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

function table(title: string, scored: readonly Scored[]): void {
  const families = [...new Set(scored.map((s) => s.line.family))].sort();
  console.log(`\n${title}`);
  for (const family of families) {
    const rows = scored.filter((s) => s.line.family === family);
    const exact = rows.filter((s) => s.diffs.length === 0).length;
    console.log(`  ${family.padEnd(16)} ${String(exact).padStart(4)} / ${String(rows.length).padEnd(4)} ${pct(exact, rows.length)}`);
  }
  const exact = scored.filter((s) => s.diffs.length === 0).length;
  console.log(`  ${"all".padEnd(16)} ${String(exact).padStart(4)} / ${String(scored.length).padEnd(4)} ${pct(exact, scored.length)}`);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const corpus = loadCorpus();
const coldStart = performance.now();
const scored: Scored[] = [];
for (const line of corpus) scored.push({ line, diffs: differences(line.expect, await translateLine(line.intent)) });
const firstPass = performance.now() - coldStart;

table(`Exact translations, tuning corpus (${corpus.filter((l) => !l.heldOut).length} intents)`, scored.filter((s) => !s.line.heldOut));
table(`Exact translations, held-out slice (${corpus.filter((l) => l.heldOut).length} intents, never tuned on)`, scored.filter((s) => s.line.heldOut));

const misses = scored.filter((s) => s.diffs.length > 0);
if (misses.length > 0) {
  console.log("\nNot exact:");
  for (const m of misses) console.log(`  [${m.line.family}${m.line.heldOut ? ", held-out" : ""}] ${m.line.intent}\n      ${m.diffs.join("\n      ")}`);
}

const times: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const line of corpus) {
    const start = performance.now();
    await translateLine(line.intent);
    times.push(performance.now() - start);
  }
}
times.sort((a, b) => a - b);
const ms = (n: number): string => `${n.toFixed(2)} ms`;
const p95 = percentile(times, 95);
console.log(`\nLatency per intent (parse + offline translation; ${times.length} translations after a warm pass of ${corpus.length} in ${ms(firstPass)}):`);
console.log(`  p50 ${ms(percentile(times, 50))}   p95 ${ms(p95)}   max ${ms(times[times.length - 1] ?? 0)}   target p95 < 50 ms: ${p95 < 50 ? "met" : "MISSED"}`);
