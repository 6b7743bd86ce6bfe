// Store benchmark: bulk finding inserts (the 20,000-row target) and the report queries over them.
// Run: npx tsx bench/store.bench.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Finding } from "../contracts/resource.js";
import { FINDINGS_PER_STATEMENT, newId, openStore } from "../store/index.js";
import type { Store } from "../store/index.js";
import { openSqliteFile } from "../store/sqlite.js";

const FINDINGS = 20_000;
const ROUNDS = 5;

function makeFindings(count: number, policies: number): Finding[] {
  return Array.from({ length: count }, (_, i) => ({
    policyId: `policy-${i % policies}`,
    policyVersion: 1,
    ruleId: `rule-${i % 7}`,
    kind: "aws.s3.bucket",
    resourceId: `bucket-${i}`,
    region: i % 2 === 0 ? "eu-west-1" : "us-east-1",
    status: i % 4 === 0 ? "pass" : "fail",
    reason: "default encryption is not configured",
    evidence: [{ path: "encryption.enabled", expected: "eq true", actual: i % 4 === 0 }],
  }));
}

async function timed<T>(operation: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await operation();
  return { ms: performance.now() - start, value };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function completedRun(store: Store, findings: Finding[]): Promise<{ runId: string; ms: number }> {
  const run = await store.runs.createRun({ intent: "bench", kind: "check", target: { type: "sandbox" }, actor: "bench" });
  const { ms } = await timed(() => store.findings.insertFindings(run.id, findings));
  await store.runs.updateRun(run.id, { status: "completed" });
  return { runId: run.id, ms };
}

/**
 * Reference point, not product code: the same rows through one prepared better-sqlite3
 * statement per row in one transaction, on a store-migrated file. Shows what the machine's
 * SQLite can do, so the figure above reads as overhead rather than as an absolute.
 */
async function rawBaseline(file: string, findings: Finding[]): Promise<number[]> {
  const store = await openStore({ file });
  const run = await store.runs.createRun({ intent: "bench", kind: "check", target: {}, actor: "bench" });
  await store.close();
  const db = openSqliteFile(file);
  try {
    // Columns by name: later migrations append columns (the location ones), which keep their defaults here.
    const insert = db.prepare("insert into findings (id, run_id, policy_id, policy_version, rule_id, kind, resource_id, region, status, reason, evidence, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const rounds: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const at = new Date().toISOString();
      const start = performance.now();
      db.transaction(() => {
        for (const f of findings) {
          insert.run(newId("fnd"), run.id, f.policyId, f.policyVersion, f.ruleId, f.kind, f.resourceId, f.region, f.status, f.reason, JSON.stringify(f.evidence), at);
        }
      })();
      rounds.push(performance.now() - start);
    }
    return rounds;
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "agpm-store-bench-"));
  const store = await openStore({ file: join(dir, "bench.db") });
  try {
    const findings = makeFindings(FINDINGS, 10);
    const inserts: number[] = [];
    let lastRun = "";
    for (let round = 0; round < ROUNDS; round++) {
      const { runId, ms } = await completedRun(store, findings);
      inserts.push(ms);
      lastRun = runId;
    }
    const list = await timed(() => store.findings.listFindings({ runId: lastRun }));
    const failing = await timed(() => store.findings.listFindings({ policyId: "policy-3", status: "fail" }));
    const latest = await timed(() => store.findings.latestFindings());
    const latestOne = await timed(() => store.findings.latestFindings({ policyId: "policy-3" }));

    const rate = Math.round(FINDINGS / (median(inserts) / 1000));
    console.log(`store benchmark (SQLite file, WAL; ${FINDINGS_PER_STATEMENT} rows per INSERT)`);
    console.log(`  insertFindings ${FINDINGS} rows  median ${median(inserts).toFixed(1)} ms  (rounds: ${inserts.map((ms) => ms.toFixed(0)).join(", ")} ms; ~${rate.toLocaleString("en")} rows/s)`);
    console.log(`  table now holds ${(FINDINGS * ROUNDS).toLocaleString("en")} findings over ${ROUNDS} completed runs`);
    console.log(`  listFindings run            ${list.ms.toFixed(1)} ms  (${list.value.length} rows)`);
    console.log(`  listFindings policy+fail    ${failing.ms.toFixed(1)} ms  (${failing.value.length} rows)`);
    console.log(`  latestFindings all policies ${latest.ms.toFixed(1)} ms  (${latest.value.length} rows)`);
    console.log(`  latestFindings one policy   ${latestOne.ms.toFixed(1)} ms  (${latestOne.value.length} rows)`);
    const raw = await rawBaseline(join(dir, "raw.db"), findings);
    console.log(`  reference: raw better-sqlite3, prepared per row, same schema  median ${median(raw).toFixed(1)} ms`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
