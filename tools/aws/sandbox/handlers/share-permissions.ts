// Who an EC2 share request adds and removes — a snapshot's create-volume permission, an image's
// launch permission — from either the list form ({ Add, Remove }) or the flat form (OperationType
// with group names and account ids), validated as EC2 validates both.
import { AgpmError } from "../../../../core/errors.js";
import { awsError } from "../errors.js";

/** One entry of a share list: everyone (`Group: "all"`) or one account. */
export interface SharePermission {
  Group?: string;
  UserId?: string;
}

export interface ShareRequest {
  list: { Add?: SharePermission[]; Remove?: SharePermission[] } | undefined;
  groups: readonly string[] | undefined;
  userIds: readonly string[] | undefined;
  operationType: string | undefined;
  /** The list parameter's name in EC2's "must contain the parameter …" error. */
  parameter: string;
  /** The command, named when an entry is neither a group nor an account. */
  command: string;
}

export function sharesRequested(request: ShareRequest): { add: SharePermission[]; remove: SharePermission[] } {
  const add = [...(request.list?.Add ?? [])];
  const remove = [...(request.list?.Remove ?? [])];
  const flat: SharePermission[] = [...(request.groups ?? []).map((Group) => ({ Group })), ...(request.userIds ?? []).map((UserId) => ({ UserId }))];
  if (flat.length > 0) {
    if (request.operationType !== "add" && request.operationType !== "remove") {
      throw awsError("ec2", "MissingParameter", 400, "The request must contain the parameter operationType");
    }
    (request.operationType === "add" ? add : remove).push(...flat);
  }
  for (const p of [...add, ...remove]) {
    if (p.Group !== undefined && p.Group !== "all") throw awsError("ec2", "InvalidParameterValue", 400, `Value (${p.Group}) for parameter group is invalid. Only 'all' is supported.`);
    if (p.UserId !== undefined && !/^\d{12}$/.test(p.UserId)) throw awsError("ec2", "InvalidUserID.Malformed", 400, `Invalid user id: '${p.UserId}'`);
    if (p.Group === undefined && p.UserId === undefined) {
      throw new AgpmError("SANDBOX_UNSUPPORTED_COMMAND", `The sandbox simulates ${request.parameter} for the group "all" and account ids only`, {
        details: { client: "EC2Client", command: request.command, parameter: request.parameter },
      });
    }
  }
  if (add.length === 0 && remove.length === 0) throw awsError("ec2", "MissingParameter", 400, `The request must contain the parameter ${request.parameter}`);
  return { add, remove };
}
