// Manual remediation for security groups whose rules cannot be revoked blindly.
import { z } from "zod";
import { SecurityGroupModel } from "./model.js";
import type { SecurityGroupRuleModel } from "./model.js";
import type { ManualAction } from "../../kind-tools.js";
import { describeResource, readFields } from "../../actions/common.js";

const RestrictParams = z
  .object({
    /** Public CIDRs wider than this prefix are reported (default 24). */
    prefixLength: z.number().int().min(0).max(128).optional(),
    /** The rule-count limit the group exceeds. */
    count: z.number().int().min(0).optional(),
    ports: z.array(z.number().int().min(0).max(65535)).optional(),
  })
  .strict();

type RestrictParams = z.infer<typeof RestrictParams>;

const GroupFields = SecurityGroupModel.pick({ groupName: true, ingress: true, ruleCount: true, launchWizard: true });

const showRule = (rule: SecurityGroupRuleModel): string =>
  `${rule.protocol === "-1" ? "all traffic" : `${rule.protocol} ${rule.fromPort === rule.toPort ? rule.fromPort : `${rule.fromPort}-${rule.toPort}`}`} from ${rule.source}`;

function groupIssues(g: z.infer<typeof GroupFields>, p: RestrictParams): string[] {
  const limit = p.prefixLength ?? 24;
  const reaches = (rule: SecurityGroupRuleModel) => !p.ports || p.ports.some((port) => rule.protocol === "-1" || (rule.fromPort <= port && port <= rule.toPort));
  const wide = g.ingress.filter((rule) => rule.publicCidr && rule.prefixLength !== null && rule.prefixLength < limit && reaches(rule));
  const issues: string[] = [];
  if (wide.length > 0) issues.push(`ingress from public ranges wider than /${limit}: ${wide.map(showRule).join(", ")}`);
  if (g.launchWizard) issues.push(`it was created by the EC2 launch wizard (${g.groupName}), whose defaults open SSH or RDP to anyone`);
  if (p.count !== undefined && g.ruleCount > p.count) issues.push(`it has ${g.ruleCount} rules (limit ${p.count})`);
  return issues;
}

export const ec2RestrictSecurityGroup: ManualAction<RestrictParams> = {
  name: "ec2.restrict-security-group",
  kind: "aws.ec2.security-group",
  title: "Narrow the security group's rules (manual: choose the legitimate sources)",
  manual: true,
  effect: "tightens",
  permissions: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:CreateSecurityGroup"],
  params: RestrictParams,
  guidance(r, p) {
    const issues = groupIssues(readFields(r, GroupFields, "ec2.restrict-security-group"), p);
    return `manual: security group ${describeResource(r)} needs narrower rules${issues.length > 0 ? `: ${issues.join("; ")}` : ""}. ` +
      "Only the owners of the workload know which sources are legitimate: check VPC flow logs for who actually connects, then replace each broad rule with " +
      "the narrowest source that works — specific CIDRs, a reference to the clients' security group, or a managed prefix list — " +
      `(\`aws ec2 authorize-security-group-ingress --group-id ${r.id} ...\` for the new rule, then \`aws ec2 revoke-security-group-ingress --group-id ${r.id} ...\` for the old one). ` +
      "Replace launch-wizard groups with a purpose-named group attached to the same instances, and merge rules (prefix lists, port ranges) when a group nears its rule limit.";
  },
};
