// The offline translator on paraphrases of the seed intents, compound intents, scope words,
// exceptions and refusals.
import { describe, expect, it } from "vitest";
import { createOfflineTranslator } from "../../agents/translator/offline.js";
import { parseIntent } from "../../language/parse.js";
import { planFor } from "./corpus-harness.js";
import { isAgpmError } from "../../core/errors.js";

const translator = createOfflineTranslator();

async function translate(intent: string) {
  const parsed = parseIntent(intent);
  const out = await translator.translate({ intent, plan: planFor(parsed), feedback: [], previous: null });
  return { ...out, parsed, ruleIds: out.draft.rules.map((r) => r.id).sort() };
}

describe("when intents paraphrase the seeds", () => {
  it.each([
    ["Ensure all AWS cloud storage buckets are private and encrypted.", ["s3.bucket-encrypted", "s3.bucket-not-public"]],
    ["Make sure our S3 buckets are encrypted and not publicly accessible", ["s3.bucket-encrypted", "s3.bucket-not-public"]],
    ["No bucket may be public", ["s3.bucket-not-public"]],
    ["Block public access on every bucket", ["s3.bucket-not-public"]],
    ["Buckets must use server-side encryption", ["s3.bucket-encrypted"]],
    ["Enforce encryption at rest for EFS", ["efs.encrypted"]],
    ["Check that EC2 instances are part of an auto scaling group", ["ec2.in-autoscaling-group"]],
    ["Require IMDSv2 on all EC2 instances in us-east-1.", ["ec2.imdsv2-required"]],
    ["All VMs must use the instance metadata service v2 only", ["ec2.imdsv2-required"]],
    ["make sure nobody can SSH in from the internet", ["ec2.security-group-no-public-ingress"]],
    ["encrypt all EBS", ["ebs.volume-encrypted"]],
    ["Turn on EBS encryption by default in every region", ["ebs.encryption-by-default"]],
    ["EFS file systems must be backed up", ["efs.backup-enabled"]],
    ["Versioning must be on for all S3 buckets", ["s3.bucket-versioning"]],
  ])("%s", async (intent, expected) => {
    const { ruleIds } = await translate(intent);
    expect(ruleIds).toEqual(expected);
  });
});

describe("when intents carry scope", () => {
  it("takes regions, tags and exceptions into the scope", async () => {
    const { draft } = await translate("Encrypt S3 buckets in eu-west-1 tagged env=prod except those tagged public-website=true");
    expect(draft.scope).toEqual({ regions: ["eu-west-1"], tags: { env: "prod" }, exclude: { tags: { "public-website": "true" } } });
  });

  it("keeps the case of KMS aliases and passes the key to the rule and its remediation", async () => {
    const { draft } = await translate("Encrypt all buckets with KMS key alias/DataKey");
    const rule = draft.rules[0];
    expect(JSON.stringify(rule?.require)).toContain("alias/DataKey");
    expect(rule?.remediation?.params).toMatchObject({ algorithm: "aws:kms", kmsKeyId: "alias/DataKey" });
  });

  it("reads named ports and services into the ingress rule", async () => {
    const { draft } = await translate("Security groups must not allow MySQL or port 5432 from 0.0.0.0/0");
    expect(draft.rules[0]?.remediation?.params).toEqual({ ports: [3306, 5432] });
  });

  it("excludes a named resource after 'except'", async () => {
    const { draft } = await translate("Block public access on every bucket except www-assets");
    expect(draft.scope.exclude?.names).toEqual(["www-assets"]);
  });
});

describe("when the intent is check-only", () => {
  it("produces an audit-mode draft", async () => {
    const { draft, parsed } = await translate("Validate EC2 instances have autoscaling enabled.");
    expect(parsed.operation).toBe("check-only");
    expect(draft.mode).toBe("audit");
  });
});

describe("when the intent is not understood", () => {
  it.each(["Make the coffee hot", "Ensure all S3 buckets are delightful", "Rotate IAM access keys every 90 days"])("refuses %s with suggestions", async (intent) => {
    const error = await translate(intent).catch((e: unknown) => e);
    expect(isAgpmError(error, "INTENT_UNTRANSLATABLE")).toBe(true);
    expect((error as Error).message).toContain("Closest supported controls");
  });
});

describe("when the intent names a kind but none of that kind's requirements", () => {
  // Never read as another kind's rule: "encrypted" must not turn security groups into S3 buckets.
  it.each([
    ["Security groups must be encrypted", "security groups"],
    ["AMIs must have versioning enabled", "AMIs"],
  ])("refuses %s, naming what it recognised", async (intent, noun) => {
    const error = await translate(intent).catch((e: unknown) => e);
    expect(isAgpmError(error, "INTENT_UNTRANSLATABLE")).toBe(true);
    expect((error as Error).message).toContain(`I recognised ${noun} but no requirement on them`);
  });

  it("still reads an intent that names no kind as a rule on the best-supported one", async () => {
    const { ruleIds } = await translate("Versioning must be enabled everywhere");
    expect(ruleIds).toEqual(["s3.bucket-versioning"]);
  });
});
