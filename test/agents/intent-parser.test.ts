// The offline parser's recognisers and structure, one capability at a time: numbers with a
// meaning, tags as scope or requirement, name patterns, exemptions, polarity, out-of-scope
// services, clauses, shared words — and params reaching the rules the translator builds.
import { describe, expect, it } from "vitest";
import { parseIntent } from "../../language/parse.js";
import { tokenize } from "../../language/tokens.js";
import { scopeFromEntities } from "../../agents/planner/scope.js";
import { createOfflineTranslator } from "../../agents/translator/offline.js";
import { compileTest } from "../../engine/compile.js";
import { overlayResource } from "../../engine/examples.js";
import type { Plan } from "../../contracts/run.js";

const rules = (intent: string) => parseIntent(intent).controls.map((c) => c.ruleId).sort();

async function translate(intent: string) {
  const parsed = parseIntent(intent);
  const plan: Plan = { operation: parsed.operation, kinds: [], scope: scopeFromEntities(parsed.entities), existing: null, interpretation: [] };
  return createOfflineTranslator().translate({ intent, plan, feedback: [], previous: null });
}

describe("when tokenising", () => {
  it("splits camelCase flags and check ids into words but keeps names whole", () => {
    expect(tokenize("BlockPublicAcls s3_bucket_object_lock").map((t) => t.stem)).toEqual(["block", "public", "acl", "s3", "bucket", "object", "lock"]);
    expect(parseIntent("Block public access on every bucket except static-site-prod").entities.excludeNames).toEqual(["static-site-prod"]);
  });
});

describe("when intents carry numbers", () => {
  it("reads port ranges as every port in them, and the whole range as all ports", () => {
    expect(parseIntent("Security groups must not open ports 8000-8003 to the world").params.ports).toEqual([8000, 8001, 8002, 8003]);
    expect(parseIntent("Security groups must not allow ports 9000 to 9002 from anywhere").params.ports).toEqual([9000, 9001, 9002]);
    const all = parseIntent("Security groups must not open the port range 0-65535 to the internet");
    expect(all.params.ports).toBeUndefined();
    expect(all.controls.map((c) => c.control)).toEqual(["ec2.security-group-no-all-ports"]);
  });

  it("reads durations in days, counts with their comparison, and CIDR prefixes", () => {
    expect(parseIntent("No instance may stay stopped for more than 3 weeks").params).toEqual({ days: 21 });
    expect(parseIntent("Instances must not be older than a year").params).toEqual({ days: 365 });
    expect(parseIntent("Security groups must have fewer than 30 rules").params).toEqual({ count: 29 });
    expect(parseIntent("Security groups may have at most 30 rules").params).toEqual({ count: 30 });
    expect(parseIntent("No security group may allow public CIDRs wider than /20").params).toEqual({ prefixLength: 20 });
  });

  it("does not read a service name inside another control's phrase as a port", () => {
    const parsed = parseIntent("Validate that http tokens are required on every instance");
    expect(parsed.controls.map((c) => c.control)).toEqual(["ec2.imdsv2-required"]);
    expect(parsed.params).toEqual({});
  });
});

describe("when tags are named", () => {
  it("tells scope (tagged subjects) from required tags (tagged predicates)", () => {
    const scoped = parseIntent("Buckets tagged env=prod must be encrypted");
    expect(scoped.entities.tags).toEqual({ env: "prod" });
    expect(scoped.params).toEqual({});
    const required = parseIntent("instances tagged env=prod must carry the tags owner and cost-center");
    expect(required.entities.tags).toEqual({ env: "prod" });
    expect(required.params).toEqual({ tags: { owner: null, "cost-center": null } });
    expect(required.controls.map((c) => c.ruleId)).toEqual(["tags.required.ec2-instance"]);
  });

  it("reads allowed values as a list, and a glob as an anchored regex", () => {
    expect(parseIntent("The env tag on volumes must be one of dev, test or prod").params.tagValues).toEqual({ key: "env", values: ["dev", "test", "prod"] });
    expect(parseIntent("cost-center tags on buckets must look like CC-*").params.tagValues).toEqual({ key: "cost-center", pattern: "^CC-.*$" });
  });
});

describe("when names are patterns", () => {
  it.each([
    ["Bucket names must start with acme-", "acme-*"],
    ["Security group names must end with -sg", "*-sg"],
    ["Every volume name must contain -prod-", "*-prod-*"],
    ["Instance names must match ^[a-z]+-[0-9]+$", "^[a-z]+-[0-9]+$"],
  ])("%s", (intent, pattern) => {
    expect(parseIntent(intent).params.namePattern).toBe(pattern);
  });

  it("keeps 'named' as scope", () => {
    const parsed = parseIntent("Buckets named logs-* must be versioned");
    expect(parsed.entities.names).toEqual(["logs-*"]);
    expect(parsed.params).toEqual({});
  });
});

