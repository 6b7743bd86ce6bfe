// Large generated accounts for benchmarks: about `resources` resources over 2–4 regions, ~30%
// drifted, reproducible from a seed. The kinds' lists (volumes, snapshots, images, EFS) come from
// their kind folders; the lists here are the ones not moved to a folder yet.
import { acl, ALL_USERS, FULL_BLOCK, instance, securityGroup, sse } from "./build.js";
import { canonicalId } from "./handlers/s3-buckets.js";
import { scaleDate as dateOf, scaleId as hex, type ScaleContext, type ScaleSpec } from "./kind-lists.js";
import { seededRandom } from "./random.js";
import { fileSections, KIND_LISTS } from "./schema.js";
import type { BucketInput, SandboxFile } from "./schema.js";

export interface ScaleOptions {
  /** Roughly how many resources to create, across all kinds. */
  resources: number;
  /** PRNG seed (default 42): the same seed gives the same account. */
  seed?: number;
}

const ACCOUNT = "123456789012";
const REGIONS = ["us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2"] as const;
const DRIFT = 0.3;

type Json = Record<string, unknown>;
const withoutBucketKey = (encryption: Json): Json => ({ Rules: (encryption["Rules"] as Json[]).map((r) => ({ ...r, BucketKeyEnabled: false })) });
const publicWrite = (grants: Json): Json => ({ ...grants, Grants: [...(grants["Grants"] as Json[]), { Grantee: { Type: "Group", URI: ALL_USERS }, Permission: "WRITE" }] });

