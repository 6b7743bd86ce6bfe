// The main benchmark: a generated 10,000-resource sandbox account — time to collect, time to
// evaluate every catalogue rule (evaluations per second), and an end-to-end `run` of intent 1.
// Then a 10,000-resource `check`: wall time after collection, peak RSS of the CLI, the longest
// event-loop stall and the bytes its checkpoints take (issue 11).
// Usage: npm run bench   (AGPM_BENCH_RESOURCES=N to change the size; `npm run build` first for the CLI figures)
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { monitorEventLoopDelay, performance, type IntervalHistogram } from "node:perf_hooks";
import BetterSqlite3 from "better-sqlite3";
import { createOfflineTranslator } from "../agents/translator/offline.js";
import { startRun } from "../graphs/runner.js";
import { CONTROLS, KIND_NAMES, openSession } from "../engine/registry.js";
import { instantiateControl } from "../engine/instantiate.js";
import { compilePolicy, evaluatePolicy } from "../engine/evaluate.js";
import type { Policy } from "../contracts/policy.js";
import { openStore } from "../store/index.js";
import { collectAll } from "../tools/aws/inventory.js";
import { generateScaleAccount, writeSandboxFile } from "../tools/aws/sandbox/index.js";
import { openTarget, type Target } from "../tools/aws/target.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const SIZE = Number(process.env.AGPM_BENCH_RESOURCES ?? 10_000);
const INTENT = "Ensure all AWS cloud storage buckets are private and encrypted.";
/** The issue's check, and a wider one that evaluates most of the account. */
const CHECKS = [
  "Ensure all S3 buckets are encrypted",
  "Ensure all EBS volumes are encrypted and EC2 instances require IMDSv2 and security groups do not allow SSH from the internet",
];
const CLI = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "cli", "main.js");

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString("en-US")}/s`;

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

function catalogPolicy(): Policy {
  // Every control, any-kind ones instantiated for every kind.
  const rules = CONTROLS.flatMap((c) => instantiateControl(c, {}, KIND_NAMES));
  return { id: "bench-catalogue", version: 1, title: "every control", intent: "bench", mode: "audit", scope: {}, rules, exemptions: [], status: "active" };
}

async function collect(target: Target, concurrency: number) {
  const opened = await openTarget(target, { concurrency });
  try {
    return await timed(() => collectAll(opened.ctx, KIND_NAMES));
  } finally {
    opened.close();
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const stallMs = (h: IntervalHistogram) => `${(h.max / 1e6).toFixed(0)} ms`;

/** The run's checkpoints as stored: every checkpoint row and pending write of its thread. */
function checkpointBytes(dbFile: string, runId: string): { count: number; sum: number; largest: number } {
  const db = new BetterSqlite3(dbFile, { readonly: true });
  try {
    const rows = db.prepare("select length(checkpoint) + length(metadata) as bytes from checkpoints where thread_id = ?").all(runId) as Array<{ bytes: number }>;
    const writes = db.prepare("select coalesce(sum(length(value)), 0) as bytes from writes where thread_id = ?").get(runId) as { bytes: number };
    const sizes = rows.map((r) => r.bytes);
    return { count: sizes.length, sum: sizes.reduce((a, b) => a + b, 0) + writes.bytes, largest: Math.max(0, ...sizes) };
  } finally {
    db.close();
  }
}

/** One check in this process: wall after collection, event-loop stalls, checkpoint bytes. */
async function checkInProcess(dir: string, file: string, intent: string): Promise<void> {
  const dbFile = join(dir, `check-${Date.now()}.db`);
  const store = await openStore({ file: dbFile });
  const whole = monitorEventLoopDelay({ resolution: 10 });
  const afterCollection = monitorEventLoopDelay({ resolution: 10 });
  let collected = 0;
  const deps = {
    store,
    translators: { offline: createOfflineTranslator() },
    openTarget: (target: Target) => openSession(target, { concurrency: 16 }),
    now: () => new Date(),
    onProgress: (event: { type: string; stage?: string }) => {
      if (event.type === "stage" && event.stage === "evaluating" && collected === 0) {
        collected = performance.now();
        afterCollection.enable();
      }
    },
  };
  const options = { command: "check" as const, maxChanges: 10, maxTranslationAttempts: 3, actor: "bench", target: { type: "sandbox" as const, file } };
  whole.enable();
  const [outcome, ms] = await timed(() => startRun(deps, store.checkpointer, { intent, options }));
  const end = performance.now();
  // A stall is recorded when the histogram's timer finally runs: let it run once more. (A run made
  // only of promise continuations never yields to timers, so without this it would read 0 ms.)
  await new Promise((resolve) => setTimeout(resolve, 30));
  whole.disable();
  afterCollection.disable();
  await store.close();
  const r = outcome.report;
  const cp = checkpointBytes(dbFile, r.runId);
  console.log(`check:     "${intent}" — ${r.summary.resources.toLocaleString("en-US")} resources, ${r.findings.length.toLocaleString("en-US")} findings`);
  console.log(`           in process: ${seconds(ms)} total, ${seconds(collected ? end - collected : Number.NaN)} after collection; longest event-loop stall ${stallMs(whole)} (${stallMs(afterCollection)} after collection)`);
  console.log(`           checkpoints: ${cp.count}, ${kb(cp.sum)} in all, largest ${kb(cp.largest)}`);
}

/** The same check through the built CLI (--json): total wall and peak RSS of the process. */
function checkCli(dir: string, file: string, intent: string): void {
  if (!existsSync(CLI) || !existsSync("/usr/bin/time")) {
    console.log("           CLI: skipped (needs `npm run build` and /usr/bin/time)");
    return;
  }
  // The CLI's own event loop, watched from a preloaded module (the CLI is not changed for the bench).
  const watch = join(dir, "loop-watch.mjs");
  writeFileSync(watch, [
    'import { monitorEventLoopDelay } from "node:perf_hooks";',
    "const h = monitorEventLoopDelay({ resolution: 10 }); h.enable();",
    'process.on("exit", () => process.stderr.write(`maxstall=${(h.max / 1e6).toFixed(0)}\\n`));',
  ].join("\n"));
  const start = performance.now();
  const child = spawnSync("/usr/bin/time", ["-f", "maxrss=%M", process.execPath, "--import", watch, CLI, "check", intent, "--sandbox", file, "--json"], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = performance.now() - start;
  const rss = /maxrss=(\d+)/.exec(child.stderr)?.[1];
  const stall = /maxstall=(\d+)/.exec(child.stderr)?.[1] ?? "?";
  console.log(`           CLI --json: ${seconds(ms)} wall, peak RSS ${rss ? `${(Number(rss) / 1024).toFixed(0)} MB` : "?"}, longest event-loop stall ${stall} ms, exit ${child.status}, ${kb(child.stdout.length)} of JSON`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "agpm-bench-"));
  const file = join(dir, "sandbox.json");
  try {
    const [, genMs] = await timed(() => writeSandboxFile(file, generateScaleAccount({ resources: SIZE, seed: 7 })));
    console.log(`agpm benchmark — generated sandbox account of ~${SIZE.toLocaleString("en-US")} resources in ${seconds(genMs)}`);

    const [inventory, collectMs] = await collect({ type: "sandbox", file }, 16);
    console.log(`collect:   ${inventory.resources.length.toLocaleString("en-US")} resources (all ${KIND_NAMES.length} kinds) in ${seconds(collectMs)} — ${rate(inventory.resources.length, collectMs)}`);

    const policy = compilePolicy(catalogPolicy());
    evaluatePolicy(policy, inventory.resources); // warm-up
    const [evaluation, evalMs] = await timed(() => evaluatePolicy(policy, inventory.resources));
    const evaluations = evaluation.findings.length;
    console.log(`evaluate:  ${CONTROLS.length} catalogue rules, ${evaluations.toLocaleString("en-US")} resource-rule evaluations in ${seconds(evalMs)} — ${rate(evaluations, evalMs)}`);

    const store = await openStore({ file: join(dir, "agpm.db") });
    const deps = {
      store,
      translators: { offline: createOfflineTranslator() },
      openTarget: (target: Target) => openSession(target, { concurrency: 16 }),
      now: () => new Date(),
    };
    const options = { command: "run" as const, maxChanges: 10, maxTranslationAttempts: 3, actor: "bench", target: { type: "sandbox" as const, file } };
    const [outcome, runMs] = await timed(() => startRun(deps, store.checkpointer, { intent: INTENT, options }));
    const r = outcome.report;
    console.log(`run:       "${INTENT}" end to end (dry run) in ${seconds(runMs)} — ${r.summary.resources} buckets, ${r.summary.failed} failing, ${r.actions.length} planned changes`);
    await store.close();

    for (const intent of CHECKS) {
      await checkInProcess(dir, file, intent);
      checkCli(dir, file, intent);
    }

    const latencyMs = 20;
    const [slow, slowMs] = await collect({ type: "sandbox", file, faults: { latencyMs } }, 64);
    console.log(`collect:   with ${latencyMs} ms injected latency per API call, concurrency 64: ${slow.resources.length.toLocaleString("en-US")} resources in ${seconds(slowMs)} — ${rate(slow.resources.length, slowMs)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
