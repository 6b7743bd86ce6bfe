// The sandbox account file (docs/SANDBOX.md) as a zod schema: validates what the handlers
// rely on, keeps every unknown field so real AWS responses paste in unchanged. The lists of our
// kinds come from their kind folders (kinds/<kind>/sandbox-list.ts); the lists here are shared
// support data, or kinds whose lists have not moved to their folder yet.
import { z } from "zod";
import { AWS_KIND_FOLDERS, type AwsKindSandboxList } from "../kinds/index.js";
import { SANDBOX_SECTIONS, type SandboxListDef, type SandboxSection } from "./kind-lists.js";
import { Bool, Id, IsoDate, List, Obj, PolicyDocument, Regional, RegionName, Str, Tags } from "./schema-parts.js";

export { IsoDate, PolicyDocument, RegionName } from "./schema-parts.js";

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

export const Vpc = Obj({ ...Regional, VpcId: Id, Tags });
export const FlowLog = Obj({ ...Regional, FlowLogId: Id, CreationTime: IsoDate.optional(), Tags });
export const MountTarget = Obj({ ...Regional, MountTargetId: Id, FileSystemId: Id });

export const AutoScalingGroup = Obj({
  ...Regional,
  AutoScalingGroupName: Id,
  CreatedTime: IsoDate.optional(),
  Instances: List(Obj({ InstanceId: Id })).optional(),
  Tags: List(Obj({ Key: Str, Value: Str.optional() })).nullish(),
});
export const LaunchConfiguration = Obj({ ...Regional, LaunchConfigurationName: Id, CreatedTime: IsoDate.optional() });

/** Each section's settings: single values, written before its lists. */
const SETTINGS = {
  s3: { accountPublicAccessBlock: PublicAccessBlockConfiguration.nullish().transform((v) => v ?? null) },
  ec2: { ebsEncryptionByDefault: z.record(RegionName, Bool, { error: "expected an object of region: boolean" }).default({}) },
  efs: {},
  autoscaling: {},
} as const satisfies Record<SandboxSection, z.ZodRawShape>;
const SETTING_DEFAULTS: Record<SandboxSection, Record<string, unknown>> = {
  s3: { accountPublicAccessBlock: null },
  ec2: { ebsEncryptionByDefault: {} },
  efs: {},
  autoscaling: {},
};

/**
 * Lists that are not in a kind folder: support data that is no kind of ours (vpcs, flowLogs,
 * mountTargets, launchConfigurations), and kinds whose lists have not moved yet (buckets,
 * instances, securityGroups, groups). "before" lists come before the kinds' lists in their
 * section, "after" ones after them: the order the file has always had.
 */
export const SHARED_LISTS = [
  { place: "before", section: "s3", list: "buckets", id: "Name", schema: Bucket },
  { place: "before", section: "ec2", list: "instances", id: "InstanceId", schema: Instance, zoned: true },
  { place: "before", section: "ec2", list: "securityGroups", id: "GroupId", schema: SecurityGroup },
  { place: "after", section: "ec2", list: "vpcs", id: "VpcId", schema: Vpc },
  { place: "after", section: "ec2", list: "flowLogs", id: "FlowLogId", schema: FlowLog },
  { place: "after", section: "efs", list: "mountTargets", id: "MountTargetId", schema: MountTarget },
  { place: "before", section: "autoscaling", list: "groups", id: "AutoScalingGroupName", schema: AutoScalingGroup, perRegion: true },
  { place: "after", section: "autoscaling", list: "launchConfigurations", id: "LaunchConfigurationName", schema: LaunchConfiguration, perRegion: true },
] as const satisfies ReadonlyArray<SandboxListDef & { place: "before" | "after" }>;

/** The lists the kind folders own, in catalogue order. */
export const KIND_LISTS: readonly AwsKindSandboxList[] = AWS_KIND_FOLDERS.flatMap((f) => (f.sandbox?.lists ?? []) as readonly AwsKindSandboxList[]);

