// Shared fixtures for store tests: temp SQLite files or PostgreSQL schemas, small valid policies/findings.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import pg from "pg";
import { afterEach, beforeEach, describe } from "vitest";
import { openStore, type Store, type StoreLocation } from "../../store/index.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Finding } from "../../contracts/resource.js";
import type { PolicyInput } from "../../contracts/policy.js";

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
        controls: ["CIS-AWS-3.0-2.1.4"],
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

export const BACKENDS = ["sqlite", "postgres"] as const;
export type BackendKind = (typeof BACKENDS)[number];

/** The PostgreSQL the tests use (test/setup/services.ts has checked it answers). */
export function testDatabaseUrl(): string {
  return process.env.AGPM_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
}

/** Runs `body` once per backend, inside `describe("on sqlite")` and `describe("on postgres")`. */
export function eachBackend(body: (kind: BackendKind) => void): void {
  for (const kind of BACKENDS) describe(`on ${kind}`, () => body(kind));
}

export interface TempLocation {
  location: StoreLocation;
  /** Removes the file or drops the schema (with everything in it). */
  cleanup(): Promise<void>;
}

/** A place for a fresh store: a not-yet-existing SQLite file, or a unique not-yet-existing schema. */
export function tempLocation(kind: BackendKind): TempLocation {
  if (kind === "sqlite") {
    const temp = tempDbFile();
    return { location: { file: temp.file }, cleanup: async () => temp.cleanup() };
  }
  const databaseUrl = testDatabaseUrl();
  const schema = `agpm_test_${randomBytes(6).toString("hex")}`;
  return {
    location: { databaseUrl, schema },
    cleanup: async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

export interface TempStoreEnv {
  readonly store: Store;
  readonly location: StoreLocation;
  /** Another store on the same database (another connection), closed by the caller. */
  reopen(options?: { now?: () => Date }): Promise<Store>;
}

/**
 * A fresh store for each test (stepping clock) on `kind` — a temporary SQLite file, or its own
 * PostgreSQL schema — closed and removed after. Read `env.store` and `env.location` inside tests.
 */
export function useTempStore(kind: BackendKind = "sqlite"): TempStoreEnv {
  let temp: TempLocation | undefined;
  let store: Store | undefined;
  beforeEach(async () => {
    temp = tempLocation(kind);
    store = await openStore({ ...temp.location, now: steppingClock() });
  });
  afterEach(async () => {
    await store?.close();
    await temp?.cleanup();
    store = undefined;
    temp = undefined;
  });
  const location = (): StoreLocation => {
    if (!temp) throw new Error("useTempStore: read env.location inside a test");
    return temp.location;
  };
  return {
    get store(): Store {
      if (!store) throw new Error("useTempStore: read env.store inside a test");
      return store;
    },
    get location(): StoreLocation {
      return location();
    },
    reopen: (options = {}) => openStore({ ...location(), ...options }),
  };
}
