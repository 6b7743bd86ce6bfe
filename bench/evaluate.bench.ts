// Measures rule evaluation throughput: a compiled condition alone, evaluate(), and evaluatePolicy()
// for one rule and for the whole catalogue over a generated 10,000-resource sandbox account.
// Target (issue 11): evaluatePolicy over the whole catalogue ≥ 2,000,000 rule evaluations per second,
// within 3x of the catalogue's compiled conditions alone (the limit: no findings, no summary).
// Run: npx tsx bench/evaluate.bench.ts   (AGPM_BENCH_RUNS=N for more timed runs; medians are printed)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileCondition } from "../engine/compile.js";
import type { CompiledCondition } from "../engine/compile.js";
import { compilePolicy, compileRule, evaluate, evaluatePolicy } from "../engine/evaluate.js";
import { instantiateControl } from "../engine/instantiate.js";
import { CONTROLS, KIND_NAMES } from "../engine/registry.js";
import type { Resource } from "../contracts/resource.js";
import { PolicySchema } from "../contracts/policy.js";
import type { Condition, Policy, Rule } from "../contracts/policy.js";
import { collectAll } from "../tools/aws/inventory.js";
import { generateScaleAccount, writeSandboxFile } from "../tools/aws/sandbox/index.js";
import { openTarget } from "../tools/aws/target.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const RESOURCES = 10_000;
const RUNS = Math.max(5, Number(process.env.AGPM_BENCH_RUNS ?? 7));
const policyRef = { id: "bench", version: 1 };

function bucket(i: number): Resource {
  const encrypted = i % 3 !== 0;
  return {
    kind: "aws.s3.bucket", id: `bucket-${i}`, region: i % 2 ? "eu-west-1" : "us-east-1", account: "123456789012",
    name: `bucket-${i}`, tags: { env: i % 4 ? "prod" : "dev" },
    encryption: { enabled: encrypted, algorithm: encrypted ? "aws:kms" : null, kmsKeyId: null, bucketKeyEnabled: false },
    versioning: { status: i % 5 ? "Enabled" : "Disabled", mfaDelete: false },
    isPublic: i % 7 === 0,
  };
}

function group(i: number): Resource {
  const ingress = Array.from({ length: 5 }, (_, k) => ({
    protocol: "tcp", fromPort: k === 4 && i % 10 === 0 ? 0 : 443 + k, toPort: k === 4 && i % 10 === 0 ? 65535 : 443 + k,
    source: "0.0.0.0/0", sourceType: "cidr", world: k % 2 === 0,
  }));
  return { kind: "aws.ec2.security-group", id: `sg-${i}`, region: "eu-west-1", account: "123456789012", name: null, tags: {}, ingress, egress: [] };
}

function rule(id: string, kind: string, require: Condition): Rule {
  return { id, title: id, severity: "high", kind, require, controls: [] };
}

/**
 * Runs `run` RUNS times after a warm-up and returns the median rate: the machine is shared, so
 * the median says more than the best run. `operations` is counted by the first (warm-up) run.
 */
