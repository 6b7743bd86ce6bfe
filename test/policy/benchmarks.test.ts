// Benchmark ids: every id a control names is in the table of published titles, carries its
// benchmark version, and one id on two controls is a deliberate, explained overlap.
import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { BENCHMARKS, findBenchmark, upgradeLegacyIds } from "../../tools/aws/controls/benchmarks.js";
import { CIS_3_0_IDS } from "../../contracts/legacy-ids.js";
import { CONTROLS } from "../../engine/registry.js";
import { PolicySchema } from "../../contracts/policy.js";
import { openStore } from "../../store/index.js";
import { samplePolicy, tempDbFile } from "../store/helpers.js";

/**
 * Ids that several controls name, with the controls and why the published title covers each of
 * them. Anything else shared fails: two controls meaning different things under one id is the
 * mixed-version mistake (CIS 1.x 2.1.1 "encryption at rest" beside CIS 3.0 2.1.1 "deny HTTP").
 */
const SHARED: ReadonlyArray<{ id: string; controls: string[]; why: string }> = [
  {
    id: "CIS-AWS-3.0-2.1.4",
    controls: ["s3.bucket-not-public", "s3.bucket-block-public-access", "s3.account-block-public-access"],
    why: "Block Public Access, as the recommendation audits it at bucket and account level; 'not public' is AWS's verdict from those flags",
  },
  { id: "FSBP-S3.2", controls: ["s3.bucket-not-public", "s3.bucket-acl-no-public-read", "s3.bucket-policy-not-public"], why: "public read, by any route (flags, ACL, policy)" },
  { id: "FSBP-S3.3", controls: ["s3.bucket-not-public", "s3.bucket-acl-no-public-write", "s3.bucket-policy-not-public"], why: "public write, by any route (flags, ACL, policy)" },
  { id: "FSBP-S3.8", controls: ["s3.bucket-not-public", "s3.bucket-block-public-access"], why: "bucket-level Block Public Access" },
  { id: "FSBP-EC2.3", controls: ["ebs.volume-encrypted", "ec2.attached-volumes-encrypted"], why: "attached EBS volumes encrypted at rest, seen from the volume or from its instance" },
];

/** id → the controls naming it, for ids named by more than one control. */
function sharedIds(): Map<string, string[]> {
  const byId = new Map<string, string[]>();
  for (const control of CONTROLS) for (const id of control.benchmarks) byId.set(id, [...(byId.get(id) ?? []), control.id]);
  return new Map([...byId].filter(([, controls]) => controls.length > 1));
}

describe("benchmark ids", () => {
  it("names only ids from the table of published titles", () => {
    const unknown = CONTROLS.flatMap((c) => c.benchmarks.filter((id) => !findBenchmark(id)).map((id) => `${c.id}: ${id}`));
    expect(unknown).toEqual([]);
  });

  it("puts the benchmark version on every CIS id, matching the table's version", () => {
    for (const [id, entry] of Object.entries(BENCHMARKS)) {
      if (!id.startsWith("CIS-")) continue;
      expect(id).toMatch(/^CIS-AWS-3\.0-\d+(\.\d+)+$/);
      expect(entry.version).toBe("3.0.0");
    }
  });

  it("shares an id between controls only where the title covers each of them", () => {
    const expected = new Map(SHARED.map((s) => [s.id, [...s.controls].sort()]));
    const actual = new Map([...sharedIds()].map(([id, controls]) => [id, [...controls].sort()]));
    expect(actual).toEqual(expected);
  });

  it("lists in the table only ids some control uses", () => {
    const used = new Set<string>(CONTROLS.flatMap((c) => c.benchmarks));
    expect(Object.keys(BENCHMARKS).filter((id) => !used.has(id))).toEqual([]);
  });

  it("does not map S3 default encryption to CIS 3.0 2.1.1 (deny HTTP requests)", () => {
    const encrypted = CONTROLS.find((c) => c.id === "s3.bucket-encrypted");
    expect(encrypted?.benchmarks).not.toContain("CIS-AWS-3.0-2.1.1");
    expect(CONTROLS.find((c) => c.id === "s3.bucket-secure-transport")?.benchmarks).toContain("CIS-AWS-3.0-2.1.1");
  });
});

