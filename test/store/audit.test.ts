import { describe, expect, it } from "vitest";
import type { NewAuditEvent } from "../../store/index.js";
import { eachBackend, useTempStore } from "./helpers.js";

eachBackend((kind) => {
  const env = useTempStore(kind);

  const applied: NewAuditEvent = {
    actor: "agpm",
    runId: "run_1",
    policyId: "s3-private",
    policyVersion: 2,
    resourceId: "app-logs",
    kind: "aws.s3.bucket",
    region: "eu-west-1",
    action: "s3.block-public-access",
    before: { publicAccessBlock: null },
    after: { publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true } },
    result: "applied",
    detail: "PutPublicAccessBlock",
    dedupeKey: "run_1:app-logs:s3.block-public-access:apply",
  };

  describe("when a step is retried", () => {
    it("writes its audit event once and points the retry at the first one", async () => {
      const first = await env.store.audit.appendAudit(applied);
      const retry = await env.store.audit.appendAudit({ ...applied, detail: "retried" });
      expect(first.inserted).toBe(true);
      expect(retry).toEqual({ inserted: false, id: first.id });
      const events = await env.store.audit.listAudit({ runId: "run_1" });
      expect(events).toHaveLength(1);
      expect(events[0]?.detail).toBe("PutPublicAccessBlock");
    });

    it("keeps every event that has no dedupe key", async () => {
      const event: NewAuditEvent = { actor: "alice", policyId: "s3-private", result: "policy-created" };
      const results = [await env.store.audit.appendAudit(event), await env.store.audit.appendAudit(event)];
      expect(results.map((result) => result.inserted)).toEqual([true, true]);
      expect(await env.store.audit.listAudit({ policyId: "s3-private" })).toHaveLength(2);
    });
  });

  describe("when audit events are read back", () => {
    it("round-trips JSON before/after and nullable fields", async () => {
      const { id } = await env.store.audit.appendAudit(applied);
      const minimal = await env.store.audit.appendAudit({ actor: "bob", result: "approved" });
      const [newest, oldest] = await env.store.audit.listAudit();
      // Named by its region only (as older callers do), the resource is an AWS one, account unknown.
      expect(oldest).toEqual({ ...applied, location: { domain: "aws", partition: "eu-west-1", root: "" }, id, at: oldest?.at });
      expect(newest).toMatchObject({
        id: minimal.id, actor: "bob", result: "approved", runId: null, before: null, after: null, dedupeKey: null, policyVersion: null, location: null,
      });
    });

    it("keeps the location an event names, file and line included", async () => {
      const aws = { domain: "aws", partition: "eu-west-1", root: "123456789012" };
      const file = { domain: "terraform", partition: "main.tf", root: "infra", file: "main.tf", line: 12 };
      await env.store.audit.appendAudit({ ...applied, location: aws, dedupeKey: "aws" });
      await env.store.audit.appendAudit({ ...applied, region: null, location: file, dedupeKey: "file" });
      const events = await env.store.audit.listAudit({ runId: "run_1" });
      expect(events.map((e) => [e.dedupeKey, e.region, e.location])).toEqual([["file", null, file], ["aws", "eu-west-1", aws]]);
    });

    it("filters by run, policy and resource, newest first, limited", async () => {
      await env.store.audit.appendAudit({ ...applied, dedupeKey: "k1", result: "planned" });
      await env.store.audit.appendAudit({ ...applied, dedupeKey: "k2", result: "applied" });
      await env.store.audit.appendAudit({ ...applied, dedupeKey: "k3", result: "verified" });
      await env.store.audit.appendAudit({ ...applied, dedupeKey: "k4", runId: "run_2", resourceId: "other-bucket", result: "manual" });
      await env.store.audit.appendAudit({ actor: "alice", policyId: "ebs-encrypted", result: "policy-created" });

      expect((await env.store.audit.listAudit({ runId: "run_1" })).map((e) => e.result)).toEqual(["verified", "applied", "planned"]);
      expect((await env.store.audit.listAudit({ resourceId: "other-bucket" })).map((e) => e.runId)).toEqual(["run_2"]);
      expect((await env.store.audit.listAudit({ policyId: "s3-private", limit: 2 })).map((e) => e.result)).toEqual(["manual", "verified"]);
      expect((await env.store.audit.listAudit({ policyId: "ebs-encrypted" })).map((e) => e.actor)).toEqual(["alice"]);
    });

    it("refuses an event without an actor or result", async () => {
      await expect(env.store.audit.appendAudit({ actor: "", result: "applied" })).rejects.toMatchObject({ code: "INPUT_INVALID" });
    });
  });

  describe("when the log is paged", () => {
    it("walks it newest first in stable pages, with filters, even when events share a timestamp", async () => {
      const at = "2026-01-01T00:00:00.000Z";
      for (let i = 0; i < 5; i++) await env.store.audit.appendAudit({ actor: i % 2 ? "bob" : "alice", at, result: `r${i}`, dedupeKey: `k${i}` });
      const seen: string[] = [];
      let after = null;
      for (let page = 0; page < 5; page++) {
        const result: Awaited<ReturnType<typeof env.store.audit.pageAudit>> = await env.store.audit.pageAudit({ limit: 2, after });
        seen.push(...result.items.map((e) => e.result));
        after = result.next;
        if (!after) break;
      }
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
      const bobs = await env.store.audit.pageAudit({ limit: 10, actor: "bob" });
      expect(bobs.items.map((e) => e.actor)).toEqual(["bob", "bob"]);
      expect(bobs.next).toBeNull();
    });
  });
});
