// The sweeps worker. A `sweep` job fans out one child per (policy, root, partition) — root: an
// organisation's account; one root for a single account — waits for them as
// a BullMQ parent (its data records the step it reached, so a retried sweep neither fans out
// twice nor loses its children), and completes with the sweep's report. A `sweep-policy` job
// runs the sweep graph for one policy in one partition (AWS: region) of one root.
import { WaitingChildrenError, type Job } from "bullmq";
import { AgpmError } from "../core/errors.js";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import type { GraphDeps } from "../graphs/deps.js";
import { startRun } from "../graphs/runner.js";
import { newId } from "../store/index.js";
import { scopePartitions } from "../engine/scope.js";
import { jobFailure } from "./failures.js";
import { policyResult, summarise, sweepLocation } from "./sweep-report.js";
import { choosePolicies, missingPolicyFailure } from "./sweep-now.js";
import { acquireRunLock, runLockKey } from "./run-lock.js";
import type { SweepsQueue } from "../client/producer.js";
import { connectionOf, prefixOf } from "../client/connection.js";
import type { Target } from "../contracts/target.js";
import { startQueueWorker, type QueueWorkerOptions, type RunningWorker } from "./start-worker.js";
import {
  parseSweepJob, SWEEPS_QUEUE,
  type SweepChildResult, type SweepJobData, type SweepJobResult, type SweepPolicyJobData, type SweepPolicyJobInput, type SweepResult,
} from "../contracts/sweeps-queue.js";

export interface SweepWorkerDefaults {
  maxChanges: number;
  maxTranslationAttempts: number;
  /** How long a (policy, region) lock outlives a worker that stopped renewing it. */
  lockMs?: number;
}

/** One child a sweep fans out; `target` is the root's own when the sweep's target has many roots. */
interface FannedRun {
  policyId: string;
  root: string;
  partition: string | null;
  target: Target | null;
}

export type SweepProcessor = (job: Job<unknown, SweepJobResult, string>, token?: string) => Promise<SweepJobResult>;

/** Children keep their result a day; the parent holds a copy of each in its own report. */
const CHILD_RETENTION = { removeOnComplete: { age: 24 * 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600 } };


