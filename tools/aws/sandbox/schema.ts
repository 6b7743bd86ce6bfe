// The sandbox account file (docs/SANDBOX.md) as a zod schema: validates what the handlers
// rely on, keeps every unknown field so real AWS responses paste in unchanged.
import { z } from "zod";

const Str = z.string({ error: "expected a string" });
const Id = Str.min(1, { error: "expected a non-empty id" });
const Bool = z.boolean({ error: "expected true or false" });
const Obj = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape, { error: "expected an object" });
const List = <T extends z.ZodType>(item: T) => z.array(item, { error: "expected an array" });

/** An AWS region name such as us-east-1, eu-west-1 or us-gov-west-1. */
export const RegionName = Str.regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, {
  error: "expected a region name such as us-east-1",
});

/** ISO-8601 date-time as AWS CLI prints it (Z or an offset; fractional seconds allowed). */
export const IsoDate = Str.check(
  z.refine((v: string) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)), {
    error: "expected an ISO-8601 date such as 2024-03-01T00:00:00Z",
  }),
);

const Tag = Obj({ Key: Str, Value: Str.optional() });
const Tags = List(Tag).nullish();

/** A policy document: an object, or the JSON string the API returns (parsed here). */
export const PolicyDocument = z
  .union([Str, Obj({})], { error: "expected a policy object or a JSON string" })
  .transform((value, ctx): Record<string, unknown> => {
    if (typeof value !== "string") return value;
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
      ctx.addIssue({ code: "custom", message: "policy JSON must be an object" });
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `policy is not valid JSON (${(error as Error).message})` });
    }
    return z.NEVER;
  });

export const PublicAccessBlockConfiguration = Obj({
  BlockPublicAcls: Bool.optional(),
  IgnorePublicAcls: Bool.optional(),
  BlockPublicPolicy: Bool.optional(),
  RestrictPublicBuckets: Bool.optional(),
});

const Grant = Obj({
  Grantee: Obj({ Type: Str.optional(), URI: Str.optional(), ID: Str.optional() }).optional(),
  Permission: Str.optional(),
});

export const Bucket = Obj({
  Name: Id,
  CreationDate: IsoDate.optional(),
  Region: RegionName.optional(),
  PublicAccessBlock: PublicAccessBlockConfiguration.nullish(),
  Encryption: Obj({ Rules: List(Obj({})).optional() }).nullish(),
  Versioning: Obj({ Status: z.enum(["Enabled", "Suspended"]).optional(), MFADelete: z.enum(["Enabled", "Disabled"]).optional() }).nullish(),
  Policy: PolicyDocument.nullish(),
  Acl: Obj({ Owner: Obj({}).optional(), Grants: List(Grant).optional() }).nullish(),
  OwnershipControls: Obj({ Rules: List(Obj({})).optional() }).nullish(),
  Logging: Obj({}).nullish(),
  Lifecycle: Obj({ Rules: List(Obj({})).optional() }).nullish(),
  ObjectLock: Obj({}).nullish(),
  Tags,
});

const Placement = Obj({ AvailabilityZone: Str.optional() });
const Regional = { Region: RegionName.optional() };

export const Instance = Obj({
  ...Regional,
  InstanceId: Id,
  LaunchTime: IsoDate.optional(),
  Placement: Placement.optional(),
  State: Obj({ Name: Str.optional(), Code: z.number().optional() }).optional(),
  MetadataOptions: Obj({ HttpTokens: Str.optional(), HttpEndpoint: Str.optional() }).optional(),
  BlockDeviceMappings: List(Obj({ Ebs: Obj({ AttachTime: IsoDate.optional() }).optional() })).optional(),
  NetworkInterfaces: List(Obj({ Attachment: Obj({ AttachTime: IsoDate.optional() }).optional() })).optional(),
  Tags,
});

const IpPermission = Obj({
  IpProtocol: Str,
  FromPort: z.number({ error: "expected a number" }).int().optional(),
  ToPort: z.number({ error: "expected a number" }).int().optional(),
  IpRanges: List(Obj({ CidrIp: Str })).optional(),
  Ipv6Ranges: List(Obj({ CidrIpv6: Str })).optional(),
  UserIdGroupPairs: List(Obj({})).optional(),
  PrefixListIds: List(Obj({})).optional(),
});
export type IpPermission = z.output<typeof IpPermission>;

export const SecurityGroup = Obj({
  ...Regional,
  GroupId: Id,
  GroupName: Str.optional(),
  IpPermissions: List(IpPermission).optional(),
  IpPermissionsEgress: List(IpPermission).optional(),
  Tags,
});

