// The ec2SecurityGroup kind folder: security groups; its parts still live in the role folders (controls/, collectors/, actions/) until they move here.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { ec2RevokeDefaultGroupRules } from "../../actions/ec2-revoke-default-group-rules.js";
import { ec2RevokePublicIngress } from "../../actions/ec2-revoke-public-ingress.js";
import { ec2RestrictSecurityGroup } from "../../actions/manual-ec2.js";
import { ec2SecurityGroupCollector } from "../../collectors/ec2-security-group.js";
import { defaultSecurityGroupClosed, securityGroupHighRiskPorts, securityGroupNoAllPorts, securityGroupNoPublicIngress, securityGroupNoWideCidr, securityGroupNotLaunchWizard, securityGroupRuleLimit } from "../../controls/security-group.js";
import { ec2SecurityGroup } from "../ec2.js";

export const ec2SecurityGroupFolder: AwsKindFolder = {
  kind: ec2SecurityGroup,
  controls: [securityGroupNoPublicIngress, securityGroupNoAllPorts, securityGroupHighRiskPorts, defaultSecurityGroupClosed, securityGroupNoWideCidr, securityGroupNotLaunchWizard, securityGroupRuleLimit] as readonly ControlDefinition[],
  collector: ec2SecurityGroupCollector,
  actions: [ec2RevokePublicIngress, ec2RevokeDefaultGroupRules, ec2RestrictSecurityGroup],
};
