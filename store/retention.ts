// Findings retention: which runs' per-run findings are old enough to delete, keeping what
// `agpm findings` shows (each policy's latest completed run) and runs that are not finished.
import type { Kysely } from "kysely";
import type { RunStatus } from "./records.js";
import type { Database } from "./tables.js";

const DAY_MS = 86_400_000;
/** Runs still moving (or waiting for a person) may read their findings again. */
const FINISHED: readonly RunStatus[] = ["completed", "failed", "rejected"];
/** Run ids per DELETE statement, well inside both engines' parameter limits. */
const RUNS_PER_DELETE = 500;

/** The most recent completed run per policy, from (policy, run, createdAt) candidates. */
export function latestRunPerPolicy(candidates: ReadonlyArray<{ policy_id: string; run_id: string; created_at: string }>): Map<string, string> {
  const best = new Map<string, { runId: string; createdAt: string }>();
  for (const { policy_id, run_id, created_at } of candidates) {
    const current = best.get(policy_id);
    // Ids are time-sortable, so they break ties between runs created in the same instant.
    const newer = current === undefined || created_at > current.createdAt || (created_at === current.createdAt && run_id > current.runId);
    if (newer) best.set(policy_id, { runId: run_id, createdAt: created_at });
  }
  return new Map([...best].map(([policyId, { runId }]) => [policyId, runId]));
}

/** Each policy's latest completed run that has findings (what `latestFindings` reads). */
export async function latestCompletedRuns(db: Kysely<Database>, policyId?: string): Promise<Map<string, string>> {
  let pairs = db.selectFrom("findings").select(["policy_id", "run_id"]).distinct();
  if (policyId !== undefined) pairs = pairs.where("policy_id", "=", policyId);
  const candidates = await db
    .selectFrom(pairs.as("pr"))
    .innerJoin("runs as r", "r.id", "pr.run_id")
    .select(["pr.policy_id", "pr.run_id", "r.created_at"])
    .where("r.status", "=", "completed")
    .execute();
  return latestRunPerPolicy(candidates);
}

/**
 * Deletes the findings rows of finished runs created more than `days` days before `now`,
 * except each policy's latest completed run. Runs, findings history and audit are untouched.
 * Returns how many findings rows were deleted.
 */
export async function pruneFindings(db: Kysely<Database>, days: number, now: string): Promise<number> {
  const cutoff = new Date(Date.parse(now) - days * DAY_MS).toISOString();
  const old = await db
    .selectFrom("runs as r")
    .select("r.id")
    .where("r.created_at", "<", cutoff)
    .where("r.status", "in", FINISHED)
    .where((eb) => eb.exists(eb.selectFrom("findings as f").select("f.id").whereRef("f.run_id", "=", "r.id")))
    .execute();
  if (old.length === 0) return 0;
  const kept = new Set((await latestCompletedRuns(db)).values());
  const doomed = old.map((run) => run.id).filter((id) => !kept.has(id));
  let deleted = 0;
  for (let start = 0; start < doomed.length; start += RUNS_PER_DELETE) {
    const result = await db.deleteFrom("findings").where("run_id", "in", doomed.slice(start, start + RUNS_PER_DELETE)).executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}
