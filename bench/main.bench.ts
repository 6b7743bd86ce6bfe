// The main benchmark: a generated 10,000-resource sandbox account — time to collect, time to
// evaluate every catalogue rule (evaluations per second), and an end-to-end `run` of intent 1.
// Usage: npm run bench   (AGPM_BENCH_RESOURCES=N to change the size)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
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

    const latencyMs = 20;
    const [slow, slowMs] = await collect({ type: "sandbox", file, faults: { latencyMs } }, 64);
    console.log(`collect:   with ${latencyMs} ms injected latency per API call, concurrency 64: ${slow.resources.length.toLocaleString("en-US")} resources in ${seconds(slowMs)} — ${rate(slow.resources.length, slowMs)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
