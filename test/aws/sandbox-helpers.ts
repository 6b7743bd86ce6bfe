// Test helpers: a sandbox account file in a fresh temp dir, opened through openTarget like a user would.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ProgressEvent, RetryPolicy } from "../../tools/aws/context.js";
import type { SandboxFaults, SandboxFile } from "../../tools/aws/sandbox/index.js";
import { writeSandboxFile } from "../../tools/aws/sandbox/index.js";
import { openTarget } from "../../tools/aws/target.js";
import type { OpenedTarget } from "../../tools/aws/target.js";

export interface OpenedSandbox extends OpenedTarget {
  file: string;
  events: ProgressEvent[];
  /** The account file as it is on disk now. */
  onDisk(): Record<string, unknown> & { s3: { buckets: Array<Record<string, unknown>>; accountPublicAccessBlock?: unknown } };
  dispose(): void;
}

/** Tiny delays, so retry tests run fast. */
export const FAST_RETRY: Partial<RetryPolicy> = { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 4 };

export async function openSandbox(
  state: SandboxFile,
  options: { faults?: SandboxFaults; retry?: Partial<RetryPolicy>; concurrency?: number } = {},
): Promise<OpenedSandbox> {
  const dir = mkdtempSync(join(tmpdir(), "agpm-aws-test-"));
  const file = join(dir, "account.json");
  writeSandboxFile(file, state);
  const events: ProgressEvent[] = [];
  const opened = await openTarget(
    { type: "sandbox", file, ...(options.faults ? { faults: options.faults } : {}) },
    { retry: options.retry ?? FAST_RETRY, concurrency: options.concurrency ?? 16, onProgress: (e) => events.push(e) },
  );
  return {
    ...opened,
    file,
    events,
    onDisk: () => JSON.parse(readFileSync(file, "utf8")),
    dispose() {
      opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const ACCOUNT = "123456789012";
export const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
