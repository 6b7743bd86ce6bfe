// Polar words of the aws.ec2.security-group controls: which name the state a control requires (secure) and which the state it forbids (insecure).
import type { ControlPolarity } from "../../../../engine/domain.js";
import { WORLD } from "../../words.js";

export const POLARITY: Readonly<Record<string, ControlPolarity>> = {
  "ec2.security-group-no-public-ingress": { secure: [], insecure: WORLD, also: { insecure: ["public", "publicly", "anyone", "everyone", "everybody"] } },
  "ec2.security-group-no-all-ports": { secure: [], insecure: ["all ports", "every port", "any port", "full port range", "all tcp ports", "allow all traffic", "open all traffic", "all inbound traffic", "all protocols", "unrestricted inbound traffic", "unrestricted incoming traffic", "wide open", "allow all inbound", "all traffic"] },
  "ec2.security-group-high-risk-ports": { secure: [], insecure: ["high risk ports", "risky ports", "dangerous ports", "database ports", "risky services", "dangerous services", "unrestricted access"] },
  "ec2.default-security-group-closed": { secure: ["restrict all traffic", "restricts all traffic", "default restrict traffic"], insecure: [] },
  "ec2.security-group-no-wide-cidr": { secure: [], insecure: ["wide cidr", "wide cidrs", "broad cidr", "broad cidrs", "large cidr", "wide ip range", "wide ip ranges", "broad ip range", "broad ip ranges", "large address range", "overly permissive cidr", "public cidr", "public cidrs", "large public ip ranges", "public ip range", "public ip ranges", "public source range"] },
  "ec2.security-group-not-launch-wizard": { secure: [], insecure: ["launch wizard", "launch-wizard", "wizard-created", "wizard created"] },
  "ec2.security-group-rule-limit": { secure: ["rule limit", "rules limit", "maximum rules", "max rules"], insecure: ["too many rules", "many rules"] },
};
