// EC2 read commands: regions, instances, security groups, volumes, snapshots, images, VPCs, flow logs.
import type {
  DescribeFlowLogsResult,
  DescribeImagesRequest,
  DescribeImagesResult,
  DescribeInstancesResult,
  DescribeRegionsRequest,
  DescribeRegionsResult,
  DescribeSecurityGroupsResult,
  DescribeSnapshotAttributeRequest,
  DescribeSnapshotAttributeResult,
  DescribeSnapshotsRequest,
  DescribeSnapshotsResult,
  DescribeVolumesResult,
  DescribeVpcsResult,
  FlowLog,
  Image,
  Instance,
  SecurityGroup,
  Snapshot,
  Volume,
  Vpc,
} from "@aws-sdk/client-ec2";
import { awsError } from "../errors.js";
import { copy, toOutput } from "../output.js";
import { required } from "./common.js";
import { describe, dryRun, nextTokenField } from "./ec2-describe.js";
import type { DescribeInput, DescribeSpec } from "./ec2-describe.js";
import { EC2_ATTRIBUTE_WRITES } from "./ec2-attributes.js";
import { EC2_WRITES } from "./ec2-writes.js";
import { read } from "./types.js";
import type { HandlerContext, HandlerTable } from "./types.js";

const spec = (list: DescribeSpec["list"], command: string, idField: string, idParam: string, notFound: string, noun: string, maxCap = 1000): DescribeSpec => ({
  list, command, idField, idParam, notFound, noun, maxCap,
});

const INSTANCES = spec("instances", "DescribeInstances", "InstanceId", "InstanceIds", "InvalidInstanceID.NotFound", "instance ID");
const GROUPS = spec("securityGroups", "DescribeSecurityGroups", "GroupId", "GroupIds", "InvalidGroup.NotFound", "security group");
const VOLUMES = spec("volumes", "DescribeVolumes", "VolumeId", "VolumeIds", "InvalidVolume.NotFound", "volume", 500);
const SNAPSHOTS = spec("snapshots", "DescribeSnapshots", "SnapshotId", "SnapshotIds", "InvalidSnapshot.NotFound", "snapshot");
const IMAGES = spec("images", "DescribeImages", "ImageId", "ImageIds", "InvalidAMIID.NotFound", "image id");
const VPCS = spec("vpcs", "DescribeVpcs", "VpcId", "VpcIds", "InvalidVpcID.NotFound", "vpc ID");
const FLOW_LOGS: DescribeSpec = { ...spec("flowLogs", "DescribeFlowLogs", "FlowLogId", "FlowLogIds", "InvalidFlowLogId.NotFound", "flow log"), filterParam: "Filter" };

/** "self" selects what the account owns (items without an OwnerId are its own); ids select their owner's. */
function ownedBy(owners: readonly string[] | undefined, ctx: HandlerContext): (item: Record<string, unknown>) => boolean {
  if (!owners || owners.length === 0) return () => true;
  const self = ctx.account.account;
  return (item) => {
    const owner = String(item["OwnerId"] ?? self);
    return owners.includes(owner) || (owners.includes("self") && owner === self);
  };
}

function describeRegions(input: DescribeRegionsRequest, ctx: HandlerContext): DescribeRegionsResult {
  dryRun(input);
  const known = ctx.account.lookup.regions();
  const unknown = (input.RegionNames ?? []).filter((r) => !known.includes(r));
  if (unknown.length > 0) throw awsError("ec2", "InvalidParameterValue", 400, `Invalid region names: ${unknown.join(", ")}`);
  const names = input.RegionNames && input.RegionNames.length > 0 ? known.filter((r) => input.RegionNames?.includes(r)) : known;
  return { Regions: names.map((RegionName) => ({ RegionName, Endpoint: `ec2.${RegionName}.amazonaws.com`, OptInStatus: "opt-in-not-required" })) };
}

function describeInstances(input: DescribeInput, ctx: HandlerContext): DescribeInstancesResult {
  const page = describe(INSTANCES, input, ctx);
  const reservations = page.items.map((item) => {
    const instance = toOutput<Instance>(item, "instance");
    return { ReservationId: `r-${String(instance.InstanceId).replace(/^i-/, "")}`, OwnerId: ctx.account.account, Groups: [], Instances: [instance] };
  });
  return { Reservations: reservations, ...nextTokenField(page.next) };
}

