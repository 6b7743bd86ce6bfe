// EC2 attribute writes: a snapshot's create-volume permissions (public sharing) and instances'
// detailed monitoring, validated and answered as EC2 does.
import type {
  CreateVolumePermission,
  ModifySnapshotAttributeRequest,
  MonitorInstancesRequest,
  MonitorInstancesResult,
  UnmonitorInstancesResult,
} from "@aws-sdk/client-ec2";
import { AgpmError } from "../../../../core/errors.js";
import { awsError } from "../errors.js";
import type { InstanceState, SnapshotState } from "../schema.js";
import { required } from "./common.js";
import { dryRun } from "./ec2-describe.js";
import { sharesRequested } from "./share-permissions.js";
import { write } from "./types.js";
import type { HandlerContext, HandlerTable } from "./types.js";

function snapshotIn(ctx: HandlerContext, id: string): SnapshotState {
  const snapshot = ctx.account.lookup.inRegion("snapshots", ctx.region).find((s) => s["SnapshotId"] === id) as SnapshotState | undefined;
  if (!snapshot) throw awsError("ec2", "InvalidSnapshot.NotFound", 400, `The snapshot '${id}' does not exist.`);
  return snapshot;
}

/** The permissions a request adds and removes, from either the list form or GroupNames/UserIds. */
function requested(input: ModifySnapshotAttributeRequest): { add: CreateVolumePermission[]; remove: CreateVolumePermission[] } {
  const shares = sharesRequested({
    list: input.CreateVolumePermission, groups: input.GroupNames, userIds: input.UserIds, operationType: input.OperationType,
    parameter: "createVolumePermission", command: "ModifySnapshotAttribute",
  });
  return shares as { add: CreateVolumePermission[]; remove: CreateVolumePermission[] };
}

const same = (a: CreateVolumePermission, b: Record<string, unknown>): boolean =>
  (a.Group !== undefined && a.Group === b["Group"]) || (a.UserId !== undefined && a.UserId === b["UserId"]);

function modifySnapshotAttribute(input: ModifySnapshotAttributeRequest, ctx: HandlerContext): object {
  const snapshot = snapshotIn(ctx, required(ctx, input.SnapshotId, "SnapshotId", "body"));
  const attribute = input.Attribute ?? (input.CreateVolumePermission || input.GroupNames || input.UserIds ? "createVolumePermission" : undefined);
  if (attribute === "productCodes") {
    throw new AgpmError("SANDBOX_UNSUPPORTED_COMMAND", "The sandbox does not simulate snapshot productCodes in ModifySnapshotAttribute", {
      details: { client: "EC2Client", command: "ModifySnapshotAttribute", parameter: "Attribute" },
    });
  }
  if (attribute !== "createVolumePermission") throw awsError("ec2", "MissingParameter", 400, "The request must contain the parameter attribute");
  const { add, remove } = requested(input);
  dryRun(input);
  const current = (snapshot.CreateVolumePermissions ?? []) as Array<Record<string, unknown>>;
  // Removing a permission that is not there is not an error in EC2.
  const kept = current.filter((p) => !remove.some((r) => same(r, p)));
  for (const p of add) if (!kept.some((k) => same(p, k))) kept.push(p.Group !== undefined ? { Group: p.Group } : { UserId: p.UserId });
  snapshot.CreateVolumePermissions = kept;
  return {};
}

function instancesIn(ctx: HandlerContext, ids: readonly string[] | undefined): InstanceState[] {
  if (!ids || ids.length === 0) throw awsError("ec2", "MissingParameter", 400, "The request must contain the parameter InstanceId");
  const here = ctx.account.lookup.inRegion("instances", ctx.region) as InstanceState[];
  const missing = ids.filter((id) => !here.some((i) => i.InstanceId === id));
  if (missing.length > 0) throw awsError("ec2", "InvalidInstanceID.NotFound", 400, `The instance ID${missing.length > 1 ? "s" : ""} '${missing.join(", ")}' ${missing.length > 1 ? "do" : "does"} not exist`);
  const instances = ids.map((id) => here.find((i) => i.InstanceId === id) as InstanceState);
  const gone = instances.find((i) => i.State?.Name === "terminated" || i.State?.Name === "shutting-down");
  if (gone) throw awsError("ec2", "IncorrectInstanceState", 400, `The instance '${gone.InstanceId}' is not in a state from which it can be monitored.`);
  return instances;
}

/** Sets monitoring; AWS answers the transitional state ("pending"/"disabling") and settles on the next describe. */
function monitor(enable: boolean) {
  return write((input: MonitorInstancesRequest, ctx): MonitorInstancesResult & UnmonitorInstancesResult => {
    const instances = instancesIn(ctx, input.InstanceIds);
    dryRun(input);
    for (const i of instances) i["Monitoring"] = { State: enable ? "enabled" : "disabled" };
    return { InstanceMonitorings: instances.map((i) => ({ InstanceId: i.InstanceId, Monitoring: { State: enable ? "pending" : "disabling" } })) };
  });
}

export const EC2_ATTRIBUTE_WRITES: HandlerTable = {
  ModifySnapshotAttribute: write(modifySnapshotAttribute),
  MonitorInstances: monitor(true),
  UnmonitorInstances: monitor(false),
};
