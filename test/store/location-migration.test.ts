// A store written by agpm before locations existed (schema 0003, rows with region only) migrates to
// the location columns, and its findings history carries on without false drift; audit events
// written before 0005 read back with a location — on both engines.
import { Kysely, Migrator } from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import { openStore, type Database, type Store } from "../../store/index.js";
import { openBackend } from "../../store/dialect.js";
import { migrationProvider } from "../../store/migrations/index.js";
import { eachBackend, sampleFinding, samplePolicy, tempLocation, type TempLocation } from "./helpers.js";

const ACCOUNT = "123456789012";
const AT = "2026-01-01T00:00:00.000Z";

/** A store migrated up to `last` only, handed to `write` untyped: its columns predate today's Database. */
async function writeStoreAt(place: TempLocation, last: string, write: (old: Kysely<Record<string, Record<string, unknown>>>) => Promise<void>): Promise<void> {
  const backend = openBackend(place.location);
  const db = new Kysely<Database>({ dialect: backend.dialect });
  try {
    const migrator = new Migrator({ db, provider: migrationProvider, ...(backend.schema ? { migrationTableSchema: backend.schema } : {}) });
    const { error } = await migrator.migrateTo(last);
    if (error) throw error;
    await write(db as unknown as Kysely<Record<string, Record<string, unknown>>>);
  } finally {
    await db.destroy();
  }
}

/** The schema as commit c1c2558 (main before locations) left it: the shipped migrations up to 0003. */
async function writeOldStore(place: TempLocation): Promise<void> {
  await writeStoreAt(place, "0003_tokens", async (old) => {
    // Rows exactly as that code wrote them: region, no location.
    const policy = samplePolicy();
    await old.insertInto("policies").values({ id: policy.id, title: policy.title, status: "active", current_version: 1, created_at: AT, updated_at: AT }).execute();
    await old.insertInto("policy_versions").values({ policy_id: policy.id, version: 1, document: JSON.stringify({ ...policy, status: "active", scope: {} }), intent: policy.intent, created_at: AT, created_by: "alice" }).execute();
    await old.insertInto("runs").values({ id: "run_old", intent: "sweep", kind: "sweep", status: "completed", target: '{"type":"sandbox","file":"demo.json"}', options: "{}", policy_id: policy.id, policy_version: 1, actor: "worker", result: null, error: null, created_at: AT, updated_at: AT }).execute();
    const finding = { run_id: "run_old", policy_id: policy.id, policy_version: 1, rule_id: "s3-block-public", kind: "aws.s3.bucket", reason: "public access is not blocked", evidence: "[]", created_at: AT };
    await old.insertInto("findings").values([
      { ...finding, id: "fnd_1", resource_id: "app-logs", region: "eu-west-1", status: "fail" },
      { ...finding, id: "fnd_2", resource_id: "web-assets", region: "us-east-1", status: "pass" },
    ]).execute();
    const state = { policy_id: policy.id, rule_id: "s3-block-public", kind: "aws.s3.bucket", since: AT, last_seen: AT, run_id: "run_old", policy_version: 1 };
    await old.insertInto("finding_states").values([
      { ...state, resource_id: "app-logs", region: "eu-west-1", status: "fail" },
      { ...state, resource_id: "web-assets", region: "us-east-1", status: "pass" },
    ]).execute();
    await old.insertInto("finding_changes").values({ id: "chg_1", at: AT, run_id: "run_old", policy_id: policy.id, policy_version: 1, rule_id: "s3-block-public", kind: "aws.s3.bucket", region: "eu-west-1", resource_id: "app-logs", change: "drift", from_status: "pass", to_status: "fail", reason: "public access is not blocked" }).execute();
  });
}

/** Audit events as the code before 0005 (audit locations) wrote them: a region, or nothing, for where. */
async function writeAuditBeforeLocations(place: TempLocation): Promise<void> {
  await writeStoreAt(place, "0004_location", async (old) => {
    const event = { actor: "agpm", run_id: "run_old", policy_id: "s3-private", policy_version: 1, before: null, after: null, detail: null };
    await old.insertInto("audit_events").values([
      { ...event, id: "evt_1", at: AT, resource_id: "app-logs", kind: "aws.s3.bucket", region: "eu-west-1", action: "s3.block-public-access", result: "verified", dedupe_key: "run_old:fix" },
      { ...event, id: "evt_2", at: "2026-01-01T00:00:01.000Z", resource_id: null, kind: null, region: null, action: "approval", result: "approved", dedupe_key: null },
    ]).execute();
  });
}

/** A finding of today's evaluation: it carries the resource's location, account included. */
const observed = (resourceId: string, region: string, status: "pass" | "fail") =>
  sampleFinding({ resourceId, region, status, location: { domain: "aws", partition: region, root: ACCOUNT } });