export const EC2_READS: HandlerTable = {
  DescribeRegions: read(describeRegions),
  DescribeInstances: read(describeInstances),
  DescribeSecurityGroups: read((input: DescribeInput, ctx): DescribeSecurityGroupsResult => {
    const names = (input["GroupNames"] as string[] | undefined) ?? [];
    const missing = names.filter((n) => !ctx.account.lookup.inRegion("securityGroups", ctx.region).some((g) => g["GroupName"] === n));
    if (missing.length > 0) throw awsError("ec2", "InvalidGroup.NotFound", 400, `The security group '${missing.join(", ")}' does not exist`);
    const page = describe(GROUPS, input, ctx, names.length > 0 ? (g) => names.includes(String(g["GroupName"])) : undefined);
    return { SecurityGroups: page.items.map((g) => toOutput<SecurityGroup>({ OwnerId: ctx.account.account, ...g }, "none")), ...nextTokenField(page.next) };
  }),
  DescribeVolumes: read((input: DescribeInput, ctx): DescribeVolumesResult => {
    const page = describe(VOLUMES, input, ctx);
    return { Volumes: page.items.map((v) => toOutput<Volume>(v, "volume")), ...nextTokenField(page.next) };
  }),
  DescribeSnapshots: read((input: DescribeSnapshotsRequest & DescribeInput, ctx): DescribeSnapshotsResult => {
    const page = describe(SNAPSHOTS, input, ctx, ownedBy(input.OwnerIds, ctx));
    const snapshots = page.items.map((s) => toOutput<Snapshot>({ OwnerId: ctx.account.account, ...s }, "snapshot", ["Region", "CreateVolumePermissions"]));
    return { Snapshots: snapshots, ...nextTokenField(page.next) };
  }),
  DescribeSnapshotAttribute: read((input: DescribeSnapshotAttributeRequest, ctx): DescribeSnapshotAttributeResult => {
    dryRun(input);
    const id = required(ctx, input.SnapshotId, "SnapshotId", "body");
    const attribute = required(ctx, input.Attribute, "Attribute", "body");
    const snapshot = ctx.account.lookup.inRegion("snapshots", ctx.region).find((s) => s["SnapshotId"] === id);
    if (!snapshot) throw awsError("ec2", "InvalidSnapshot.NotFound", 400, `The snapshot '${id}' does not exist.`);
    if (attribute !== "createVolumePermission") {
      throw awsError("ec2", "InvalidParameterValue", 400, `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`);
    }
    return { SnapshotId: id, CreateVolumePermissions: copy(snapshot["CreateVolumePermissions"] ?? []) };
  }),
  DescribeImages: read((input: DescribeImagesRequest & DescribeInput, ctx): DescribeImagesResult => {
    const page = describe(IMAGES, input, ctx, ownedBy(input.Owners, ctx));
    // LaunchPermissions is file-only (DescribeImageAttribute answers it), as CreateVolumePermissions is for snapshots.
    return { Images: page.items.map((i) => toOutput<Image>({ OwnerId: ctx.account.account, ...i }, "none", ["Region", "LaunchPermissions"])), ...nextTokenField(page.next) };
  }),
  DescribeVpcs: read((input: DescribeInput, ctx): DescribeVpcsResult => {
    const page = describe(VPCS, input, ctx);
    return { Vpcs: page.items.map((v) => toOutput<Vpc>({ OwnerId: ctx.account.account, ...v }, "none")), ...nextTokenField(page.next) };
  }),
  DescribeFlowLogs: read((input: DescribeInput, ctx): DescribeFlowLogsResult => {
    const page = describe(FLOW_LOGS, input, ctx);
    return { FlowLogs: page.items.map((f) => toOutput<FlowLog>(f, "flowLog")), ...nextTokenField(page.next) };
  }),
};

export const EC2_HANDLERS: HandlerTable = { ...EC2_READS, ...EC2_WRITES, ...EC2_ATTRIBUTE_WRITES };
