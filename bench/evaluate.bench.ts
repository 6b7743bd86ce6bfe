// Measures rule evaluation throughput (target: ≥ 1,000,000 simple rule evaluations per second).
// Run: npx tsx bench/evaluate.bench.ts
import { compileCondition } from "../engine/compile.js";
import { compilePolicy, compileRule, evaluate, evaluatePolicy } from "../engine/evaluate.js";
import type { Resource } from "../contracts/resource.js";
import { PolicySchema } from "../contracts/policy.js";
import type { Condition, Rule } from "../contracts/policy.js";

const RESOURCES = 10_000;
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

/** Runs `run` several times after a warm-up; the best run is the least disturbed by other load. */
function measure(label: string, operations: number, run: () => void, repeats = 5): void {
  run(); // warm-up: let the JIT see the shapes first
  const rates: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = process.hrtime.bigint();
    run();
    rates.push(operations / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  rates.sort((x, y) => x - y);
  const fmt = (n: number | undefined): string => Math.round(n ?? 0).toLocaleString("en-US").padStart(12);
  console.log(`${label.padEnd(66)} best ${fmt(rates[rates.length - 1])} /s   median ${fmt(rates[Math.floor(rates.length / 2)])} /s`);
}

const buckets = Array.from({ length: RESOURCES }, (_, i) => bucket(i));
const groups = Array.from({ length: RESOURCES }, (_, i) => group(i));
const ROUNDS = 30;
console.log(`rule evaluations per second (${RESOURCES.toLocaleString("en-US")} resources per kind; target ≥ 1,000,000 for a simple rule)`);

const eqCondition = compileCondition({ path: "encryption.enabled", op: "eq", value: true });
measure("compiled condition: encryption.enabled eq true", RESOURCES * ROUNDS, () => {
  for (let r = 0; r < ROUNDS; r++) for (const b of buckets) eqCondition(b);
});

const simple = compileRule(rule("s3-encrypted", "aws.s3.bucket", { path: "encryption.enabled", op: "eq", value: true }));
measure("evaluate(): simple rule (eq) → Finding", RESOURCES * ROUNDS, () => {
  for (let r = 0; r < ROUNDS; r++) for (const b of buckets) evaluate(simple, b, policyRef);
});

const compound = compileRule(rule("s3-baseline", "aws.s3.bucket", {
  all: [
    { path: "encryption.enabled", op: "eq", value: true },
    { path: "encryption.algorithm", op: "in", value: ["AES256", "aws:kms"] },
    { path: "versioning.status", op: "eq", value: "Enabled" },
    { not: { path: "isPublic", op: "truthy" } },
  ],
}));
measure("evaluate(): 4-leaf all/in/not rule → Finding", RESOURCES * ROUNDS, () => {
  for (let r = 0; r < ROUNDS; r++) for (const b of buckets) evaluate(compound, b, policyRef);
});

const ssh = compileRule(rule("sg-no-world-ssh", "aws.ec2.security-group", {
  path: "ingress",
  none: { all: [{ path: "world", op: "eq", value: true }, { path: "fromPort", op: "lte", value: 22 }, { path: "toPort", op: "gte", value: 22 }] },
}));
measure("evaluate(): none over 5 ingress entries (3 leaves each)", RESOURCES * 20, () => {
  for (let r = 0; r < 20; r++) for (const g of groups) evaluate(ssh, g, policyRef);
});

const policy = PolicySchema.parse({
  id: "bench-policy", version: 1, title: "bench", intent: "bench", mode: "audit",
  scope: { regions: ["eu-west-1", "us-east-1"], exclude: { tags: { exempt: null } } },
  rules: [simple.rule, compound.rule, ssh.rule],
});
const compiledPolicy = compilePolicy(policy);
const simplePolicy = compilePolicy(PolicySchema.parse({ ...policy, rules: [simple.rule] }));
measure("evaluatePolicy(): 1 simple rule, 10k buckets (rule evaluations)", RESOURCES * 5, () => {
  for (let r = 0; r < 5; r++) evaluatePolicy(simplePolicy, buckets);
});
const mixed = [...buckets, ...groups];
measure("evaluatePolicy(): 3 rules, 20k resources (rule evaluations)", (RESOURCES * 2 + RESOURCES) * 5, () => {
  for (let r = 0; r < 5; r++) evaluatePolicy(compiledPolicy, mixed);
});