function measure(label: string, run: () => number): number {
  const operations = run(); // warm-up: let the JIT see the shapes first
  const rates: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    run();
    rates.push(operations / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  rates.sort((x, y) => x - y);
  const median = rates[Math.floor(rates.length / 2)] ?? 0;
  const fmt = (n: number): string => `${(n / 1e6).toFixed(2).padStart(6)} M/s`;
  console.log(`${label.padEnd(72)} median ${fmt(median)}   best ${fmt(rates[rates.length - 1] ?? 0)}`);
  return median;
}

/** Every control, any-kind ones instantiated for every kind: the policy main.bench.ts evaluates. */
function catalogPolicy(): Policy {
  const rules = CONTROLS.flatMap((c) => instantiateControl(c, {}, KIND_NAMES));
  return { id: "bench-catalogue", version: 1, title: "every control", intent: "bench", mode: "audit", scope: {}, rules, exemptions: [], status: "active" };
}

/** A generated sandbox account, collected the way a run collects it. */
async function collectAccount(): Promise<Resource[]> {
  const dir = mkdtempSync(join(tmpdir(), "agpm-bench-"));
  try {
    const file = join(dir, "sandbox.json");
    writeSandboxFile(file, generateScaleAccount({ resources: RESOURCES, seed: 7 }));
    const opened = await openTarget({ type: "sandbox", file }, { concurrency: 16 });
    try {
      return (await collectAll(opened.ctx, KIND_NAMES)).resources;
    } finally {
      opened.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const buckets = Array.from({ length: RESOURCES }, (_, i) => bucket(i));
const groups = Array.from({ length: RESOURCES }, (_, i) => group(i));
const ROUNDS = 30;
console.log(`rule evaluations per second (${RESOURCES.toLocaleString("en-US")} resources; medians of ${RUNS} runs)`);

const eqCondition = compileCondition({ path: "encryption.enabled", op: "eq", value: true });
measure("compiled condition: encryption.enabled eq true", () => {
  for (let r = 0; r < ROUNDS; r++) for (const b of buckets) eqCondition(b);
  return RESOURCES * ROUNDS;
});

const simple = compileRule(rule("s3-encrypted", "aws.s3.bucket", { path: "encryption.enabled", op: "eq", value: true }));
measure("evaluate(): simple rule (eq) → Finding", () => {
  for (let r = 0; r < ROUNDS; r++) for (const b of buckets) evaluate(simple, b, policyRef);
  return RESOURCES * ROUNDS;
});

const compound = compileRule(rule("s3-baseline", "aws.s3.bucket", {
  all: [
    { path: "encryption.enabled", op: "eq", value: true },
    { path: "encryption.algorithm", op: "in", value: ["AES256", "aws:kms"] },
    { path: "versioning.status", op: "eq", value: "Enabled" },
    { not: { path: "isPublic", op: "truthy" } },
  ],
}));
measure("evaluate(): 4-leaf all/in/not rule → Finding", () => {
  for (let r = 0; r < ROUNDS; r++) for (const b of buckets) evaluate(compound, b, policyRef);
  return RESOURCES * ROUNDS;
});

const ssh = compileRule(rule("sg-no-world-ssh", "aws.ec2.security-group", {
  path: "ingress",
  none: { all: [{ path: "world", op: "eq", value: true }, { path: "fromPort", op: "lte", value: 22 }, { path: "toPort", op: "gte", value: 22 }] },
}));
measure("evaluate(): none over 5 ingress entries (3 leaves each)", () => {
  for (let r = 0; r < 20; r++) for (const g of groups) evaluate(ssh, g, policyRef);
  return RESOURCES * 20;
});

const policy = PolicySchema.parse({
  id: "bench-policy", version: 1, title: "bench", intent: "bench", mode: "audit",
  scope: { regions: ["eu-west-1", "us-east-1"], exclude: { tags: { exempt: null } } },
  rules: [simple.rule, compound.rule, ssh.rule],
});
const compiledPolicy = compilePolicy(policy);
const simplePolicy = compilePolicy(PolicySchema.parse({ ...policy, rules: [simple.rule] }));
measure("evaluatePolicy(): 1 simple rule, 10k buckets", () => {
  let n = 0;
  for (let r = 0; r < 5; r++) n += evaluatePolicy(simplePolicy, buckets).findings.length;
  return n;
});
const mixed = [...buckets, ...groups];
measure("evaluatePolicy(): 3 rules, 10k buckets + 10k security groups", () => {
  let n = 0;
  for (let r = 0; r < 5; r++) n += evaluatePolicy(compiledPolicy, mixed).findings.length;
  return n;
});

const account = await collectAccount();
const catalogue = catalogPolicy();
const compiledCatalogue = compilePolicy(catalogue);
// The limit: each rule's compiled conditions (when, then require) on each resource of its kind.
const conditionsByKind = new Map<string, Array<{ when: CompiledCondition | undefined; require: CompiledCondition }>>();
for (const r of catalogue.rules) {
  const list = conditionsByKind.get(r.kind) ?? [];
  list.push({ when: r.when ? compileCondition(r.when) : undefined, require: compileCondition(r.require) });
  conditionsByKind.set(r.kind, list);
}
console.log(`whole catalogue: ${catalogue.rules.length} rules over a generated account of ${account.length.toLocaleString("en-US")} resources`);
const limit = measure("compiled conditions alone: whole catalogue (when + require)", () => {
  let n = 0;
  for (const resource of account) {
    for (const c of conditionsByKind.get(resource.kind) ?? []) {
      n++;
      if (!c.when || c.when(resource).ok) c.require(resource);
    }
  }
  return n;
});
const whole = measure("evaluatePolicy(): whole catalogue", () => evaluatePolicy(compiledCatalogue, account).findings.length);
const uncompiled = measure("evaluatePolicy(): whole catalogue, policy compiled per call (as runs do)", () => evaluatePolicy(catalogue, account).findings.length);
console.log(`evaluatePolicy whole catalogue is ${(limit / whole).toFixed(2)}x slower than its compiled conditions alone (target ≤ 3x, ≥ 2 M/s); compiled per call ${(limit / uncompiled).toFixed(2)}x`);
