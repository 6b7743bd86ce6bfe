// Large generated accounts for benchmarks: about `resources` resources over 2–4 regions, ~30%
// drifted, reproducible from a seed.
import { acl, ALL_USERS, FULL_BLOCK, fileSystem, instance, securityGroup, sse, volume } from "./build.js";
import { canonicalId } from "./handlers/s3-buckets.js";
import { seededRandom } from "./random.js";
import type { AccessPointInput, AutoScalingGroupInput, BucketInput, ImageInput, InstanceInput, SandboxFile, SecurityGroupInput, SnapshotInput, VolumeInput } from "./schema.js";

export interface ScaleOptions {
  /** Roughly how many resources to create, across all kinds. */
  resources: number;
  /** PRNG seed (default 42): the same seed gives the same account. */
  seed?: number;
}

const ACCOUNT = "123456789012";
const REGIONS = ["us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2"] as const;
const DRIFT = 0.3;
/** Share of the resources given to each kind. */
const SHARE = { buckets: 0.12, instances: 0.27, groups: 0.15, volumes: 0.24, snapshots: 0.03, images: 0.02, fileSystems: 0.05, accessPoints: 0.02, asgs: 0.1 };

const hex = (prefix: string, n: number) => `${prefix}-${n.toString(16).padStart(17, "0")}`;
const dateOf = (n: number) => new Date(Date.UTC(2022, 0, 1) + (n % 900) * 86_400_000).toISOString();

interface Gen {
  random: () => number;
  regions: readonly string[];
  drifted: () => boolean;
}

type Json = Record<string, unknown>;
const withoutBucketKey = (encryption: Json): Json => ({ Rules: (encryption["Rules"] as Json[]).map((r) => ({ ...r, BucketKeyEnabled: false })) });
const publicWrite = (grants: Json): Json => ({ ...grants, Grants: [...(grants["Grants"] as Json[]), { Grantee: { Type: "Group", URI: ALL_USERS }, Permission: "WRITE" }] });

function buckets(g: Gen, count: number): BucketInput[] {
  const owner = canonicalId(ACCOUNT);
  return Array.from({ length: count }, (_, n) => {
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
  });
}

function securityGroups(g: Gen, count: number): SecurityGroupInput[] {
  return Array.from({ length: count }, (_, n) => {
    const region = g.regions[n % g.regions.length] as string;
    const open = g.drifted();
    const rules = open
      ? [n % 2 === 0 ? { protocol: "tcp", from: 22, cidrs: ["0.0.0.0/0"] } : { protocol: "tcp", from: 3389, cidrs6: ["::/0"] }]
      : [{ protocol: "tcp", from: 443, cidrs: ["10.0.0.0/8"] }];
    return securityGroup(hex("sg", n + 1), `scale-sg-${n}`, "generated", `vpc-${region}`, ACCOUNT, rules, region === "us-east-1" ? undefined : region);
  });
}

function instancesAndVolumes(g: Gen, instanceCount: number, volumeCount: number, groups: SecurityGroupInput[]): { instances: InstanceInput[]; volumes: VolumeInput[] } {
  const instances: InstanceInput[] = [];
  const volumes: VolumeInput[] = [];
  for (let n = 0; n < instanceCount; n++) {
    const region = g.regions[n % g.regions.length] as string;
    const zone = `${region}${"abc"[n % 3]}`;
    const id = hex("i", n + 1);
    const group = groups[n % Math.max(groups.length, 1)];
    const volumeIds = n < volumeCount ? [hex("vol", n + 1)] : [];
    instances.push(instance({
      id, name: `scale-${n}`, zone, type: n % 4 === 0 ? "m6i.large" : "t3.medium", running: n % 10 !== 0, imdsv2: !g.drifted(),
      vpcId: `vpc-${region}`, subnetId: `subnet-${zone}`, imageId: "ami-0a1b2c3d4e5f00101", launchTime: dateOf(n),
      groups: group ? [{ id: group.GroupId, name: group.GroupName ?? "" }] : [], volumeIds, privateIp: `10.${n >> 16 & 255}.${(n >> 8) & 255}.${n & 255}`,
    }));
    if (volumeIds[0]) volumes.push(volume({ id: volumeIds[0], zone, sizeGiB: 8 + (n % 8) * 8, encrypted: !g.drifted(), createTime: dateOf(n), attachedTo: { instanceId: id, device: "/dev/xvda" } }));
  }
  for (let n = volumes.length; n < volumeCount; n++) {
    const region = g.regions[n % g.regions.length] as string;
    volumes.push(volume({ id: hex("vol", n + 1), zone: `${region}a`, sizeGiB: 100, encrypted: !g.drifted(), createTime: dateOf(n) }));
  }
  return { instances, volumes };
}

/** Snapshots of the first volumes: drifted ones are unencrypted, and every other drifted one public. */
function snapshots(g: Gen, count: number, volumes: VolumeInput[]): SnapshotInput[] {
  return Array.from({ length: count }, (_, n): SnapshotInput => {
    const source = volumes[n % Math.max(volumes.length, 1)];
    const zone = String(source?.AvailabilityZone ?? `${g.regions[0]}a`);
    const region = zone.slice(0, -1);
    const drift = g.drifted();
    return {
      ...(region === "us-east-1" ? {} : { Region: region }), SnapshotId: hex("snap", n + 1), VolumeId: source?.VolumeId ?? "vol-ffffffff",
      VolumeSize: Number(source?.["Size"] ?? 8), State: "completed", Progress: "100%", StartTime: dateOf(n), OwnerId: ACCOUNT, Encrypted: !drift,
      ...(drift ? {} : { KmsKeyId: `arn:aws:kms:${region}:${ACCOUNT}:key/aws-ebs-default` }), StorageTier: "standard",
      CreateVolumePermissions: drift && n % 2 === 0 ? [{ Group: "all" }] : [], Description: `scale snapshot ${n}`,
    };
  });
}

