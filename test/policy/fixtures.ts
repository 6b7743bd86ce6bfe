// Resources shaped exactly like the kind models (each is parsed by its kind's schema), for policy tests.
import { findKind, modelSchema } from "../../engine/registry.js";
import type { Resource } from "../../contracts/resource.js";
import type { Condition, Rule } from "../../contracts/policy.js";
import type { SecurityGroupRuleModel } from "../../tools/aws/kinds/ec2-security-group/model.js";

type Plain = Record<string, unknown>;

function merge(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    const isObj = (x: unknown): x is Plain => typeof x === "object" && x !== null && !Array.isArray(x);
    out[k] = isObj(b) && isObj(v) && k !== "tags" ? merge(b, v) : v;
  }
  return out;
}

/** Builds a resource of `kind` and checks it against the kind's model, so tests can't drift from it. */
export function resourceOf(kind: string, base: Plain, overrides: Plain = {}): Resource {
  const definition = findKind(kind);
  if (!definition) throw new Error(`unknown kind ${kind}`);
  return modelSchema(definition).parse(merge(base, overrides)) as Resource;
}

const pab = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

export function bucket(overrides: Plain = {}): Resource {
  return resourceOf("aws.s3.bucket", {
    kind: "aws.s3.bucket", id: "app-logs", region: "eu-west-1", account: "123456789012", name: "app-logs",
    tags: { env: "prod", owner: "payments" },
    creationDate: "2024-03-01T00:00:00Z",
    publicAccessBlock: pab, accountPublicAccessBlock: null, effectivePublicAccessBlock: pab,
    acl: { publicPermissions: [], grants: 1 },
    policy: { present: false, allowsPublic: false, deniesInsecureTransport: false, crossAccount: false },
    public: { viaAcl: false, viaPolicy: false }, isPublic: false,
    encryption: { enabled: true, algorithm: "aws:kms", kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/abc", bucketKeyEnabled: true },
    versioning: { status: "Enabled", mfaDelete: false },
    objectOwnership: "BucketOwnerEnforced",
    logging: { enabled: false, targetBucket: null },
    lifecycle: { rules: 0 }, objectLock: { enabled: false },
  }, overrides);
}

export function ingressRule(overrides: Partial<SecurityGroupRuleModel> = {}): SecurityGroupRuleModel {
  return {
    protocol: "tcp", fromPort: 443, toPort: 443, source: "10.0.0.0/8", sourceType: "cidr", world: false,
    prefixLength: 8, publicCidr: false, groupId: "sg-0123456789abcdef0", ...overrides,
  };
}

export function securityGroup(ingress: SecurityGroupRuleModel[], overrides: Plain = {}): Resource {
  return resourceOf("aws.ec2.security-group", {
    kind: "aws.ec2.security-group", id: "sg-0123456789abcdef0", region: "eu-west-1", account: "123456789012", name: "web",
    tags: {}, groupName: "web", description: "web tier", vpcId: "vpc-1", isDefault: false, ingress, egress: [],
    ruleCount: ingress.length, launchWizard: false,
  }, overrides);
}

export function instance(overrides: Plain = {}): Resource {
  return resourceOf("aws.ec2.instance", {
    kind: "aws.ec2.instance", id: "i-0abc", region: "eu-west-1", account: "123456789012", name: "api-1", tags: { env: "prod" },
    instanceType: "t3.micro", state: "running", launchTime: "2024-05-01T10:00:00Z", imageId: "ami-1", vpcId: "vpc-1",
    subnetId: "subnet-1", availabilityZone: "eu-west-1a",
    metadataOptions: { httpTokens: "optional", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 },
    publicIp: null, iamInstanceProfile: null, monitoring: "disabled", virtualizationType: "hvm",
    securityGroupIds: ["sg-0123456789abcdef0"], volumeIds: ["vol-1"], autoScalingGroup: null,
    ingress: [], volumes: [{ volumeId: "vol-1", encrypted: true }], ageDays: 30, stoppedDays: null,
  }, overrides);
}

export function fileSystem(overrides: Plain = {}): Resource {
  return resourceOf("aws.efs.file-system", {
    kind: "aws.efs.file-system", id: "fs-0abc", region: "eu-west-1", account: "123456789012", name: "shared", tags: {},
    encrypted: false, kmsKeyId: null, lifeCycleState: "available", performanceMode: "generalPurpose", throughputMode: "bursting",
    oneZone: false, availabilityZoneName: null, backup: { enabled: false, status: null }, lifecyclePolicies: ["AFTER_30_DAYS"],
    fileSystemPolicy: { present: false, allowsAnyClient: false }, mountTargets: 2, accessPoints: 0,
  }, overrides);
}

export function rule(overrides: Partial<Rule> & Pick<Rule, "require">): Rule {
  return { id: "r1", title: "A rule", severity: "high", kind: "aws.s3.bucket", controls: [], ...overrides };
}

/** "No rule open to the world covering port 22", as a condition on a security group. */
export const NO_WORLD_SSH: Condition = {
  path: "ingress",
  none: {
    all: [
      { path: "world", op: "eq", value: true },
      { path: "fromPort", op: "lte", value: 22 },
      { path: "toPort", op: "gte", value: 22 },
    ],
  },
};
