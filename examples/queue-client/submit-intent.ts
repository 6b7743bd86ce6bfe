// An example service that hands agpm an intent through its queue and reads the result (a dry run).
//
//   REDIS_URL=redis://127.0.0.1:6379 npx tsx examples/queue-client/submit-intent.ts "Ensure all S3 buckets are encrypted"
//
// A worker (`agpm worker`) must be running against the same Redis. In your own service, import
// from "agpm" (the package's entry point is client/index.ts) instead of the relative path.
import { openIntentsQueue, RunReportSchema, submitIntent, waitForResult } from "../../client/index.js";

const SERVICE = "example-service";

async function main(): Promise<number> {
  const intent = process.argv[2] ?? "Ensure all S3 buckets are encrypted";
  const producer = openIntentsQueue({ url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379", prefix: process.env.AGPM_QUEUE_PREFIX ?? "agpm" });
  try {
    await producer.ready();
    const target = process.env.AGPM_SANDBOX
      ? { type: "sandbox" as const, file: process.env.AGPM_SANDBOX }
      : { type: "aws" as const, region: process.env.AWS_REGION ?? "us-east-1" };
    // source and requester reach the run and the audit log: who asked, from where.
    // A `run` without apply: the policy is published and evaluated, fixes are planned, nothing changes.
    const { jobId } = await submitIntent(producer.queue, { intent, options: { target, source: SERVICE, requester: process.env.REQUESTER ?? "svc-account" } });
    const report = RunReportSchema.parse(await waitForResult(producer.queue, jobId, 120_000));
    console.log(JSON.stringify({ jobId, runId: report.runId, status: report.status, policy: report.policy?.id ?? null, summary: report.summary }));
    return report.summary.failed > 0 ? 1 : 0;
  } finally {
    await producer.close();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
});
