// EC2 write commands: instance metadata options, EBS encryption by default, security-group rules.
import type {
  AuthorizeSecurityGroupIngressRequest,
  AuthorizeSecurityGroupIngressResult,
  DisableEbsEncryptionByDefaultResult,
  EnableEbsEncryptionByDefaultResult,
  GetEbsEncryptionByDefaultRequest,
  GetEbsEncryptionByDefaultResult,
  IpPermission,
  ModifyInstanceMetadataOptionsRequest,
  ModifyInstanceMetadataOptionsResult,
  RevokeSecurityGroupIngressRequest,
  RevokeSecurityGroupIngressResult,
} from "@aws-sdk/client-ec2";
import { AgpmError } from "../../../../core/errors.js";
import { awsError } from "../errors.js";
import type { InstanceState, SecurityGroupState } from "../schema.js";
import { required } from "./common.js";
import { dryRun } from "./ec2-describe.js";
import { authorize, findDuplicate, revoke } from "./sg-rules.js";
import { read, write } from "./types.js";
import type { HandlerContext, HandlerTable } from "./types.js";

function instanceIn(ctx: HandlerContext, id: string): InstanceState {
  const instance = ctx.account.lookup.inRegion("instances", ctx.region).find((i) => i["InstanceId"] === id) as InstanceState | undefined;
  if (!instance) throw awsError("ec2", "InvalidInstanceID.NotFound", 400, `The instance ID '${id}' does not exist`);
  return instance;
}

function modifyMetadataOptions(input: ModifyInstanceMetadataOptionsRequest, ctx: HandlerContext): ModifyInstanceMetadataOptionsResult {
  const instance = instanceIn(ctx, required(ctx, input.InstanceId, "InstanceId", "body"));
  const state = instance.State?.Name;
  if (state === "terminated" || state === "shutting-down") {
    throw awsError("ec2", "IncorrectInstanceState", 400, `The instance '${input.InstanceId}' is not in a state from which it can be modified.`);
  }
  const hop = input.HttpPutResponseHopLimit;
  if (hop !== undefined && (hop < 1 || hop > 64)) throw awsError("ec2", "InvalidParameterValue", 400, "The HttpPutResponseHopLimit must be between 1 and 64");
  dryRun(input);
  const current = instance.MetadataOptions ?? {};
  const next = {
    ...current,
    State: "applied",
    HttpTokens: input.HttpTokens ?? current["HttpTokens"] ?? "optional",
    HttpPutResponseHopLimit: hop ?? current["HttpPutResponseHopLimit"] ?? 1,
    HttpEndpoint: input.HttpEndpoint ?? current["HttpEndpoint"] ?? "enabled",
    HttpProtocolIpv6: input.HttpProtocolIpv6 ?? current["HttpProtocolIpv6"] ?? "disabled",
    InstanceMetadataTags: input.InstanceMetadataTags ?? current["InstanceMetadataTags"] ?? "disabled",
  };
  instance.MetadataOptions = next;
  // AWS answers "pending"; the change is visible as "applied" on the next describe.
  const { State: _applied, ...options } = next;
  return { InstanceId: instance.InstanceId, InstanceMetadataOptions: { ...(options as object), State: "pending" } };
}

type RuleRequest = Pick<RevokeSecurityGroupIngressRequest, "GroupId" | "GroupName" | "IpPermissions" | "IpProtocol" | "FromPort" | "ToPort" | "CidrIp" | "SecurityGroupRuleIds" | "DryRun">;

function groupFor(input: RuleRequest, ctx: HandlerContext): SecurityGroupState {
  if (!input.GroupId && !input.GroupName) throw awsError("ec2", "MissingParameter", 400, "The request must contain the parameter groupName or groupId");
  const groups = ctx.account.lookup.inRegion("securityGroups", ctx.region) as SecurityGroupState[];
  const group = input.GroupId ? groups.find((g) => g.GroupId === input.GroupId) : groups.find((g) => g.GroupName === input.GroupName);
  if (!group) throw awsError("ec2", "InvalidGroup.NotFound", 400, `The security group '${input.GroupId ?? input.GroupName}' does not exist`);
  return group;
}

