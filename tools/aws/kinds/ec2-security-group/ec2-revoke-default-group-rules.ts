// ec2.revoke-default-group-rules: closes a VPC's default security group (CIS 5.4) by revoking every
// ingress and egress rule; resources should use purpose-made groups instead. Other groups are
// never touched: revoking all their rules could cut off working traffic.
import { sdk } from "../../clients.js";
import { z } from "zod";
import { SecurityGroupModel } from "./model.js";
import { ruleToPermission } from "../../collectors/sg-rules.js";
import type { AutomaticAction } from "../../kind-tools.js";
import { send } from "../../send.js";
import { readFields } from "../../actions/common.js";

const { RevokeSecurityGroupEgressCommand, RevokeSecurityGroupIngressCommand } = sdk.ec2;

const NAME = "ec2.revoke-default-group-rules";
const Params = z.object({}).strict();
const Fields = SecurityGroupModel.pick({ isDefault: true, ingress: true, egress: true });

export const ec2RevokeDefaultGroupRules: AutomaticAction<z.infer<typeof Params>> = {
  name: NAME,
  kind: "aws.ec2.security-group",
  title: "Remove every rule of the default security group",
  manual: false,
  effect: "tightens",
  permissions: ["ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"],
  params: Params,
  plan(resource) {
    const { isDefault, ingress, egress } = readFields(resource, Fields, NAME);
    if (!isDefault || (ingress.length === 0 && egress.length === 0)) return null;
    return {
      before: { ingress, egress },
      after: { ingress: [], egress: [] },
      summary: `revoke all ${ingress.length} ingress and ${egress.length} egress rule(s) of default security group ${resource.id}`,
    };
  },
  async apply(ctx, resource) {
    const { isDefault, ingress, egress } = readFields(resource, Fields, NAME);
    if (!isDefault) return;
    const client = ctx.clients.ec2(resource.region);
    if (ingress.length > 0) await send(ctx, client, new RevokeSecurityGroupIngressCommand({ GroupId: resource.id, IpPermissions: ingress.map(ruleToPermission) }));
    if (egress.length > 0) await send(ctx, client, new RevokeSecurityGroupEgressCommand({ GroupId: resource.id, IpPermissions: egress.map(ruleToPermission) }));
  },
};
