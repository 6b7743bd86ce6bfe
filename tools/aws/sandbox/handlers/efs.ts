// EFS commands: file systems, their backup/lifecycle/resource policies, mount targets, access points.
import type {
  AccessPointDescription,
  BackupPolicyDescription,
  DescribeAccessPointsRequest,
  DescribeAccessPointsResponse,
  DescribeFileSystemsRequest,
  DescribeFileSystemsResponse,
  DescribeMountTargetsRequest,
  DescribeMountTargetsResponse,
  FileSystemDescription,
  FileSystemPolicyDescription,
  LifecycleConfigurationDescription,
  LifecyclePolicy,
  MountTargetDescription,
  PutBackupPolicyRequest,
  PutLifecycleConfigurationRequest,
} from "@aws-sdk/client-efs";
import { awsError } from "../errors.js";
import { copy, toOutput } from "../output.js";
import type { FileSystemState } from "../schema.js";
import { checkRange, pageOf, required } from "./common.js";
import { read, write } from "./types.js";
import type { HandlerContext, HandlerTable } from "./types.js";

type Item = Record<string, unknown>;
const FILE_ONLY = ["Region", "BackupPolicy", "LifecyclePolicies", "FileSystemPolicy"];

const badMarker = () => awsError("efs", "BadRequest", 400, "Invalid pagination token");

function fileSystemIn(ctx: HandlerContext, given: string | undefined): FileSystemState {
  const id = required(ctx, given, "FileSystemId", "label");
  const fs = ctx.account.lookup.inRegion("fileSystems", ctx.region).find((f) => f["FileSystemId"] === id) as FileSystemState | undefined;
  if (!fs) throw awsError("efs", "FileSystemNotFound", 404, `File system '${id}' does not exist.`);
  return fs;
}

/** Mount targets and access points live where their file system lives (unless they say otherwise). */
function childrenIn(ctx: HandlerContext, list: "mountTargets" | "accessPoints"): Item[] {
  const lookup = ctx.account.lookup;
  return ctx.account.state.efs[list].filter((child) => {
    const parent = lookup.byId("fileSystems", "FileSystemId", child.FileSystemId);
    const region = child.Region ?? (parent ? lookup.regionOf("fileSystems", parent) : ctx.account.defaultRegion);
    return region === ctx.region;
  });
}

function describeFileSystems(input: DescribeFileSystemsRequest, ctx: HandlerContext): DescribeFileSystemsResponse {
  checkRange(ctx, "MaxItems", input.MaxItems, 1, Number.MAX_SAFE_INTEGER);
  let items = ctx.account.lookup.inRegion("fileSystems", ctx.region);
  if (input.FileSystemId !== undefined) items = [fileSystemIn(ctx, input.FileSystemId)];
  if (input.CreationToken !== undefined) items = items.filter((f) => f["CreationToken"] === input.CreationToken);
  const page = pageOf(items, input.Marker, input.MaxItems ?? 100, badMarker);
  const fileSystems = page.items.map((f) => toOutput<FileSystemDescription>({ OwnerId: ctx.account.account, ...f }, "fileSystem", FILE_ONLY));
  return { FileSystems: fileSystems, ...(input.Marker ? { Marker: input.Marker } : {}), ...(page.next ? { NextMarker: page.next } : {}) };
}

function describeMountTargets(input: DescribeMountTargetsRequest, ctx: HandlerContext): DescribeMountTargetsResponse {
  if (!input.FileSystemId && !input.MountTargetId && !input.AccessPointId) {
    throw awsError("efs", "BadRequest", 400, "Must specify exactly one mutually exclusive parameter: FileSystemId, MountTargetId, or AccessPointId.");
  }
  let items = childrenIn(ctx, "mountTargets");
  if (input.MountTargetId) {
    items = items.filter((m) => m["MountTargetId"] === input.MountTargetId);
    if (items.length === 0) throw awsError("efs", "MountTargetNotFound", 404, `Mount target '${input.MountTargetId}' does not exist.`);
  } else {
    const fsId = input.FileSystemId ?? accessPointIn(ctx, input.AccessPointId).FileSystemId;
    fileSystemIn(ctx, String(fsId));
    items = items.filter((m) => m["FileSystemId"] === fsId);
  }
  const page = pageOf(items, input.Marker, input.MaxItems ?? 10, badMarker);
  const targets = page.items.map((m) => toOutput<MountTargetDescription>({ OwnerId: ctx.account.account, ...m }, "none"));
  return { MountTargets: targets, ...(input.Marker ? { Marker: input.Marker } : {}), ...(page.next ? { NextMarker: page.next } : {}) };
}