/** IpPermissions, or the legacy flat CidrIp/IpProtocol/FromPort/ToPort form. */
function permissionsOf(input: RuleRequest, command: string): IpPermission[] {
  if (input.SecurityGroupRuleIds && input.SecurityGroupRuleIds.length > 0) {
    throw new AgpmError("SANDBOX_UNSUPPORTED_COMMAND", `The sandbox does not simulate SecurityGroupRuleIds in ${command}; pass IpPermissions`, {
      details: { client: "EC2Client", command, parameter: "SecurityGroupRuleIds" },
    });
  }
  if (input.IpPermissions && input.IpPermissions.length > 0) return input.IpPermissions;
  if (input.CidrIp) return [{ IpProtocol: input.IpProtocol, FromPort: input.FromPort, ToPort: input.ToPort, IpRanges: [{ CidrIp: input.CidrIp }] }];
  throw awsError("ec2", "MissingParameter", 400, "The request must contain the parameter ipPermissions");
}

function revokeHandler(egress: boolean, command: string) {
  return write((input: RuleRequest, ctx): RevokeSecurityGroupIngressResult => {
    const group = groupFor(input, ctx);
    const requested = permissionsOf(input, command);
    dryRun(input);
    const list = (egress ? (group.IpPermissionsEgress ??= []) : (group.IpPermissions ??= []));
    const before = JSON.stringify(list);
    const result = revoke(list, requested, group.GroupId, egress);
    if (result.revoked.length === 0) {
      list.splice(0, list.length, ...(JSON.parse(before) as typeof list));
      throw awsError("ec2", "InvalidPermission.NotFound", 400, "The specified rule does not exist in this security group.");
    }
    return { Return: true, RevokedSecurityGroupRules: result.revoked, ...(result.unknown.length > 0 ? { UnknownIpPermissions: result.unknown } : {}) };
  });
}

function authorizeHandler(egress: boolean, command: string) {
  return write((input: AuthorizeSecurityGroupIngressRequest & RuleRequest, ctx): AuthorizeSecurityGroupIngressResult => {
    const group = groupFor(input, ctx);
    const requested = permissionsOf(input, command);
    const list = (egress ? (group.IpPermissionsEgress ??= []) : (group.IpPermissions ??= []));
    const duplicate = findDuplicate(list, requested);
    if (duplicate) throw awsError("ec2", "InvalidPermission.Duplicate", 400, `the specified rule "${duplicate}" already exists`);
    dryRun(input);
    return { Return: true, SecurityGroupRules: authorize(list, requested, group.GroupId, egress) };
  });
}

function setEbsDefault(ctx: HandlerContext, enabled: boolean): void {
  ctx.account.state.ec2.ebsEncryptionByDefault[ctx.region] = enabled;
}

export const EC2_WRITES: HandlerTable = {
  ModifyInstanceMetadataOptions: write(modifyMetadataOptions),
  GetEbsEncryptionByDefault: read((input: GetEbsEncryptionByDefaultRequest, ctx): GetEbsEncryptionByDefaultResult => {
    dryRun(input);
    return { EbsEncryptionByDefault: ctx.account.state.ec2.ebsEncryptionByDefault[ctx.region] ?? false, SseType: "sse-ebs" };
  }),
  EnableEbsEncryptionByDefault: write((input: GetEbsEncryptionByDefaultRequest, ctx): EnableEbsEncryptionByDefaultResult => {
    dryRun(input);
    setEbsDefault(ctx, true);
    return { EbsEncryptionByDefault: true };
  }),
  DisableEbsEncryptionByDefault: write((input: GetEbsEncryptionByDefaultRequest, ctx): DisableEbsEncryptionByDefaultResult => {
    dryRun(input);
    setEbsDefault(ctx, false);
    return { EbsEncryptionByDefault: false };
  }),
  RevokeSecurityGroupIngress: revokeHandler(false, "RevokeSecurityGroupIngress"),
  RevokeSecurityGroupEgress: revokeHandler(true, "RevokeSecurityGroupEgress"),
  AuthorizeSecurityGroupIngress: authorizeHandler(false, "AuthorizeSecurityGroupIngress"),
  AuthorizeSecurityGroupEgress: authorizeHandler(true, "AuthorizeSecurityGroupEgress"),
};