function bucket(owner: string): (n: number, g: ScaleContext) => BucketInput {
  return (n, g) => {
    const drift = g.drifted() ? Math.floor(g.random() * 3) : -1;
    // The first bucket is the one access logs go to (the targetBucket param's sample names it), in
    // the region listed first, so the buckets read first can send it theirs (S3 logs within a region).
    const name = n === 0 ? "access-logs" : `scale-bucket-${n.toString().padStart(6, "0")}`;
    const region = n === 0 ? [...g.regions].sort()[0] : g.regions[n % g.regions.length];
    const encryption = drift === 1 ? null : sse(n % 3 === 0 ? `arn:aws:kms:us-east-1:${ACCOUNT}:key/scale-${n % 7}` : undefined);
    return {
      Name: name, CreationDate: dateOf(n), Region: region,
      PublicAccessBlock: drift === 0 || drift === 2 ? null : FULL_BLOCK,
      // Every sixth SSE-KMS bucket without its Bucket Key, so s3.enable-bucket-key has work.
      Encryption: encryption && n % 6 === 3 ? withoutBucketKey(encryption) : encryption,
      Versioning: n % 2 === 0 ? { Status: "Enabled", MFADelete: "Disabled" } : {},
      Policy: drift === 2 ? { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${name}/*` }] } : null,
      // Half the public ACLs also let anyone write.
      Acl: drift === 0 && n % 2 === 1 ? publicWrite(acl(owner, true)) : acl(owner, drift === 0),
      Logging: null, Lifecycle: null, ObjectLock: null, Tags: [{ Key: "owner", Value: `team-${n % 12}` }],
    };
  };
}

function securityGroupItem(n: number, g: ScaleContext): Json {
  const region = g.regions[n % g.regions.length] as string;
  const open = g.drifted();
  const rules = open
    ? [n % 2 === 0 ? { protocol: "tcp", from: 22, cidrs: ["0.0.0.0/0"] } : { protocol: "tcp", from: 3389, cidrs6: ["::/0"] }]
    : [{ protocol: "tcp", from: 443, cidrs: ["10.0.0.0/8"] }];
  return securityGroup(hex("sg", n + 1), `scale-sg-${n}`, "generated", `vpc-${region}`, ACCOUNT, rules, region === "us-east-1" ? undefined : region);
}

/** Instance n, in a security group; the first instances get a root volume (the volumes list builds it next). */
function instanceItem(n: number, g: ScaleContext): Json {
  const region = g.regions[n % g.regions.length] as string;
  const zone = `${region}${"abc"[n % 3]}`;
  const groups = g.items("securityGroups");
  const group = groups[n % Math.max(groups.length, 1)];
  return instance({
    id: hex("i", n + 1), name: `scale-${n}`, zone, type: n % 4 === 0 ? "m6i.large" : "t3.medium", running: n % 10 !== 0, imdsv2: !g.drifted(),
    vpcId: `vpc-${region}`, subnetId: `subnet-${zone}`, imageId: "ami-0a1b2c3d4e5f00101", launchTime: dateOf(n),
    groups: group ? [{ id: String(group["GroupId"]), name: String(group["GroupName"] ?? "") }] : [],
    volumeIds: n < g.count("volumes") ? [hex("vol", n + 1)] : [], privateIp: `10.${n >> 16 & 255}.${(n >> 8) & 255}.${n & 255}`,
  });
}

interface GeneratedInstance {
  InstanceId?: string;
  Placement?: { AvailabilityZone?: string };
}

/** The instances that belong to a group (60%), by region. */
function groupedInstances(g: ScaleContext): Map<string, GeneratedInstance[]> {
  const byRegion = new Map<string, GeneratedInstance[]>(g.regions.map((r) => [r, []]));
  (g.items("instances") as readonly GeneratedInstance[]).forEach((i, n) => {
    if (n % 5 < 3) byRegion.get(g.regions[n % g.regions.length] as string)?.push(i);
  });
  return byRegion;
}

/** About 60% of instances belong to a group (of similar size) in their region. */
function autoScalingGroup(): (n: number, g: ScaleContext) => Json {
  let pools: Map<string, GeneratedInstance[]> | undefined;
  return (n, g) => {
    pools ??= groupedInstances(g); // once: every instance exists by the groups' phase
    const perRegion = Math.max(1, Math.ceil(g.count("groups") / g.regions.length));
    const region = g.regions[n % g.regions.length] as string;
    const pool = pools.get(region) ?? [];
    const size = Math.ceil(pool.length / perRegion);
    const slot = Math.floor(n / g.regions.length);
    const mine = pool.slice(slot * size, (slot + 1) * size);
    return {
      ...(region === "us-east-1" ? {} : { Region: region }), AutoScalingGroupName: `scale-asg-${n}`, MinSize: 1, MaxSize: Math.max(2, size * 2), DesiredCapacity: mine.length,
      DefaultCooldown: 300, AvailabilityZones: [`${region}a`, `${region}b`], HealthCheckType: g.drifted() ? "EC2" : "ELB", CreatedTime: dateOf(n),
      Instances: mine.map((i) => ({ InstanceId: i.InstanceId, AvailabilityZone: String(i.Placement?.AvailabilityZone), LifecycleState: "InService", HealthStatus: "Healthy", ProtectedFromScaleIn: false })),
      Tags: [],
    };
  };
}

type Generator = ScaleSpec<Json> & { list: string };

/**
 * The lists not in a kind folder, with their shares of the resources and phases (see ScaleSpec:
 * the phases keep today's draws from the seed). Fresh per account: the groups keep their pools.
 */
function sharedGenerators(): Generator[] {
  return [
    { list: "securityGroups", share: 0.15, phase: 10, item: securityGroupItem },
    { list: "instances", share: 0.27, phase: 20, item: instanceItem },
    { list: "buckets", share: 0.12, phase: 50, item: bucket(canonicalId(ACCOUNT)) },
    { list: "groups", share: 0.1, phase: 80, item: autoScalingGroup() },
  ];
}

/** A generated account of about `resources` resources (deterministic for a seed; fast). */
export function generateScaleAccount(options: ScaleOptions): SandboxFile {
  const random = seededRandom(options.seed ?? 42);
  const regions = REGIONS.slice(0, 2 + Math.floor(random() * 3));
  // Shared lists first, then the kinds' in catalogue order: within a phase, item n of each in turn.
  const generators: Generator[] = [...sharedGenerators(), ...KIND_LISTS.map((l): Generator => ({ list: l.list, ...l.scale }))];
  const counts = new Map(generators.map((gen) => [gen.list, Math.max(1, Math.round(options.resources * gen.share))]));
  const items = new Map<string, Json[]>(generators.map((gen) => [gen.list, []]));
  const ctx: ScaleContext = {
    account: ACCOUNT, regions, random, drifted: () => random() < DRIFT,
    items: (list) => items.get(list) ?? [], count: (list) => counts.get(list) ?? 0,
  };
  for (const phase of [...new Set(generators.map((gen) => gen.phase))].sort((a, b) => a - b)) {
    const inPhase = generators.filter((gen) => gen.phase === phase);
    const longest = Math.max(...inPhase.map((gen) => ctx.count(gen.list)));
    for (let n = 0; n < longest; n++) {
      for (const gen of inPhase) if (n < ctx.count(gen.list)) items.get(gen.list)?.push(gen.item(n, ctx));
    }
  }
  return {
    account: ACCOUNT,
    region: "us-east-1",
    ...fileSections({ s3: { accountPublicAccessBlock: null }, ec2: { ebsEncryptionByDefault: Object.fromEntries(regions.map((r, i) => [r, i % 2 === 1])) } }, items),
  };
}
