// ec2.revoke-public-ingress: revokes exactly the world-open (0.0.0.0/0, ::/0) ingress rules
// that reach any of the given ports; every other rule stays.
import { sdk } from "../../clients.js";
import { z } from "zod";
import { SecurityGroupModel } from "./model.js";
import type { SecurityGroupRuleModel } from "./model.js";
import type { Resource } from "../../../../contracts/resource.js";
import { coversPort, worldRuleToPermission } from "../../collectors/sg-rules.js";
import type { AutomaticAction } from "../../kind-tools.js";
import { send } from "../../send.js";
import { readFields } from "../../actions/common.js";

const { RevokeSecurityGroupIngressCommand } = sdk.ec2;

const NAME = "ec2.revoke-public-ingress";
const Params = z.object({ ports: z.array(z.number().int().min(0).max(65535)).min(1) }).strict();
type Params = z.infer<typeof Params>;
const Fields = SecurityGroupModel.pick({ ingress: true });

function worldOpen(resource: Resource, p: Params): SecurityGroupRuleModel[] {
  const { ingress } = readFields(resource, Fields, NAME);
  return ingress.filter((rule) => rule.world && p.ports.some((port) => coversPort(rule, port)));
}

export const ec2RevokePublicIngress: AutomaticAction<Params> = {
  name: NAME,
  kind: "aws.ec2.security-group",
  title: "Revoke world-open ingress on the given ports",
  manual: false,
  effect: "tightens",
  permissions: ["ec2:RevokeSecurityGroupIngress"],
  params: Params,
  plan(resource, p) {
    const rules = worldOpen(resource, p);
    if (rules.length === 0) return null;
    return {
      // Only the rules that go away; the group's other ingress rules are untouched.
      before: { worldOpenIngress: rules },
      after: { worldOpenIngress: [] },
      summary: `revoke ${rules.length} world-open ingress rule(s) reaching port(s) ${p.ports.join(", ")} on ${resource.id}`,
    };
  },
  async apply(ctx, resource, p) {
    const rules = worldOpen(resource, p);
    if (rules.length === 0) return;
    await send(ctx, ctx.clients.ec2(resource.region), new RevokeSecurityGroupIngressCommand({
      GroupId: resource.id,
      IpPermissions: rules.map(worldRuleToPermission),
    }));
  },
};