describe("when an exemption is asked for", () => {
  it("reads the resources, expiry, reason and owner, and names the rule it is from", () => {
    const parsed = parseIntent("Exempt file system fs-0123abcd from the EFS backup rule until 31 March 2027, reason: scratch data, owner: data-team");
    expect(parsed.operation).toBe("exempt");
    expect(parsed.entities.exemption).toEqual({ names: ["fs-0123abcd"], tags: {}, until: "2027-03-31", reason: "scratch data", owner: "data-team" });
    expect(parsed.controls.map((c) => c.control)).toEqual(["efs.backup-enabled"]);
    expect(scopeFromEntities(parsed.entities)).toEqual({});
  });

  it("leaves 'except …' a scope exclusion", () => {
    const parsed = parseIntent("Encrypt every bucket except those tagged public-website=true");
    expect(parsed.operation).toBe("create");
    expect(parsed.entities.exemption).toBeNull();
    expect(parsed.entities.excludeTags).toEqual({ "public-website": "true" });
  });
});

describe("when polarity matters", () => {
  it.each([
    ["Open port 22 to the world", true],
    ["Please make every bucket world-readable", true],
    ["Buckets should allow public read access", true],
    ["No security group may be open to the world", false],
    ["ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22", false],
    ["Check whether any bucket policy allows public access", false],
  ])("%s → weakening: %s", (intent, weakening) => {
    expect(parseIntent(intent).weakening !== null).toBe(weakening);
  });

  it("reads a negated change verb as check-only", () => {
    expect(parseIntent("Report EFS file systems without backups, but do not change anything").operation).toBe("check-only");
  });
});

describe("when a service is outside the catalogue", () => {
  it("names it, unless a control's own words use it", () => {
    expect(parseIntent("IAM users must have MFA enabled").outOfScope).toEqual(["IAM"]);
    const profile = parseIntent("Instances must have an IAM role attached");
    expect(profile.outOfScope).toEqual([]);
    expect(profile.controls.map((c) => c.control)).toEqual(["ec2.instance-profile"]);
  });
});

describe("when clauses name different kinds", () => {
  it("attaches each requirement to the kind of its clause", () => {
    expect(rules("Require IMDSv2 on instances and encryption on EBS volumes")).toEqual(["ebs.volume-encrypted", "ec2.imdsv2-required"]);
    expect(rules("Every instance and bucket must be tagged owner")).toEqual(["tags.required.ec2-instance", "tags.required.s3-bucket"]);
  });

  it("reads a kind word used by another kind's control as part of that control", () => {
    expect(rules("Check that EC2 instances are part of an auto scaling group")).toEqual(["ec2.in-autoscaling-group"]);
    expect(rules("Auto scaling groups should mix instance types")).toEqual(["autoscaling.multiple-instance-types"]);
    expect(rules("Check that the disks of every VM are encrypted")).toEqual(["ec2.attached-volumes-encrypted"]);
  });
});

describe("when words fit several controls", () => {
  it("keeps the control the more specific words point to", () => {
    expect(rules("Buckets must be encrypted with a customer managed KMS key")).toEqual(["s3.bucket-kms-encrypted"]);
    expect(rules("Make sure high-risk ports are not open to the world")).toEqual(["ec2.security-group-high-risk-ports"]);
  });

  it("reads shared words as the broader control without a note, and states other choices", () => {
    const plain = parseIntent("Buckets must be encrypted");
    expect(plain.controls.map((c) => c.control)).toEqual(["s3.bucket-encrypted"]);
    expect(plain.notes).toEqual([]);
    const kindless = parseIntent("Enforce encryption at rest");
    expect(kindless.notes.join(" ")).toContain("No resource kind named");
  });
});

describe("when the translator builds rules", () => {
  it("passes the recognised params to each control", async () => {
    const { draft } = await translate("Instances must not be older than 90 days");
    const require = compileTest(draft.rules[0]?.require ?? { all: [] });
    expect(require(overlayResource("aws.ec2.instance", { ageDays: 100 }))).toBe(false);
    expect(require(overlayResource("aws.ec2.instance", { ageDays: 80 }))).toBe(true);
  });

  it("makes one rule per named kind for an any-kind control, titled for that kind", async () => {
    const { draft } = await translate("Every instance and bucket must be tagged owner");
    expect(draft.rules.map((r) => [r.id, r.kind])).toEqual([
      ["tags.required.ec2-instance", "aws.ec2.instance"],
      ["tags.required.s3-bucket", "aws.s3.bucket"],
    ]);
    expect(draft.title).toContain("owner");
  });
});
