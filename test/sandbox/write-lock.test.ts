import { PutBucketEncryptionCommand, PutBucketVersioningCommand } from "@aws-sdk/client-s3";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isAgpmError } from "../../core/errors.js";
import { createSandboxClients, SandboxAccount, writeSandboxFile } from "../../tools/aws/sandbox/index.js";
import type { SandboxFile } from "../../tools/aws/sandbox/index.js";
import { minimal, rejectionOf, tempDir } from "./helpers.js";

const SSE = { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" as const } }] };

function buckets(...names: string[]): SandboxFile {
  return minimal({ s3: { buckets: names.map((Name) => ({ Name, CreationDate: "2024-01-01T00:00:00Z" })) } });
}

/** A lock file as another writer leaves it. */
function holdLock(file: string, pid: number): string {
  const lock = `${file}.lock`;
  writeFileSync(lock, JSON.stringify({ pid, host: hostname(), at: new Date().toISOString(), token: `other-${pid}` }));
  return lock;
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", ""]);
  return child.pid as number;
}

const encrypted = (file: string, name: string) => SandboxAccount.load(file).state.s3.buckets.find((b) => b.Name === name)?.Encryption ?? null;

let dirs: string[] = [];
let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup(state: SandboxFile, options: { lockTimeoutMs?: number } = {}) {
  const dir = tempDir();
  dirs.push(dir);
  const file = join(dir, "account.json");
  writeSandboxFile(file, state);
  const account = SandboxAccount.load(file, options);
  const clients = createSandboxClients(account);
  cleanups.push(() => clients.destroy());
  return { dir, file, account, s3: clients.s3("us-east-1") };
}

describe("when a lock is left behind", () => {
  it("takes over at once a lock whose process is gone, and removes it after the write", async () => {
    const { file, s3 } = setup(buckets("a"), { lockTimeoutMs: 60_000 });
    holdLock(file, deadPid());
    await s3.send(new PutBucketEncryptionCommand({ Bucket: "a", ServerSideEncryptionConfiguration: SSE }));
    expect(encrypted(file, "a")).toEqual(SSE);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it("takes over a live process's lock nobody touched for lockTimeoutMs", async () => {
    const { file, s3 } = setup(buckets("a"));
    const lock = holdLock(file, process.pid);
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(lock, longAgo, longAgo);
    await s3.send(new PutBucketEncryptionCommand({ Bucket: "a", ServerSideEncryptionConfiguration: SSE }));
    expect(encrypted(file, "a")).toEqual(SSE);
    expect(existsSync(lock)).toBe(false);
  });
});

describe("when another writer holds the lock", () => {
  it("waits for it, then re-reads the file before writing, so neither change is lost", async () => {
    const { file, account, s3 } = setup(buckets("a", "b"));
    const lock = holdLock(file, process.pid);
    let done = false;
    const sent = s3.send(new PutBucketEncryptionCommand({ Bucket: "a", ServerSideEncryptionConfiguration: SSE })).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(done).toBe(false);
    // The holder writes its change, then releases.
    const theirs = SandboxAccount.load(file);
    theirs.state.s3.buckets.find((b) => b.Name === "b")!.Versioning = { Status: "Enabled" };
    theirs.save();
    rmSync(lock);
    await sent;
    const stored = SandboxAccount.load(file).state.s3.buckets;
    expect(stored.find((b) => b.Name === "a")?.Encryption).toEqual(SSE);
    expect(stored.find((b) => b.Name === "b")?.Versioning).toEqual({ Status: "Enabled" });
    expect(account.state.s3.buckets.find((b) => b.Name === "b")?.Versioning).toEqual({ Status: "Enabled" });
  });

  it("gives up with AWS_THROTTLED when a live holder keeps its lock past lockTimeoutMs", async () => {
    const { file, s3 } = setup(buckets("a"), { lockTimeoutMs: 300 });
    const lock = holdLock(file, process.pid);
    const heartbeat = setInterval(() => utimesSync(lock, new Date(), new Date()), 50);
    try {
      const error = await rejectionOf(s3.send(new PutBucketEncryptionCommand({ Bucket: "a", ServerSideEncryptionConfiguration: SSE })));
      expect(isAgpmError(error, "AWS_THROTTLED")).toBe(true);
      expect(error.message).toContain(lock);
      expect((error as unknown as { details: { holder: { pid: number } } }).details.holder.pid).toBe(process.pid);
    } finally {
      clearInterval(heartbeat);
    }
    expect(existsSync(lock)).toBe(true);
    expect(encrypted(file, "a")).toBeNull();
  });
});

describe("when a write fails", () => {
  it("releases the lock when the command fails, and still saves the turn's other writes", async () => {
    const { dir, file, s3 } = setup(buckets("a"));
    const [missing, good] = await Promise.allSettled([
      s3.send(new PutBucketEncryptionCommand({ Bucket: "no-such-bucket", ServerSideEncryptionConfiguration: SSE })),
      s3.send(new PutBucketVersioningCommand({ Bucket: "a", VersioningConfiguration: { Status: "Enabled" } })),
    ]);
    expect(missing.status === "rejected" && (missing.reason as Error).name).toBe("NoSuchBucket");
    expect(good.status).toBe("fulfilled");
    expect(SandboxAccount.load(file).state.s3.buckets[0]?.Versioning).toEqual({ Status: "Enabled" });
    expect(readdirSync(dir)).toEqual(["account.json"]);

    const alone = await rejectionOf(s3.send(new PutBucketEncryptionCommand({ Bucket: "no-such-bucket", ServerSideEncryptionConfiguration: SSE })));
    expect(alone.name).toBe("NoSuchBucket");
    expect(readdirSync(dir)).toEqual(["account.json"]);
  });

  it("releases the lock when the save fails", async () => {
    const { file, account } = setup(buckets("a"));
    const written = account.write(() => (account.state.s3.buckets[0]!.Versioning = { Status: "Enabled" }));
    expect(existsSync(`${file}.lock`)).toBe(true);
    // Before the turn's save runs, the file becomes a directory the save cannot replace.
    rmSync(file);
    mkdirSync(file);
    writeFileSync(join(file, "keep"), "");
    await expect(written).rejects.toThrow();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});

describe("when one process has two accounts on the file (a worker running two jobs)", () => {
  it("lands every write of both", async () => {
    const names = Array.from({ length: 20 }, (_, i) => `b${i}`);
    const one = setup(buckets(...names));
    const two = createSandboxClients(SandboxAccount.load(one.file)).s3("us-east-1");
    await Promise.all(names.map((Bucket, i) => {
      const s3 = i % 2 === 0 ? one.s3 : two;
      return s3.send(new PutBucketEncryptionCommand({ Bucket, ServerSideEncryptionConfiguration: SSE }));
    }));
    two.destroy();
    expect(SandboxAccount.load(one.file).state.s3.buckets.filter((b) => b.Encryption === null || b.Encryption === undefined).map((b) => b.Name)).toEqual([]);
    expect(readdirSync(one.dir)).toEqual(["account.json"]);
  });
});

describe("when the account is in memory", () => {
  it("writes change the state and no file or lock appears", async () => {
    const account = SandboxAccount.fromState(buckets("a"));
    const clients = createSandboxClients(account);
    cleanups.push(() => clients.destroy());
    await clients.s3("us-east-1").send(new PutBucketEncryptionCommand({ Bucket: "a", ServerSideEncryptionConfiguration: SSE }));
    expect(account.state.s3.buckets[0]?.Encryption).toEqual(SSE);
    expect(account.file).toBeUndefined();
  });
});
