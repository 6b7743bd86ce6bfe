// Shared fixtures for store tests: temp files and small valid policies/findings.
import { mkdtempSync, rmSync } from "node:fs";
import { afterEach, beforeEach } from "vitest";
import { openStore, type Store } from "../../store/index.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Finding } from "../../policy/resource.js";
import type { PolicyInput } from "../../policy/schema.js";

/** A fresh temp folder and a db path inside a not-yet-existing subfolder; `cleanup` removes it. */
export function tempDbFile(): { file: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "agpm-store-"));
  return { dir, file: join(dir, "nested", "agpm.db"), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function samplePolicy(overrides: Partial<PolicyInput> = {}): PolicyInput {
  return {
    id: "s3-private",
    version: 1,
    title: "S3 buckets are private",
    intent: "Ensure all AWS S3 buckets are private.",
    mode: "audit",
    rules: [
      {
        id: "s3-block-public",
        title: "Public access is blocked",
        severity: "high",
        kind: "aws.s3.bucket",
        require: { path: "publicAccessBlock.blockPublicAcls", op: "eq", value: true },
        controls: ["CIS-AWS-2.1.4"],
      },
    ],
    ...overrides,
  };
}

export function sampleFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    policyId: "s3-private",
    policyVersion: 1,
    ruleId: "s3-block-public",
    kind: "aws.s3.bucket",
    resourceId: "app-logs",
    region: "eu-west-1",
    status: "fail",
    reason: "public access is not blocked",
    evidence: [{ path: "publicAccessBlock.blockPublicAcls", expected: "eq true", actual: false }],
    ...overrides,
  };
}

/** A clock that advances one second per call, so ordering by time is deterministic. */
export function steppingClock(start = Date.parse("2025-01-01T00:00:00Z")): () => Date {
  let tick = 0;
  return () => new Date(start + 1000 * tick++);
}

/**
 * A fresh store on a temporary file for each test (stepping clock), closed and removed after.
 * Read `env.store` and `env.file` inside tests.
 */
export function useTempStore(): { readonly store: Store; readonly file: string } {
  let temp: ReturnType<typeof tempDbFile> | undefined;
  let store: Store | undefined;
  beforeEach(async () => {
    temp = tempDbFile();
    store = await openStore({ file: temp.file, now: steppingClock() });
  });
  afterEach(async () => {
    await store?.close();
    temp?.cleanup();
  });
  return {
    get store(): Store {
      if (!store) throw new Error("useTempStore: read env.store inside a test");
      return store;
    },
    get file(): string {
      if (!temp) throw new Error("useTempStore: read env.file inside a test");
      return temp.file;
    },
  };
}
