// How the workers benchmark prints each scenario's figures, and what the workers' logs said.
import type { IntentResult } from "./intents.js";
import type { LatencyResult } from "./latency.js";
import type { CpuUse } from "./cpu.js";
import { summariseLogs } from "./processes.js";
import { int, percent, perSecond, seconds } from "./stats.js";
import type { SweepMeasure, ThroughputResult } from "./throughput.js";

type Print = (line: string) => void;

export function printLatency(print: Print, r: LatencyResult, everyMs: number): void {
  const target = everyMs * 2;
  const s = r.summary;
  print(`  drift → verified remediation (${s.count} of ${s.count + r.missed.length} drifts remediated): mean ${seconds(s.mean)}, p50 ${seconds(s.p50)}, p95 ${seconds(s.p95)}, max ${seconds(s.max)}`);
  const verdict = r.missed.length === 0 && s.max < target ? "met" : s.p95 < target ? "met at p95, not at max" : "NOT met";
  print(`  target "under 2 sweep intervals (${seconds(target, 0)})": ${verdict}`);
  if (r.missed.length > 0) print(`  not remediated within ${seconds(everyMs * 6, 0)}: ${r.missed.join(", ")}`);
  print(`  scheduled sweeps: ${r.sweeps.count} finished, due → report mean ${seconds(r.sweeps.mean)}, max ${seconds(r.sweeps.max)}`);
  printLogs(print, r.logFiles);
}

const cpuSeconds = (v: number | null) => (v === null ? "n/a" : `${v.toFixed(1)} s`);

/** Machine CPU used by none of the workers, PostgreSQL, Redis or the benchmark: other work on the machine. */
function otherSeconds(cpu: CpuUse): number | null {
  return cpu.processSeconds === null || cpu.serviceSeconds === null ? null : Math.max(0, cpu.machineSeconds - cpu.processSeconds - cpu.serviceSeconds - cpu.benchSeconds);
}

/** "workers 44.6 s, PostgreSQL+Redis 12.0 s, benchmark 0.4 s, other 3.1 s — machine 94% busy on 2 cores" */
export function cpuLine(cpu: CpuUse, cores: number): string {
  return `workers ${cpuSeconds(cpu.processSeconds)}, PostgreSQL+Redis ${cpuSeconds(cpu.serviceSeconds)}, benchmark ${cpuSeconds(cpu.benchSeconds)}, other processes ${cpuSeconds(otherSeconds(cpu))} — machine ${percent(cpu.machineBusy)} busy on ${cores} cores`;
}

function measureLine(m: SweepMeasure, first: SweepMeasure | undefined, slots: number): string {
  const longest = [...m.children].sort((a, b) => b.runMs - a.runMs)[0];
  const busyMs = m.children.reduce((n, c) => n + c.runMs, 0);
  const speedup = first ? first.wallMs / m.wallMs : 1;
  return [
    `  ${String(m.workers).padStart(2)} × ${slots}`,
    seconds(m.wallMs, 1).padStart(8),
    perSecond(m.resources, m.wallMs).padStart(8),
    `×${speedup.toFixed(2)}`.padStart(6),
    (busyMs / m.wallMs).toFixed(1).padStart(6),
    (longest ? `${seconds(longest.runMs, 1)} ${longest.policyId.replace(/^bench-/, "")} ${longest.region ?? ""}` : "-").padEnd(34),
    cpuSeconds(m.cpu.processSeconds).padStart(7),
    cpuSeconds(m.cpu.serviceSeconds).padStart(7),
    cpuSeconds(otherSeconds(m.cpu)).padStart(7),
    percent(m.cpu.machineBusy).padStart(5),
  ].join(" │ ");
}

