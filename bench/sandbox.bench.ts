// Per-call overhead of the sandbox, against the SDK's own floor (a client whose middleware answers
// at once). Run: npx tsx bench/sandbox.bench.ts
import { DescribeInstancesCommand, EC2Client } from "@aws-sdk/client-ec2";
import { GetBucketEncryptionCommand, GetPublicAccessBlockCommand, ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { pathToFileURL } from "node:url";
import { createSandboxClients, generateScaleAccount, SandboxAccount } from "../tools/aws/sandbox/index.js";
import type { AwsClients } from "../tools/aws/clients.js";

export interface BenchRow {
  name: string;
  /** Mean µs per call. */
  microsPerCall: number;
  calls: number;
}

async function measure(name: string, calls: number, call: (i: number) => Promise<unknown>): Promise<BenchRow> {
  for (let i = 0; i < Math.min(500, calls); i++) await call(i).catch(() => undefined);
  const started = performance.now();
  for (let i = 0; i < calls; i++) await call(i).catch(() => undefined);
  return { name, calls, microsPerCall: ((performance.now() - started) * 1000) / calls };
}

/** The SDK with a middleware that answers immediately: what any interception costs at least. */
function floorClients(): { s3: S3Client; ec2: EC2Client } {
  const config = { region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" }, maxAttempts: 1 };
  const answer = () => async () => ({ output: { $metadata: { httpStatusCode: 200 } }, response: {} });
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const ec2 = new EC2Client(config);
  s3.middlewareStack.add(answer as never, { step: "initialize", priority: "low" });
  ec2.middlewareStack.add(answer as never, { step: "initialize", priority: "low" });
  return { s3, ec2 };
}

async function sandboxRows(label: string, clients: AwsClients, buckets: string[], n: number): Promise<BenchRow[]> {
  const s3 = clients.s3("us-east-1");
  const ec2 = clients.ec2("us-east-1");
  return [
    await measure(`${label} S3 GetBucketEncryption (hit or NotFound error)`, n, (i) => s3.send(new GetBucketEncryptionCommand({ Bucket: buckets[i % buckets.length] as string }))),
    await measure(`${label} S3 GetPublicAccessBlock`, n, (i) => s3.send(new GetPublicAccessBlockCommand({ Bucket: buckets[i % buckets.length] as string }))),
    await measure(`${label} EC2 DescribeInstances (InstanceIds: 1 id)`, n, (i) => ec2.send(new DescribeInstancesCommand({ InstanceIds: [`i-${(i % 1000 + 1).toString(16).padStart(17, "0")}`] }))),
    await measure(`${label} EC2 DescribeInstances page of 1000`, 50, () => ec2.send(new DescribeInstancesCommand({ MaxResults: 1000 }))),
    await measure(`${label} S3 ListBuckets page of 1000`, 50, () => s3.send(new ListBucketsCommand({ MaxBuckets: 1000 }))),
  ];
}

export async function runSandboxBench(n = 5_000): Promise<BenchRow[]> {
  const account = SandboxAccount.fromState(generateScaleAccount({ resources: 10_000, seed: 1 }));
  const buckets = account.lookup.inRegion("buckets", "us-east-1").map((b) => String(b["Name"]));
  const floor = floorClients();
  const rows = [
    await measure("SDK floor: S3 send answered at initialize", n, () => floor.s3.send(new GetBucketEncryptionCommand({ Bucket: "b" }))),
    await measure("SDK floor: EC2 send answered at initialize", n, () => floor.ec2.send(new DescribeInstancesCommand({}))),
  ];
  const fast = createSandboxClients(account);
  rows.push(...(await sandboxRows("sandbox", fast, buckets, n)));
  const strict = createSandboxClients(account, { serialize: true });
  rows.push(...(await sandboxRows("sandbox serialize:true", strict, buckets, Math.floor(n / 5))));
  fast.destroy();
  strict.destroy();
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const rows = await runSandboxBench();
  for (const row of rows) console.log(`${row.microsPerCall.toFixed(1).padStart(9)} µs/call  ${row.name} (${row.calls} calls)`);
}
