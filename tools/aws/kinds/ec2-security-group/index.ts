// One AWS kind folder: security groups.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { POLARITY } from "./words.js";
import { ec2RevokeDefaultGroupRules } from "./ec2-revoke-default-group-rules.js";
import { ec2RevokePublicIngress } from "./ec2-revoke-public-ingress.js";
import { ec2RestrictSecurityGroup } from "./manual.js";
import { ec2SecurityGroupCollector } from "./collector.js";
import { defaultSecurityGroupClosed, securityGroupHighRiskPorts, securityGroupNoAllPorts, securityGroupNoPublicIngress, securityGroupNoWideCidr, securityGroupNotLaunchWizard, securityGroupRuleLimit } from "./controls.js";
import { ec2SecurityGroup } from "./model.js";

export const ec2SecurityGroupFolder: AwsKindFolder = {
  kind: ec2SecurityGroup,
  controls: [securityGroupNoPublicIngress, securityGroupNoAllPorts, securityGroupHighRiskPorts, defaultSecurityGroupClosed, securityGroupNoWideCidr, securityGroupNotLaunchWizard, securityGroupRuleLimit] as readonly ControlDefinition[],
  collector: ec2SecurityGroupCollector,
  actions: [ec2RevokePublicIngress, ec2RevokeDefaultGroupRules, ec2RestrictSecurityGroup],
  polarity: POLARITY,
};