export const Volume = Obj({
  ...Regional,
  VolumeId: Id,
  AvailabilityZone: Str.optional(),
  CreateTime: IsoDate.optional(),
  Attachments: List(Obj({ InstanceId: Str.optional(), AttachTime: IsoDate.optional() })).optional(),
  Tags,
});

export const Snapshot = Obj({ ...Regional, SnapshotId: Id, StartTime: IsoDate.optional(), CreateVolumePermissions: List(Obj({})).optional(), Tags });
export const Image = Obj({ ...Regional, ImageId: Id, Tags });
export const Vpc = Obj({ ...Regional, VpcId: Id, Tags });
export const FlowLog = Obj({ ...Regional, FlowLogId: Id, CreationTime: IsoDate.optional(), Tags });

export const FileSystem = Obj({
  ...Regional,
  FileSystemId: Id,
  CreationTime: IsoDate.optional(),
  BackupPolicy: Obj({ Status: Str }).nullish(),
  LifecyclePolicies: List(Obj({})).nullish(),
  FileSystemPolicy: PolicyDocument.nullish(),
  Tags,
});
export const AccessPoint = Obj({ ...Regional, AccessPointId: Id, FileSystemId: Id, Tags });
export const MountTarget = Obj({ ...Regional, MountTargetId: Id, FileSystemId: Id });

export const AutoScalingGroup = Obj({
  ...Regional,
  AutoScalingGroupName: Id,
  CreatedTime: IsoDate.optional(),
  Instances: List(Obj({ InstanceId: Id })).optional(),
  Tags: List(Obj({ Key: Str, Value: Str.optional() })).nullish(),
});
export const LaunchConfiguration = Obj({ ...Regional, LaunchConfigurationName: Id, CreatedTime: IsoDate.optional() });

export const SandboxFileSchema = Obj({
  account: Str.regex(/^\d{12}$/, { error: "expected a 12-digit account id" }),
  region: RegionName.default("us-east-1"),
  s3: Obj({
    accountPublicAccessBlock: PublicAccessBlockConfiguration.nullish().transform((v) => v ?? null),
    buckets: List(Bucket).default([]),
  }).default({ accountPublicAccessBlock: null, buckets: [] }),
  ec2: Obj({
    ebsEncryptionByDefault: z.record(RegionName, Bool, { error: "expected an object of region: boolean" }).default({}),
    instances: List(Instance).default([]),
    securityGroups: List(SecurityGroup).default([]),
    volumes: List(Volume).default([]),
    snapshots: List(Snapshot).default([]),
    images: List(Image).default([]),
    vpcs: List(Vpc).default([]),
    flowLogs: List(FlowLog).default([]),
  }).default(() => ({ ebsEncryptionByDefault: {}, instances: [], securityGroups: [], volumes: [], snapshots: [], images: [], vpcs: [], flowLogs: [] })),
  efs: Obj({
    fileSystems: List(FileSystem).default([]),
    accessPoints: List(AccessPoint).default([]),
    mountTargets: List(MountTarget).default([]),
  }).default(() => ({ fileSystems: [], accessPoints: [], mountTargets: [] })),
  autoscaling: Obj({
    groups: List(AutoScalingGroup).default([]),
    launchConfigurations: List(LaunchConfiguration).default([]),
  }).default(() => ({ groups: [], launchConfigurations: [] })),
});

/** A sandbox file as written (sections and lists optional, Policy may be a JSON string). */
export type SandboxFile = z.input<typeof SandboxFileSchema>;
/** A loaded sandbox: every section and list present, policies parsed to objects. */
export type SandboxState = z.output<typeof SandboxFileSchema>;

export type BucketState = SandboxState["s3"]["buckets"][number];
export type InstanceState = SandboxState["ec2"]["instances"][number];
export type SecurityGroupState = SandboxState["ec2"]["securityGroups"][number];
export type VolumeState = SandboxState["ec2"]["volumes"][number];
export type SnapshotState = SandboxState["ec2"]["snapshots"][number];
export type FileSystemState = SandboxState["efs"]["fileSystems"][number];
export type AutoScalingGroupState = SandboxState["autoscaling"]["groups"][number];
export type PublicAccessBlockState = z.output<typeof PublicAccessBlockConfiguration>;

/** Input (file) shapes, for builders that write files. */
export type BucketInput = z.input<typeof Bucket>;
export type InstanceInput = z.input<typeof Instance>;
export type SecurityGroupInput = z.input<typeof SecurityGroup>;
export type VolumeInput = z.input<typeof Volume>;
export type SnapshotInput = z.input<typeof Snapshot>;
export type ImageInput = z.input<typeof Image>;
export type FileSystemInput = z.input<typeof FileSystem>;
export type AccessPointInput = z.input<typeof AccessPoint>;
export type AutoScalingGroupInput = z.input<typeof AutoScalingGroup>;