export function createSweepProcessor(deps: GraphDeps, checkpointer: BaseCheckpointSaver, queue: SweepsQueue, defaults: SweepWorkerDefaults): SweepProcessor {
  /**
   * The runs a sweep covers: active policies, each in each root of the target (an organisation's
   * accounts; one for a single account) and each of that root's partitions within the policy's scope.
   * A root that could not be opened gets one run over all its partitions, which reports why.
   */
  async function work(data: SweepJobData): Promise<{ runs: FannedRun[]; missing: string[] }> {
    const { chosen, missing } = await choosePolicies(deps, data.policyIds);
    if (chosen.length === 0) return { runs: [], missing };
    const opened = await deps.openTarget(data.options.target);
    const many = opened.roots?.();
    const roots: Array<{ root: string; partitions: readonly (string | null)[]; target: Target | null }> = many
      ? many.map((r) => ({ root: r.root, partitions: r.error ? [null] : r.partitions, target: r.target }))
      : [{ root: opened.root(), partitions: [...opened.partitions()], target: null }];
    opened.close();
    const runs = chosen.flatMap((policy) => {
      const scoped = scopePartitions(policy.scope);
      return roots.flatMap(({ root, partitions, target }) => partitions
        .filter((p) => p === null || !scoped || scoped.includes(p))
        .map((partition) => ({ policyId: policy.id, root, partition, target })));
    });
    return { runs, missing };
  }

  async function fanOut(job: Job<unknown, SweepJobResult, string>, data: SweepJobData): Promise<SweepJobData> {
    const sweepId = data.sweepId ?? newId("swp");
    const started: SweepJobData = { ...data, sweepId, startedAt: data.startedAt ?? deps.now().toISOString() };
    const { runs, missing } = await work(started);
    for (const { policyId, root, partition, target } of runs) {
      // One root: the partition alone tells children apart (ids as before organisations). Many: the root too.
      const jobId = target ? `${sweepId}-${policyId}-${root}-${partition ?? "all"}` : `${sweepId}-${policyId}-${partition}`;
      // Each child of an organisation opens its own account alone, not the whole organisation again.
      const options = target ? { ...started.options, target } : started.options;
      const child: SweepPolicyJobInput = { sweepId, policyId, partition, root, runId: `run_${jobId.replace(/-/g, "_")}`, options };
      // A fixed job id: a sweep retried half-way through re-adds the same children, not new ones.
      await queue.add("sweep-policy", child, {
        jobId,
        parent: { id: job.id ?? "", queue: job.queueQualifiedName },
        // A failed child is reported by the sweep, not a reason to hold the sweep open forever.
        ignoreDependencyOnFailure: true,
        attempts: 3,
        backoff: { type: "exponential", delay: 2_000 },
        ...CHILD_RETENTION,
      });
    }
    const stepped: SweepJobData = { ...started, step: "waiting", ...(missing.length > 0 ? { missing } : {}) };
    await job.updateData(stepped);
    return stepped;
  }

  async function sweep(job: Job<unknown, SweepJobResult, string>, data: SweepJobData, token: string | undefined): Promise<SweepResult> {
    const stepped = data.step === "waiting" ? data : await fanOut(job, data);
    if (token && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
    const values = Object.values(await job.getChildrenValues<SweepChildResult>());
    const ignored = await job.getIgnoredChildrenFailures();
    const failures = Object.entries(ignored).map(([key, reason]) => ({ jobId: key.split(":").pop() ?? key, reason }));
    failures.push(...(stepped.missing ?? []).map(missingPolicyFailure));
    const folded = values.flatMap((v) => (v.outcome === "folded" ? [{ policyId: v.policyId, region: v.region, jobId: v.jobId, ...(v.root ? { root: v.root } : {}) }] : []));
    const runs = values.flatMap((v) => {
      if (v.outcome !== "ran") return [];
      const { outcome: _ran, ...run } = v;
      return [run];
    });
    return summarise({ ...stepped, folded }, runs, failures, deps.now().toISOString());
  }

  async function sweepPolicy(job: Job<unknown, SweepJobResult, string>, data: SweepPolicyJobData): Promise<SweepChildResult> {
    const redis = connectionOf(queue);
    if (!redis) throw new AgpmError("INTERNAL", "the sweeps worker needs a queue opened with openSweepsQueue");
    const prefix = prefixOf(queue);
    const lock = await acquireRunLock(redis, runLockKey(prefix, data.policyId, { partition: data.partition, root: data.root }), job.id ?? data.runId, defaults.lockMs ?? 30_000);
    if (!lock.held) return { outcome: "folded", policyId: data.policyId, region: data.partition, jobId: lock.holder, ...(data.root ? { root: data.root } : {}) };
    try {
      return { outcome: "ran", ...(await runPolicy(data)) };
    } finally {
      await lock.release();
    }
  }

  async function runPolicy(data: SweepPolicyJobData) {
    const { report } = await startRun(deps, checkpointer, {
      runId: data.runId,
      intent: `Sweep of ${data.policyId}${data.partition ? ` in ${data.partition}` : ""}`,
      options: {
        command: "sweep",
        sweep: { policyId: data.policyId, partition: data.partition, sweepId: data.sweepId },
        apply: data.options.apply,
        autoApprove: data.options.autoApprove,
        maxChanges: data.options.maxChanges ?? defaults.maxChanges,
        maxTranslationAttempts: defaults.maxTranslationAttempts,
        target: data.options.target,
        actor: data.options.requester,
        source: data.options.source,
      },
    });
    if (report.error) throw jobFailure(report.error);
    return policyResult({ sweepId: data.sweepId, policyId: data.policyId, location: sweepLocation(data.options.target, data.partition, data.root, report) }, report);
  }

  return async (job, token) => {
    let parsed;
    try {
      parsed = parseSweepJob(job.name, job.data);
    } catch (error) {
      throw jobFailure(error);
    }
    try {
      if (parsed.name === "sweep") return await sweep(job, parsed.data, token);
      return await sweepPolicy(job, parsed.data);
    } catch (error) {
      if (error instanceof WaitingChildrenError) throw error;
      throw jobFailure(error);
    }
  };
}

export function startSweepWorker(processor: SweepProcessor, options: QueueWorkerOptions): RunningWorker<SweepJobResult> {
  return startQueueWorker(SWEEPS_QUEUE, processor, options);
}