/** Every list of the file, in file order: by section; in a section, shared "before", the kinds', shared "after". */
export const SANDBOX_LISTS: readonly SandboxListDef[] = SANDBOX_SECTIONS.flatMap((section) => [
  ...SHARED_LISTS.filter((l) => l.section === section && l.place === "before"),
  ...KIND_LISTS.filter((l) => l.section === section),
  ...SHARED_LISTS.filter((l) => l.section === section && l.place === "after"),
]);

type AnyList = (typeof SHARED_LISTS)[number] | AwsKindSandboxList;
/** Every list's name (lookup.ts and the handlers name lists by it). */
export type SandboxListName = AnyList["list"];
type ListsIn<Sec extends SandboxSection> = Extract<AnyList, { section: Sec }>;
type Settings<Sec extends SandboxSection> = (typeof SETTINGS)[Sec];
type Loose = { [key: string]: unknown };

type SectionState<Sec extends SandboxSection> = { -readonly [K in keyof Settings<Sec>]: z.output<Settings<Sec>[K]> } & {
  [L in ListsIn<Sec> as L["list"]]: Array<z.output<L["schema"]>>;
} & Loose;
type SectionFile<Sec extends SandboxSection> = { -readonly [K in keyof Settings<Sec>]?: z.input<Settings<Sec>[K]> } & {
  [L in ListsIn<Sec> as L["list"]]?: Array<z.input<L["schema"]>> | undefined;
} & Loose;

/** A loaded sandbox: every section and list present, policies parsed to objects. */
export type SandboxState = { account: string; region: string } & { [Sec in SandboxSection]: SectionState<Sec> } & Loose;
/** A sandbox file as written (sections and lists optional, Policy may be a JSON string). */
export type SandboxFile = { account: string; region?: string | undefined } & { [Sec in SandboxSection]?: SectionFile<Sec> | undefined } & Loose;

function sectionSchema(section: SandboxSection) {
  const lists = SANDBOX_LISTS.filter((l) => l.section === section);
  return Obj({ ...SETTINGS[section], ...Object.fromEntries(lists.map((l) => [l.list, List(l.schema).default([])])) })
    .default(() => ({ ...SETTING_DEFAULTS[section], ...Object.fromEntries(lists.map((l) => [l.list, []])) }));
}

// Built from the lists at run time, so zod cannot infer its type: SandboxState and SandboxFile
// above state it from the same lists (test/aws/sandbox-lists.test.ts checks the two agree).
export const SandboxFileSchema = Obj({
  account: Str.regex(/^\d{12}$/, { error: "expected a 12-digit account id" }),
  region: RegionName.default("us-east-1"),
  ...Object.fromEntries(SANDBOX_SECTIONS.map((section) => [section, sectionSchema(section)])),
}) as unknown as z.ZodType<SandboxState, SandboxFile>;

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
export type AutoScalingGroupInput = z.input<typeof AutoScalingGroup>;

/**
 * A generated file's sections, keyed as the file writes them: each section's settings, then its
 * lists in `order` (file order unless given); lists not given are left out, as are empty sections' keys.
 */
export function fileSections(
  settings: Partial<Record<SandboxSection, Record<string, unknown>>>,
  lists: ReadonlyMap<string, readonly unknown[]>,
  order: readonly SandboxListDef[] = SANDBOX_LISTS,
): Pick<SandboxFile, SandboxSection> {
  const sections: Record<string, Record<string, unknown>> = {};
  for (const section of SANDBOX_SECTIONS) {
    const entries = order.filter((l) => l.section === section && lists.has(l.list)).map((l) => [l.list, lists.get(l.list)] as const);
    if (settings[section] || entries.length > 0) sections[section] = { ...settings[section], ...Object.fromEntries(entries) };
  }
  // The items come from each list's typed builders; writeSandboxFile validates the whole file anyway.
  return sections as Pick<SandboxFile, SandboxSection>;
}
