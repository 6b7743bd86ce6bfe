// Security semantics of model fields: which values are insecure. A rule that can only be met
// by an insecure value weakens security, and is never enforced automatically.
import { getPath } from "./paths.js";
import type { Condition } from "../contracts/policy.js";
import { materialise, witnesses } from "./witness.js";

interface InsecureValue {
  path: string;
  insecure(value: unknown): boolean;
  /** What requiring it would do, e.g. "makes buckets public". */
  effect: string;
}

const isFalse = (v: unknown) => v === false;
const isTrue = (v: unknown) => v === true;
const worldOpen = (v: unknown) => Array.isArray(v) && v.some((r) => typeof r === "object" && r !== null && (r as { world?: unknown }).world === true);

const INSECURE: Readonly<Record<string, readonly InsecureValue[]>> = {
  "aws.s3.bucket": [
    { path: "isPublic", insecure: isTrue, effect: "makes buckets public" },
    { path: "policy.allowsPublic", insecure: isTrue, effect: "makes bucket policies public" },
    { path: "encryption.enabled", insecure: isFalse, effect: "disables bucket encryption" },
    { path: "logging.enabled", insecure: isFalse, effect: "disables access logging" },
    { path: "versioning.status", insecure: (v) => v === "Suspended", effect: "suspends versioning" },
    { path: "policy.deniesInsecureTransport", insecure: isFalse, effect: "allows unencrypted transport" },
  ],
  "aws.s3.account-public-access-block": ["blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets"].map((flag) => ({
    path: `effective.${flag}`, insecure: isFalse, effect: "turns off account-level Block Public Access",
  })),
  "aws.ec2.instance": [
    { path: "metadataOptions.httpTokens", insecure: (v) => v === "optional", effect: "allows IMDSv1" },
    { path: "ingress", insecure: worldOpen, effect: "opens instances to the internet" },
  ],
  "aws.ec2.security-group": [{ path: "ingress", insecure: worldOpen, effect: "opens ports to the internet" }],
  "aws.ebs.volume": [{ path: "encrypted", insecure: isFalse, effect: "requires unencrypted volumes" }],
  "aws.ebs.snapshot": [
    { path: "encrypted", insecure: isFalse, effect: "requires unencrypted snapshots" },
    { path: "public", insecure: isTrue, effect: "makes snapshots public" },
  ],
  "aws.ebs.encryption-by-default": [{ path: "enabled", insecure: isFalse, effect: "disables EBS encryption by default" }],
  "aws.efs.file-system": [
    { path: "encrypted", insecure: isFalse, effect: "requires unencrypted file systems" },
    { path: "backup.enabled", insecure: isFalse, effect: "disables backups" },
  ],
};

/** How a requirement weakens security, or null. Decided on synthesised examples of the condition. */
export function weakening(kind: string, require: Condition): string | null {
  const { satisfying, violating } = witnesses(require);
  if (!satisfying) return null;
  const good = materialise(satisfying);
  const bad = violating ? materialise(violating) : {};
  for (const entry of INSECURE[kind] ?? []) {
    const met = getPath(good, entry.path);
    const broken = getPath(bad, entry.path);
    if (met.found && entry.insecure(met.value) && !(broken.found && entry.insecure(broken.value))) return entry.effect;
  }
  return null;
}