/** The account's AMIs, each from one of the snapshots: drifted ones are shared with everyone. */
function images(g: Gen, count: number, snaps: SnapshotInput[]): ImageInput[] {
  return Array.from({ length: count }, (_, n): ImageInput => {
    const snap = snaps[n % Math.max(snaps.length, 1)];
    const region = g.regions[n % g.regions.length] as string;
    return {
      ...(region === "us-east-1" ? {} : { Region: region }), ImageId: `ami-${(n + 1).toString(16).padStart(17, "0")}`, Name: `scale-image-${n}`, OwnerId: ACCOUNT,
      State: "available", Public: g.drifted(), CreationDate: dateOf(n), Architecture: "x86_64", RootDeviceType: "ebs", VirtualizationType: "hvm",
      BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { SnapshotId: snap?.SnapshotId ?? "snap-ffffffff", VolumeSize: 8, Encrypted: snap?.Encrypted ?? false } }],
    };
  });
}

/** Access points on the file systems: drifted ones expose "/" without a POSIX user. */
function accessPoints(g: Gen, count: number, fileSystemIds: readonly string[]): AccessPointInput[] {
  return Array.from({ length: count }, (_, n): AccessPointInput => {
    const drift = g.drifted();
    return {
      AccessPointId: hex("fsap", n + 1), FileSystemId: fileSystemIds[n % Math.max(fileSystemIds.length, 1)] ?? hex("fs", 1), Name: `scale-ap-${n}`,
      OwnerId: ACCOUNT, LifeCycleState: "available",
      ...(drift ? {} : { PosixUser: { Uid: 1000 + (n % 50), Gid: 1000 }, RootDirectory: { Path: `/app-${n}` } }),
    };
  });
}

/** About 60% of instances belong to a group (of similar size) in their region. */
function autoScalingGroups(g: Gen, count: number, instances: InstanceInput[]): AutoScalingGroupInput[] {
  const byRegion = new Map<string, InstanceInput[]>(g.regions.map((r) => [r, []]));
  instances.forEach((i, n) => {
    if (n % 5 < 3) byRegion.get(g.regions[n % g.regions.length] as string)?.push(i);
  });
  const perRegion = Math.max(1, Math.ceil(count / g.regions.length));
  return Array.from({ length: count }, (_, n): AutoScalingGroupInput => {
    const region = g.regions[n % g.regions.length] as string;
    const pool = byRegion.get(region) ?? [];
    const size = Math.ceil(pool.length / perRegion);
    const slot = Math.floor(n / g.regions.length);
    const mine = pool.slice(slot * size, (slot + 1) * size);
    return {
      ...(region === "us-east-1" ? {} : { Region: region }), AutoScalingGroupName: `scale-asg-${n}`, MinSize: 1, MaxSize: Math.max(2, size * 2), DesiredCapacity: mine.length,
      DefaultCooldown: 300, AvailabilityZones: [`${region}a`, `${region}b`], HealthCheckType: g.drifted() ? "EC2" : "ELB", CreatedTime: dateOf(n),
      Instances: mine.map((i) => ({ InstanceId: i.InstanceId, AvailabilityZone: String(i.Placement?.AvailabilityZone), LifecycleState: "InService", HealthStatus: "Healthy", ProtectedFromScaleIn: false })),
      Tags: [],
    };
  });
}

/** A generated account of about `resources` resources (deterministic for a seed; fast). */
export function generateScaleAccount(options: ScaleOptions): SandboxFile {
  const random = seededRandom(options.seed ?? 42);
  const regions = REGIONS.slice(0, 2 + Math.floor(random() * 3));
  const g: Gen = { random, regions, drifted: () => random() < DRIFT };
  const count = (share: number) => Math.max(1, Math.round(options.resources * share));
  const groups = securityGroups(g, count(SHARE.groups));
  const { instances, volumes } = instancesAndVolumes(g, count(SHARE.instances), count(SHARE.volumes), groups);
  const fileSystems = Array.from({ length: count(SHARE.fileSystems) }, (_, n) => {
    const region = regions[n % regions.length] as string;
    const drift = g.drifted();
    return { ...fileSystem(hex("fs", n + 1), region, ACCOUNT, `scale-fs-${n}`, !(drift && n % 2 === 0), dateOf(n)), BackupPolicy: drift && n % 2 === 1 ? null : { Status: "ENABLED" } };
  });
  const snaps = snapshots(g, count(SHARE.snapshots), volumes);
  return {
    account: ACCOUNT,
    region: "us-east-1",
    s3: { accountPublicAccessBlock: null, buckets: buckets(g, count(SHARE.buckets)) },
    ec2: {
      ebsEncryptionByDefault: Object.fromEntries(regions.map((r, i) => [r, i % 2 === 1])), instances, securityGroups: groups, volumes,
      snapshots: snaps, images: images(g, count(SHARE.images), snaps),
    },
    efs: { fileSystems, accessPoints: accessPoints(g, count(SHARE.accessPoints), fileSystems.map((fs) => fs.FileSystemId)) },
    autoscaling: { groups: autoScalingGroups(g, count(SHARE.asgs), instances) },
  };
}
