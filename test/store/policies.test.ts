import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import type { StoreLocation } from "../../store/index.js";
import { eachBackend, samplePolicy, useTempStore } from "./helpers.js";
import { lineReader } from "../helpers/line-reader.js";

interface RaceOutcome {
  writer: string;
  won: boolean;
  code?: string;
  reason?: string;
}

/** Starts one process per writer, lets them all get ready, then fires them at once. */
async function raceChildren(location: StoreLocation, writers: string[]): Promise<RaceOutcome[]> {
  const script = fileURLToPath(new URL("./fixtures/add-version-child.ts", import.meta.url));
  const children = writers.map((writer) => spawn(process.execPath, ["--import", "tsx", script, JSON.stringify(location), writer]));
  const readers = children.map(lineReader);
  expect(await Promise.all(readers.map((next) => next()))).toEqual(writers.map(() => "ready"));
  for (const child of children) child.stdin.write("go\n");
  return Promise.all(readers.map(async (next) => JSON.parse(await next()) as RaceOutcome));
}

eachBackend((kind) => {
  const env = useTempStore(kind);

  describe("when a policy is created", () => {
    it("reads back exactly the validated document, with schema defaults filled", async () => {
      await env.store.policies.createPolicy(samplePolicy(), "alice");
      const stored = await env.store.policies.getPolicy("s3-private");
      expect(stored).toMatchObject({ id: "s3-private", version: 1, status: "active", scope: {} });
      expect(stored?.rules[0]?.require).toEqual({ path: "publicAccessBlock.blockPublicAcls", op: "eq", value: true });
    });

    it("refuses a second create of the same id with STORE_ERROR", async () => {
      await env.store.policies.createPolicy(samplePolicy(), "alice");
      await expect(env.store.policies.createPolicy(samplePolicy({ title: "again" }), "bob")).rejects.toMatchObject({ code: "STORE_ERROR" });
      expect((await env.store.policies.getPolicy("s3-private"))?.title).toBe("S3 buckets are private");
    });

    it("refuses a first version other than 1", async () => {
      await expect(env.store.policies.createPolicy(samplePolicy({ version: 2 }), "alice")).rejects.toMatchObject({ code: "POLICY_INVALID" });
      expect(await env.store.policies.getPolicy("s3-private")).toBeNull();
    });

    it("refuses an invalid document, naming the path", async () => {
      const broken = samplePolicy({ rules: [] });
      await expect(env.store.policies.createPolicy(broken, "alice")).rejects.toMatchObject({
        code: "POLICY_INVALID",
        details: { path: "$.rules" },
      });
    });
  });

  describe("when versions are added", () => {
    beforeEach(async () => {
      await env.store.policies.createPolicy(samplePolicy(), "alice");
      await env.store.policies.addVersion(samplePolicy({ version: 2, mode: "enforce", title: "S3 private v2" }), "bob");
    });

    it("serves the latest by default and keeps every earlier version", async () => {
      expect(await env.store.policies.getPolicy("s3-private")).toMatchObject({ version: 2, mode: "enforce", title: "S3 private v2" });
      expect(await env.store.policies.getPolicy("s3-private", 1)).toMatchObject({ version: 1, mode: "audit", title: "S3 buckets are private" });
      expect(await env.store.policies.getPolicy("s3-private", 3)).toBeNull();
    });

    it("lists the history oldest first with who and when", async () => {
      const history = await env.store.policies.history("s3-private");
      expect(history.map((entry) => [entry.version, entry.createdBy, entry.policy.mode])).toEqual([
        [1, "alice", "audit"],
        [2, "bob", "enforce"],
      ]);
      expect(history[0]!.createdAt < history[1]!.createdAt).toBe(true);
      expect(await env.store.policies.history("unknown")).toEqual([]);
    });

    it("refuses a version that skips or repeats one", async () => {
      await expect(env.store.policies.addVersion(samplePolicy({ version: 4 }), "carol")).rejects.toMatchObject({
        code: "STORE_ERROR",
        details: { reason: "version-conflict", currentVersion: 2 },
      });
      await expect(env.store.policies.addVersion(samplePolicy({ version: 2 }), "carol")).rejects.toMatchObject({ code: "STORE_ERROR" });
      expect((await env.store.policies.history("s3-private")).length).toBe(2);
    });

    it("refuses a version of an unknown policy with POLICY_NOT_FOUND", async () => {
      await expect(env.store.policies.addVersion(samplePolicy({ id: "nope", version: 2 }), "carol")).rejects.toMatchObject({
        code: "POLICY_NOT_FOUND",
      });
    });
  });

  describe("when two writers add the same next version", () => {
    beforeEach(async () => {
      await env.store.policies.createPolicy(samplePolicy(), "alice");
    });

    it("lets exactly one win inside one process", async () => {
      const outcomes = await Promise.allSettled(
        ["bob", "carol", "dave"].map((writer) => env.store.policies.addVersion(samplePolicy({ version: 2, title: `by ${writer}` }), writer)),
      );
      const winners = outcomes.filter((outcome) => outcome.status === "fulfilled");
      const losers = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
      expect(winners).toHaveLength(1);
      expect(losers.map((loser) => (loser.reason as { code: string }).code)).toEqual(["STORE_ERROR", "STORE_ERROR"]);
      const history = await env.store.policies.history("s3-private");
      expect(history).toHaveLength(2);
      expect(history[1]!.policy.title).toBe(`by ${history[1]!.createdBy}`);
    });

    it("lets a writer holding a stale view lose, from another connection", async () => {
      const other = await env.reopen();
      try {
        await env.store.policies.addVersion(samplePolicy({ version: 2, title: "first" }), "bob");
        await expect(other.policies.addVersion(samplePolicy({ version: 2, title: "second" }), "carol")).rejects.toMatchObject({
          code: "STORE_ERROR",
        });
        expect((await other.policies.getPolicy("s3-private"))?.title).toBe("first");
      } finally {
        await other.close();
      }
    });

    it("lets exactly one win across processes racing on the same database", async () => {
      const results = await raceChildren(env.location, ["p1", "p2", "p3"]);
      expect(results.filter((result) => result.won)).toHaveLength(1);
      expect(results.filter((result) => !result.won).map((result) => [result.code, result.reason])).toEqual([
        ["STORE_ERROR", "version-conflict"],
        ["STORE_ERROR", "version-conflict"],
      ]);
      const history = await env.store.policies.history("s3-private");
      expect(history.map((entry) => entry.version)).toEqual([1, 2]);
      expect(history[1]!.createdBy).toBe(results.find((result) => result.won)?.writer);
    });
  });

  describe("when policies are listed and searched", () => {
    beforeEach(async () => {
      await env.store.policies.createPolicy(samplePolicy(), "alice");
      await env.store.policies.createPolicy(
        samplePolicy({
          id: "ebs-encrypted",
          title: "Volumes are encrypted",
          mode: "enforce",
          rules: [
            { id: "ebs-enc", title: "Encrypted", severity: "high", kind: "aws.ebs.volume", require: { path: "encrypted", op: "truthy" } },
            { id: "s3-enc", title: "Encrypted", severity: "high", kind: "aws.s3.bucket", require: { path: "encryption.enabled", op: "truthy" } },
            { id: "ebs-snap", title: "Snapshot", severity: "low", kind: "aws.ebs.volume", require: { path: "snapshots", op: "not-empty" } },
          ],
        }),
        "alice",
      );
    });

    it("summarises each policy at its latest version", async () => {
      await env.store.policies.addVersion(samplePolicy({ version: 2 }), "bob");
      const summaries = await env.store.policies.listPolicies();
      expect(summaries.map(({ updatedAt: _updatedAt, ...rest }) => rest)).toEqual([
        { id: "ebs-encrypted", title: "Volumes are encrypted", status: "active", version: 1, kinds: ["aws.ebs.volume", "aws.s3.bucket"], rules: 3, mode: "enforce" },
        { id: "s3-private", title: "S3 buckets are private", status: "active", version: 2, kinds: ["aws.s3.bucket"], rules: 1, mode: "audit" },
      ]);
    });

    it("finds active policies by rule kind, and forgets retired ones", async () => {
      expect((await env.store.policies.findActiveByKind("aws.s3.bucket")).map((policy) => policy.id)).toEqual(["ebs-encrypted", "s3-private"]);
      expect((await env.store.policies.findActiveByKind("aws.ebs.volume")).map((policy) => policy.id)).toEqual(["ebs-encrypted"]);
      expect(await env.store.policies.findActiveByKind("aws.efs.file-system")).toEqual([]);

      const retired = await env.store.policies.retire("ebs-encrypted");
      expect(retired.status).toBe("retired");
      expect((await env.store.policies.findActiveByKind("aws.s3.bucket")).map((policy) => policy.id)).toEqual(["s3-private"]);
      expect((await env.store.policies.listPolicies()).find((summary) => summary.id === "ebs-encrypted")?.status).toBe("retired");
      expect((await env.store.policies.history("ebs-encrypted"))[0]?.policy.status).toBe("active");
    });

    it("finds the latest version, not an older one, of a policy whose kinds changed", async () => {
      await env.store.policies.addVersion(
        samplePolicy({
          version: 2,
          rules: [{ id: "efs-enc", title: "Encrypted", severity: "high", kind: "aws.efs.file-system", require: { path: "encrypted", op: "truthy" } }],
        }),
        "bob",
      );
      expect((await env.store.policies.findActiveByKind("aws.s3.bucket")).map((policy) => policy.id)).toEqual(["ebs-encrypted"]);
      expect((await env.store.policies.findActiveByKind("aws.efs.file-system")).map((policy) => [policy.id, policy.version])).toEqual([["s3-private", 2]]);
    });

    it("refuses to retire an unknown policy", async () => {
      await expect(env.store.policies.retire("nope")).rejects.toMatchObject({ code: "POLICY_NOT_FOUND" });
    });
  });
});
