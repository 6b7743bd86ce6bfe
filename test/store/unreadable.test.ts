// A row that cannot be read (corrupt JSON, or JSON its schema refuses) never poisons a listing:
// it is left out, reported once with where it is, and the rest is returned.
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore, unreadableWarning, type Store, type UnreadableRows } from "../../store/index.js";
import { createWorkspace } from "../helpers/cli.js";
import { eachBackend, sampleFinding, samplePolicy, steppingClock, tempLocation, type TempLocation } from "./helpers.js";

eachBackend((kind) => {
  let temp: TempLocation;
  let store: Store;
  let reports: UnreadableRows[];
  beforeEach(async () => {
    temp = tempLocation(kind);
    reports = [];
    store = await openStore({ ...temp.location, now: steppingClock(), onUnreadable: (report) => reports.push(report) });
  });
  afterEach(async () => {
    await store.close();
    await temp.cleanup();
  });

  async function completedRun(resources: string[]): Promise<string> {
    const run = await store.runs.createRun({ intent: "check", kind: "check", target: {}, actor: "a" });
    await store.findings.insertFindings(run.id, resources.map((resourceId) => sampleFinding({ resourceId })));
    await store.runs.updateRun(run.id, { status: "completed" });
    return run.id;
  }

  describe("when a findings row is corrupt", () => {
    it("lists the others and reports the bad one, in both listings", async () => {
      const runId = await completedRun(["a", "b", "c"]);
      await sql`update findings set evidence = ${'[{"path":1}]'} where resource_id = 'b'`.execute(store.db);
      await sql`update findings set evidence = ${"{not json"} where resource_id = 'c'`.execute(store.db);

      expect((await store.findings.latestFindings()).map((f) => f.resourceId)).toEqual(["a"]);
      expect((await store.findings.listFindings({ runId })).map((f) => f.resourceId)).toEqual(["a"]);
      expect(reports.map((r) => [r.listing, r.skipped])).toEqual([["latestFindings", 2], ["listFindings", 2]]);
      expect(reports[0]!.problems.join(" ")).toMatch(/findings\(fnd_\w+\)\.evidence does not match its schema at \$\[0\]\.path.*findings\(fnd_\w+\)\.evidence is not valid JSON/);
      expect(unreadableWarning(reports[0]!)).toMatch(/^warning: latestFindings skipped 2 unreadable rows \(shown without them\): stored JSON in findings/);
    });
  });

  describe("when audit events, runs and policies have corrupt rows", () => {
    it("lists, pages and sweeps over the readable ones and reports each listing", async () => {
      await store.audit.appendAudit({ actor: "a", result: "applied", before: { x: 1 } });
      const bad = await store.audit.appendAudit({ actor: "a", result: "applied" });
      await store.audit.appendAudit({ actor: "a", result: "applied" });
      await sql`update audit_events set after = ${"{oops"} where id = ${bad.id}`.execute(store.db);
      expect(await store.audit.listAudit()).toHaveLength(2);
      const page = await store.audit.pageAudit({ limit: 2 });
      expect(page.items.map((e) => e.id)).not.toContain(bad.id);
      // The page's position is the last row read, so the next page neither repeats nor loses events.
      expect(page.next).not.toBeNull();
      expect((await store.audit.pageAudit({ limit: 2, after: page.next })).items).toHaveLength(1);

      const good = await store.runs.createRun({ intent: "ok", kind: "check", target: {}, actor: "a" });
      const broken = await store.runs.createRun({ intent: "bad", kind: "check", target: {}, actor: "a" });
      await sql`update runs set target = ${"[]"} where id = ${broken.id}`.execute(store.db);
      expect((await store.runs.listRuns()).map((r) => r.id)).toEqual([good.id]);
      await expect(store.runs.getRun(broken.id)).rejects.toMatchObject({ code: "STORE_ERROR", message: expect.stringContaining(`runs(${broken.id}).target`) });

      await store.policies.createPolicy(samplePolicy(), "a");
      await store.policies.createPolicy(samplePolicy({ id: "broken" }), "a");
      await sql`update policy_versions set document = ${'{"id":"broken"}'} where policy_id = 'broken'`.execute(store.db);
      expect((await store.policies.listPolicies()).map((p) => p.id)).toEqual(["s3-private"]);
      expect((await store.policies.findActiveByKind("aws.s3.bucket")).map((p) => p.id)).toEqual(["s3-private"]);
      expect(await store.policies.history("broken")).toEqual([]);

      expect(reports.map((r) => [r.listing, r.skipped])).toEqual([
        ["listAudit", 1], ["pageAudit", 1], ["listRuns", 1], ["listPolicies", 1], ["findActiveByKind", 1], ["history", 1],
      ]);
    });
  });
});

describe("when agpm findings meets a corrupt row", () => {
  it("prints the other findings and a warning naming the row, and succeeds", async () => {
    const ws = createWorkspace();
    try {
      await ws.run("sandbox", "init");
      // A dry run records findings (a check stores none); exit 1: the demo account has public buckets.
      expect((await ws.run("run", "Ensure all S3 buckets are private")).code).toBe(1);
      const db = new BetterSqlite3(join(ws.dir, ".agpm", "agpm.db"));
      const [victim] = db.prepare("select id from findings order by id limit 1").all() as Array<{ id: string }>;
      const count = (db.prepare("select count(*) as n from findings").get() as { n: number }).n;
      db.prepare("update findings set evidence = 'nope' where id = ?").run(victim!.id);
      db.close();

      const listed = await ws.run("findings", "--all", "--json");
      expect(listed.code).toBe(0);
      expect(listed.json<{ findings: unknown[] }>().findings).toHaveLength(count - 1);
      expect(listed.stderr).toBe(`warning: latestFindings skipped 1 unreadable row (shown without them): stored JSON in findings(${victim!.id}).evidence is not valid JSON\n`);
    } finally {
      ws.cleanup();
    }
  });
});