eachBackend((kind) => {
  let place: TempLocation;
  let store: Store | undefined;
  beforeEach(async () => {
    place = tempLocation(kind);
    await writeOldStore(place);
    store = await openStore(place.location);
  });
  afterEach(async () => {
    await store?.close();
    await place.cleanup();
  });

  it("gives old findings, statuses and changes an AWS location from their region, root unknown", async () => {
    const findings = await store!.findings.listFindings({ runId: "run_old" });
    expect(findings.map((f) => [f.resourceId, f.region, f.location])).toEqual([
      ["app-logs", "eu-west-1", { domain: "aws", partition: "eu-west-1", root: "" }],
      ["web-assets", "us-east-1", { domain: "aws", partition: "us-east-1", root: "" }],
    ]);
    const states = await store!.history.listStates({ policyId: "s3-private" });
    expect(states.map((s) => [s.resourceId, s.status, s.location])).toEqual([
      ["app-logs", "fail", { domain: "aws", partition: "eu-west-1", root: "" }],
      ["web-assets", "pass", { domain: "aws", partition: "us-east-1", root: "" }],
    ]);
    expect((await store!.history.listChanges({ policyId: "s3-private" })).map((c) => c.location)).toEqual([{ domain: "aws", partition: "eu-west-1", root: "" }]);
  });

  it("carries the history on: unchanged statuses are no drift, the account is adopted, a real change is drift", async () => {
    const coverage = { partitions: ["eu-west-1", "us-east-1"], root: ACCOUNT, kinds: ["aws.s3.bucket"] };
    const same = await store!.history.recordObservation({
      runId: "run_new", policyId: "s3-private", policyVersion: 1, coverage,
      findings: [observed("app-logs", "eu-west-1", "fail"), observed("web-assets", "us-east-1", "pass")],
    });
    expect(same).toEqual({ baseline: false, changes: [], stillFailing: 1 });
    const states = await store!.history.listStates({ policyId: "s3-private" });
    expect(states.map((s) => [s.resourceId, s.location.root, s.since])).toEqual([["app-logs", ACCOUNT, AT], ["web-assets", ACCOUNT, AT]]);

    const next = await store!.history.recordObservation({
      runId: "run_next", policyId: "s3-private", policyVersion: 1, coverage,
      findings: [observed("app-logs", "eu-west-1", "fail"), observed("web-assets", "us-east-1", "fail")],
    });
    expect(next.changes.map((c) => [c.change, c.resourceId, c.location])).toEqual([["drift", "web-assets", { domain: "aws", partition: "us-east-1", root: ACCOUNT }]]);
    expect(next.stillFailing).toBe(1);
  });

  it("records a verified fix of an old failing status, whether or not the fix names its location", async () => {
    const item = { kind: "aws.s3.bucket", region: "eu-west-1", resourceId: "app-logs", ruleIds: ["s3-block-public"], summary: "blocked public access" };
    const fixed = await store!.history.recordRemediations({ runId: "run_fix", policyId: "s3-private", policyVersion: 1, items: [{ ...item, location: { domain: "aws", partition: "eu-west-1", root: ACCOUNT } }] });
    expect(fixed.map((c) => [c.change, c.resourceId, c.location.root])).toEqual([["remediated", "app-logs", ACCOUNT]]);
    await store!.history.recordObservation({
      runId: "run_back", policyId: "s3-private", policyVersion: 1, coverage: { partitions: null, root: ACCOUNT, kinds: ["aws.s3.bucket"] },
      findings: [observed("app-logs", "eu-west-1", "fail"), observed("web-assets", "us-east-1", "pass")],
    });
    const again = await store!.history.recordRemediations({ runId: "run_fix2", policyId: "s3-private", policyVersion: 1, items: [item] });
    expect(again.map((c) => [c.change, c.location.root])).toEqual([["remediated", ACCOUNT]]);
  });

  it("keeps another account's statuses apart from the adopted ones", async () => {
    const other = "210987654321";
    const result = await store!.history.recordObservation({
      runId: "run_other", policyId: "s3-private", policyVersion: 1, coverage: { regions: ["eu-west-1"], root: ACCOUNT, kinds: ["aws.s3.bucket"] },
      findings: [observed("app-logs", "eu-west-1", "fail")],
    });
    expect(result.changes).toEqual([]);
    // The same bucket name in another account is a new resource: its first status is a baseline, not drift.
    const second = await store!.history.recordObservation({
      runId: "run_second", policyId: "s3-private", policyVersion: 1, coverage: { regions: ["eu-west-1"], root: other, kinds: ["aws.s3.bucket"] },
      findings: [sampleFinding({ resourceId: "app-logs", status: "pass", location: { domain: "aws", partition: "eu-west-1", root: other } })],
    });
    expect(second.changes).toEqual([]);
    const roots = (await store!.history.listStates({ policyId: "s3-private" })).filter((s) => s.resourceId === "app-logs").map((s) => [s.location.root, s.status]);
    expect(roots.sort()).toEqual([[other, "pass"], [ACCOUNT, "fail"]].sort());
  });
});

eachBackend((kind) => {
  let place: TempLocation;
  let store: Store | undefined;
  beforeEach(async () => {
    place = tempLocation(kind);
    await writeAuditBeforeLocations(place);
    store = await openStore(place.location);
  });
  afterEach(async () => {
    await store?.close();
    await place.cleanup();
  });

  it("reads old audit events with an AWS location from their region (root unknown), none without a region", async () => {
    const events = await store!.audit.listAudit({ runId: "run_old" });
    expect(events.map((e) => [e.id, e.region, e.location])).toEqual([
      ["evt_2", null, null],
      ["evt_1", "eu-west-1", { domain: "aws", partition: "eu-west-1", root: "" }],
    ]);
  });

  it("keeps deduplicating against old events and stores new ones with their full location", async () => {
    expect(await store!.audit.appendAudit({ actor: "agpm", runId: "run_old", result: "verified", dedupeKey: "run_old:fix" })).toEqual({ inserted: false, id: "evt_1" });
    const location = { domain: "aws", partition: "eu-west-1", root: ACCOUNT };
    await store!.audit.appendAudit({ actor: "agpm", runId: "run_new", resourceId: "app-logs", kind: "aws.s3.bucket", region: "eu-west-1", location, result: "verified" });
    expect((await store!.audit.listAudit({ runId: "run_new" })).map((e) => e.location)).toEqual([location]);
  });
});
