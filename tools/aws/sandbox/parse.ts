// Turns file text or a value into a validated SandboxState, or refuses it naming the JSON path
// of the first problem (schema issues first, then duplicate ids).
import { AgpmError } from "../../../core/errors.js";
import { formatJsonPath } from "../../../core/json-path.js";
import { SandboxFileSchema } from "./schema.js";
import type { SandboxState } from "./schema.js";

interface Problem {
  path: ReadonlyArray<PropertyKey>;
  message: string;
}

/** Lists whose items must have unique ids (ASGs and launch configurations: unique per region). */
const UNIQUE: ReadonlyArray<{ section: "s3" | "ec2" | "efs" | "autoscaling"; list: string; id: string; perRegion?: true }> = [
  { section: "s3", list: "buckets", id: "Name" },
  { section: "ec2", list: "instances", id: "InstanceId" },
  { section: "ec2", list: "securityGroups", id: "GroupId" },
  { section: "ec2", list: "volumes", id: "VolumeId" },
  { section: "ec2", list: "snapshots", id: "SnapshotId" },
  { section: "ec2", list: "images", id: "ImageId" },
  { section: "ec2", list: "vpcs", id: "VpcId" },
  { section: "ec2", list: "flowLogs", id: "FlowLogId" },
  { section: "efs", list: "fileSystems", id: "FileSystemId" },
  { section: "efs", list: "accessPoints", id: "AccessPointId" },
  { section: "efs", list: "mountTargets", id: "MountTargetId" },
  { section: "autoscaling", list: "groups", id: "AutoScalingGroupName", perRegion: true },
  { section: "autoscaling", list: "launchConfigurations", id: "LaunchConfigurationName", perRegion: true },
];

function firstDuplicate(state: SandboxState): Problem | null {
  for (const rule of UNIQUE) {
    const items = (state[rule.section] as Record<string, unknown>)[rule.list] as Array<Record<string, unknown>>;
    const seen = new Map<string, number>();
    for (const [index, item] of items.entries()) {
      const region = rule.perRegion ? String(item["Region"] ?? state.region) : "";
      const key = `${region}\u0000${String(item[rule.id])}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        const where = formatJsonPath([rule.section, rule.list, earlier, rule.id]);
        return { path: [rule.section, rule.list, index, rule.id], message: `duplicate ${rule.id} "${String(item[rule.id])}" (also at ${where})` };
      }
      seen.set(key, index);
    }
  }
  return null;
}

function refuse(source: string, problem: Problem): never {
  const path = formatJsonPath(problem.path);
  throw new AgpmError("SANDBOX_FILE_INVALID", `Sandbox file ${source} is invalid: ${path}: ${problem.message}`, {
    details: { file: source, path, problem: problem.message },
  });
}

/** Validates a parsed JSON value; throws SANDBOX_FILE_INVALID naming the first problem. */
export function parseSandboxValue(value: unknown, source = "(in memory)"): SandboxState {
  const result = SandboxFileSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    refuse(source, { path: issue?.path ?? [], message: issue?.message ?? "invalid" });
  }
  const duplicate = firstDuplicate(result.data);
  if (duplicate) refuse(source, duplicate);
  return result.data;
}

/** Parses file text (JSON) and validates it. */
export function parseSandboxText(text: string, source = "(in memory)"): SandboxState {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    refuse(source, { path: [], message: `not valid JSON (${(error as Error).message})` });
  }
  return parseSandboxValue(value, source);
}