describe("stored policies with unversioned CIS ids", () => {
  it("upgrade only to CIS 3.0 ids the benchmark table holds", () => {
    for (const id of CIS_3_0_IDS) expect(findBenchmark(id), id).toBeDefined();
  });

  it("maps each legacy id to its CIS 3.0 id, dropping the old encryption-at-rest 2.1.1", () => {
    expect(upgradeLegacyIds(["CIS-AWS-2.1.1", "FSBP-S3.4"], "s3.bucket-encrypted")).toEqual(["FSBP-S3.4"]);
    expect(upgradeLegacyIds(["CIS-AWS-2.1.1", "FSBP-S3.5"], "s3.bucket-secure-transport")).toEqual(["CIS-AWS-3.0-2.1.1", "FSBP-S3.5"]);
    expect(upgradeLegacyIds(["CIS-AWS-5.2", "CIS-AWS-3.0-5.2"], "ec2.security-group-no-public-ingress")).toEqual(["CIS-AWS-3.0-5.2"]);
  });

  it("keeps the ids of hand-written rules, and unknown numbers, as written", () => {
    expect(upgradeLegacyIds(["CIS-AWS-2.1.1", "SOC2-CC6.1"], undefined)).toEqual(["CIS-AWS-2.1.1", "SOC2-CC6.1"]);
    expect(upgradeLegacyIds(["CIS-AWS-9.9"], "s3.bucket-encrypted")).toEqual(["CIS-AWS-9.9"]);
  });

  it("load with today's ids", () => {
    const rule = (id: string, control: string | undefined, controls: string[]) => ({
      id, title: id, severity: "high", kind: "aws.s3.bucket", ...(control ? { control } : {}),
      require: { path: "encryption.enabled", op: "eq", value: true }, controls,
    });
    const stored = PolicySchema.parse({
      id: "legacy", version: 1, title: "Legacy", intent: "encrypt and require TLS", mode: "audit",
      rules: [
        rule("s3.bucket-encrypted", "s3.bucket-encrypted", ["CIS-AWS-2.1.1", "FSBP-S3.4"]),
        rule("s3.bucket-secure-transport", "s3.bucket-secure-transport", ["CIS-AWS-2.1.1", "FSBP-S3.5"]),
        rule("hand-written", undefined, ["CIS-AWS-2.1.1"]),
      ],
    });
    expect(stored.rules.map((r) => r.controls)).toEqual([["FSBP-S3.4"], ["CIS-AWS-3.0-2.1.1", "FSBP-S3.5"], ["CIS-AWS-2.1.1"]]);
  });
});

describe("a SQLite store written before ids carried the CIS version", () => {
  it("loads its policies with today's ids", async () => {
    const temp = tempDbFile();
    try {
      const store = await openStore({ file: temp.file });
      await store.policies.createPolicy(samplePolicy({ rules: [{
        id: "s3.bucket-encrypted", title: "S3 bucket has default encryption", severity: "high", kind: "aws.s3.bucket", control: "s3.bucket-encrypted",
        require: { path: "encryption.enabled", op: "eq", value: true }, controls: ["FSBP-S3.4"],
      }] }), "tester");
      await store.close();
      // The document as an earlier agpm stored it, written straight into the table.
      const db = new BetterSqlite3(temp.file);
      const row = db.prepare("SELECT document FROM policy_versions").get() as { document: string };
      const legacy = JSON.parse(row.document) as { rules: Array<{ controls: string[] }> };
      for (const rule of legacy.rules) rule.controls = ["CIS-AWS-2.1.1", "FSBP-S3.4"];
      db.prepare("UPDATE policy_versions SET document = ?").run(JSON.stringify(legacy));
      db.close();
      const reopened = await openStore({ file: temp.file });
      const loaded = await reopened.policies.getPolicy("s3-private");
      await reopened.close();
      expect(loaded?.rules[0]?.controls).toEqual(["FSBP-S3.4"]);
    } finally {
      temp.cleanup();
    }
  });
});