export function printThroughput(print: Print, r: ThroughputResult, slots: number, cores: number): void {
  const first = r.measures[0];
  const perSweep = first?.resources ?? r.baseline.resources;
  const runs = first?.runs ?? r.baseline.runs;
  print(`  ${r.policies} audit policies (one per kind, ${r.rules} rules in all) → ${runs} (policy, region) runs and ${int(perSweep)} resources evaluated per sweep; dry run`);
  print(`  baseline sweep (first observation, writes the history): ${seconds(r.baseline.wallMs, 1)} with ${r.baseline.workers} workers — ${perSecond(r.baseline.resources, r.baseline.wallMs)}`);
  print(`  workers×jobs │     wall │  evals/s │ speed │ runs∥  │ longest run                        │ workers │  pg+rds │   other │ busy`);
  for (const m of r.measures) print(measureLine(m, first, slots));
  print(`  (evals/s = resources evaluated per second; runs∥ = runs in progress on average (Σ run time ÷ wall); CPU seconds of the worker processes, of local`);
  print(`   PostgreSQL+Redis processes, and of other processes on the machine, benchmark excluded; busy = share of all ${cores} cores)`);
  for (const m of [r.baseline, ...r.measures]) {
    if (m.failures.length > 0) print(`  ${m.workers} workers: ${m.failures.length} problem(s): ${m.failures.slice(0, 3).join(" | ")}`);
  }
  print(`  → ${scalingVerdict(r.measures, cores)}`);
  printLogs(print, r.logFiles);
}

/** Where throughput stops growing with workers, and the most likely reason from the figures. */
export function scalingVerdict(measures: readonly SweepMeasure[], cores: number): string {
  const sorted = [...measures].sort((a, b) => a.workers - b.workers);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (!prev || !cur) continue;
    const gain = prev.wallMs / cur.wallMs;
    const ideal = cur.workers / prev.workers;
    if (gain < 1 + (ideal - 1) * 0.5) {
      const longest = Math.max(...cur.children.map((c) => c.runMs));
      const reasons: string[] = [];
      if (cur.cpu.machineBusy > 0.85) reasons.push(`the machine was ${percent(cur.cpu.machineBusy)} busy on ${cores} cores (CPU-bound; ${cpuLine(cur.cpu, cores)})`);
      if (longest > cur.wallMs * 0.6) reasons.push(`the slowest single run took ${seconds(longest, 1)} of the ${seconds(cur.wallMs, 1)} sweep (one (policy, region) run is the critical path; its AWS calls × latency ÷ SDK concurrency bound it)`);
      if (reasons.length === 0) reasons.push("neither CPU nor one long run explains it: look at queue waits and store contention");
      return `stops scaling between ${prev.workers} and ${cur.workers} workers (×${gain.toFixed(2)} for ×${ideal} workers): ${reasons.join("; ")}`;
    }
  }
  const last = sorted[sorted.length - 1];
  return `kept scaling up to ${last?.workers ?? 0} worker${last?.workers === 1 ? "" : "s"}`;
}

export function printIntents(print: Print, r: IntentResult, workers: number, concurrency: number, cores: number): void {
  const perMinute = (r.completed / r.wallMs) * 60_000;
  print(`  ${r.submitted} distinct check intents, ${workers} worker processes × ${concurrency} jobs: ${r.completed} completed, ${r.failed.length} failed in ${seconds(r.wallMs)} (submit of the first → last finished) — ${int(perMinute)} intents/minute`);
  print(`  (after ${r.warmUp} untimed warm-up intents, one per job slot)`);
  print(`  per job in a worker: mean ${seconds(r.processing.mean)}, p95 ${seconds(r.processing.p95)}; waiting in the queue: mean ${seconds(r.waiting.mean)}, max ${seconds(r.waiting.max)}`);
  print(`  CPU: ${cpuLine(r.cpu, cores)}`);
  for (const f of r.failed.slice(0, 5)) print(`  failed: "${f.intent}": ${f.reason}`);
  printLogs(print, r.logFiles);
}

function printLogs(print: Print, files: readonly string[]): void {
  const logs = summariseLogs(files);
  const failed = Object.entries(logs.failed).map(([outcome, n]) => `${n} ${outcome}`).join(", ");
  print(`  worker logs: ${logs.completed} jobs completed${failed ? `, failed attempts: ${failed}` : ", no failed attempts"}; ${logs.problems.length} distinct warning/error lines`);
  for (const p of logs.problems.slice(0, 5)) print(`    ${p.count} × ${p.text}`);
}
