// Reading sweeps back from the queue for the benchmark: the timing of each (policy, region)
// child of a sweep, and the scheduled sweeps that have finished.
import { Job } from "bullmq";
import type { SweepsQueue } from "../../client/producer.js";
import type { SweepJobResult, SweepResult } from "../../contracts/sweeps-queue.js";

export interface ChildTiming {
  policyId: string;
  region: string | null;
  resources: number;
  /** From being added (at fan-out) to being picked up by a worker. */
  waitMs: number;
  /** From being picked up to finishing. */
  runMs: number;
}

export function isSweepResult(result: SweepJobResult): result is SweepResult {
  return "runs" in result && "totals" in result;
}

/** How long each run of a finished sweep waited and ran, read from its child job. */
export async function childTimings(queue: SweepsQueue, result: SweepResult): Promise<ChildTiming[]> {
  const timings = await Promise.all(
    result.runs.map(async (run): Promise<ChildTiming | null> => {
      const job = await Job.fromId(queue, `${run.sweepId}-${run.policyId}-${run.region}`);
      if (!job?.processedOn || !job.finishedOn) return null;
      return { policyId: run.policyId, region: run.region, resources: run.summary.resources, waitMs: job.processedOn - job.timestamp, runMs: job.finishedOn - job.processedOn };
    }),
  );
  return timings.flatMap((t) => (t ? [t] : []));
}

export interface FinishedSweep {
  jobId: string;
  /** From when it was due (its scheduled time) to when its report was ready. */
  durationMs: number;
  finishedOn: number;
  result: SweepResult;
}

/** The `sweep` jobs that have completed on the queue, oldest first. */
export async function finishedSweeps(queue: SweepsQueue): Promise<FinishedSweep[]> {
  const jobs = await queue.getJobs(["completed"], 0, 5_000);
  return jobs
    .flatMap((job): FinishedSweep[] => {
      const result = job.returnvalue;
      if (job.name !== "sweep" || !job.finishedOn || !result || !isSweepResult(result)) return [];
      // job.delay is reset when a delayed job is promoted; the options keep the delay it was added with.
      const due = job.timestamp + (job.opts.delay ?? 0);
      return [{ jobId: job.id ?? "", durationMs: job.finishedOn - due, finishedOn: job.finishedOn, result }];
    })
    .sort((a, b) => a.finishedOn - b.finishedOn);
}