function accessPointIn(ctx: HandlerContext, id: string | undefined): Item {
  const point = childrenIn(ctx, "accessPoints").find((a) => a["AccessPointId"] === id);
  if (!point) throw awsError("efs", "AccessPointNotFound", 404, `Access point '${id ?? ""}' does not exist.`);
  return point;
}

function describeAccessPoints(input: DescribeAccessPointsRequest, ctx: HandlerContext): DescribeAccessPointsResponse {
  if (input.AccessPointId && input.FileSystemId) throw awsError("efs", "BadRequest", 400, "Specify either AccessPointId or FileSystemId, not both.");
  let items = childrenIn(ctx, "accessPoints");
  if (input.AccessPointId) items = [accessPointIn(ctx, input.AccessPointId)];
  if (input.FileSystemId) {
    fileSystemIn(ctx, input.FileSystemId);
    items = items.filter((a) => a["FileSystemId"] === input.FileSystemId);
  }
  const page = pageOf(items, input.NextToken, input.MaxResults, badMarker);
  const points = page.items.map((a) => toOutput<AccessPointDescription>({ OwnerId: ctx.account.account, ...a }, "none"));
  return { AccessPoints: points, ...(page.next ? { NextToken: page.next } : {}) };
}

export const EFS_HANDLERS: HandlerTable = {
  DescribeFileSystems: read(describeFileSystems),
  DescribeMountTargets: read(describeMountTargets),
  DescribeAccessPoints: read(describeAccessPoints),
  DescribeBackupPolicy: read((input: { FileSystemId?: string }, ctx): BackupPolicyDescription => {
    const fs = fileSystemIn(ctx, input.FileSystemId);
    if (!fs.BackupPolicy) throw awsError("efs", "PolicyNotFound", 404, "None");
    return { BackupPolicy: copy(fs.BackupPolicy) };
  }),
  PutBackupPolicy: write((input: PutBackupPolicyRequest, ctx): BackupPolicyDescription => {
    const fs = fileSystemIn(ctx, input.FileSystemId);
    const status = input.BackupPolicy?.Status;
    if (status !== "ENABLED" && status !== "DISABLED") throw awsError("efs", "ValidationException", 400, "BackupPolicy.Status must be ENABLED or DISABLED");
    fs.BackupPolicy = { Status: status };
    return { BackupPolicy: { Status: status } };
  }),
  DescribeLifecycleConfiguration: read((input: { FileSystemId?: string }, ctx): LifecycleConfigurationDescription => {
    const fs = fileSystemIn(ctx, input.FileSystemId);
    return { LifecyclePolicies: copy<LifecyclePolicy[]>(fs.LifecyclePolicies ?? []) };
  }),
  PutLifecycleConfiguration: write((input: PutLifecycleConfigurationRequest, ctx): LifecycleConfigurationDescription => {
    const fs = fileSystemIn(ctx, input.FileSystemId);
    fs.LifecyclePolicies = copy<Item[]>(input.LifecyclePolicies ?? []);
    return { LifecyclePolicies: copy<LifecyclePolicy[]>(fs.LifecyclePolicies) };
  }),
  DescribeFileSystemPolicy: read((input: { FileSystemId?: string }, ctx): FileSystemPolicyDescription => {
    const fs = fileSystemIn(ctx, input.FileSystemId);
    if (!fs.FileSystemPolicy) throw awsError("efs", "PolicyNotFound", 404, "None");
    return { FileSystemId: fs.FileSystemId, Policy: JSON.stringify(fs.FileSystemPolicy) };
  }),
};
