// Manual remediations for EC2 instances: public IPs, instance profiles, replacement, volume encryption and exposed ports.
import { z } from "zod";
import { Ec2InstanceModel } from "./model.js";
import type { SecurityGroupRuleModel } from "../ec2-security-group/model.js";
import type { ManualAction } from "../../kind-tools.js";
import { describeResource, readFields } from "../../actions/common.js";

const NoParams = z.object({}).strict();
type NoParams = z.infer<typeof NoParams>;

const INSTANCE = "aws.ec2.instance";

export const ec2RemovePublicIp: ManualAction<NoParams> = {
  name: "ec2.remove-public-ip",
  kind: INSTANCE,
  title: "Take the instance off the internet (manual: remove its public IP)",
  manual: true,
  effect: "tightens",
  permissions: ["ec2:DisassociateAddress", "ec2:ModifyNetworkInterfaceAttribute", "ec2:ModifySubnetAttribute"],
  params: NoParams,
  guidance(r) {
    const { publicIp, subnetId } = readFields(r, Ec2InstanceModel.pick({ publicIp: true, subnetId: true }), "ec2.remove-public-ip");
    return `manual: instance ${describeResource(r)} has the public IPv4 address ${publicIp ?? "(none now)"}. First find what reaches it on that address ` +
      "(DNS records, partner allow-lists, users connecting over SSH/RDP) and give them another way in: a load balancer, AWS Systems Manager Session Manager " +
      "or an EC2 Instance Connect Endpoint. Then remove the address: an Elastic IP with `aws ec2 disassociate-address --public-ip " +
      `${publicIp ?? "<ip>"}\`, an auto-assigned one with \`aws ec2 modify-network-interface-attribute --network-interface-id <eni> --no-associate-public-ip-address\`. ` +
      `Stop subnet ${subnetId ?? "<subnet>"} handing out new ones with \`aws ec2 modify-subnet-attribute --subnet-id ${subnetId ?? "<subnet>"} --no-map-public-ip-on-launch\`` +
      " if nothing in it should be public.";
  },
};

export const ec2AttachInstanceProfile: ManualAction<NoParams> = {
  name: "ec2.attach-instance-profile",
  kind: INSTANCE,
  title: "Give the instance an IAM role (manual: choose its permissions)",
  manual: true,
  effect: "tightens",
  permissions: ["iam:CreateRole", "iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile", "iam:PassRole", "ec2:AssociateIamInstanceProfile"],
  params: NoParams,
  guidance: (r) =>
    `manual: instance ${describeResource(r)} has no IAM instance profile, so software on it either has no AWS access or uses long-lived access keys stored on the host. ` +
    "Create a role that EC2 may assume with only the permissions the workload needs (add AmazonSSMManagedInstanceCore to manage it through Systems Manager), " +
    "wrap it in an instance profile (`aws iam create-instance-profile` + `aws iam add-role-to-instance-profile`), and attach it without a restart: " +
    `\`aws ec2 associate-iam-instance-profile --instance-id ${r.id} --iam-instance-profile Name=<profile>\`. ` +
    "Then remove access keys from the host (~/.aws/credentials, environment variables) and deactivate them in IAM.",
};

const ReplaceParams = z.object({ days: z.number().int().min(0).optional() }).strict();
type ReplaceParams = z.infer<typeof ReplaceParams>;

const ReplaceFields = Ec2InstanceModel.pick({ virtualizationType: true, ageDays: true, stoppedDays: true, state: true });

function replaceReasons(facts: z.infer<typeof ReplaceFields>, days: number | undefined): string[] {
  const reasons: string[] = [];
  if (facts.virtualizationType === "paravirtual") reasons.push("it uses paravirtual (PV) virtualization, which current instance types do not support");
  if (facts.state === "stopped" && facts.stoppedDays !== null) reasons.push(`it has been stopped for ${facts.stoppedDays} day(s)${days !== undefined && facts.stoppedDays > days ? ` (limit ${days})` : ""}`);
  if (facts.ageDays !== null) reasons.push(`it was launched ${facts.ageDays} day(s) ago${days !== undefined && facts.ageDays > days ? ` (limit ${days})` : ""}`);
  return reasons;
}

export const ec2ReplaceInstance: ManualAction<ReplaceParams> = {
  name: "ec2.replace-instance",
  kind: INSTANCE,
  title: "Review the instance and replace or terminate it (manual)",
  manual: true,
  effect: "tightens",
  permissions: ["ec2:CreateImage", "ec2:RunInstances", "ec2:TerminateInstances"],
  params: ReplaceParams,
  guidance(r, p) {
    const reasons = replaceReasons(readFields(r, ReplaceFields, "ec2.replace-instance"), p.days);
    const owner = r.tags["owner"] ?? r.tags["Owner"] ?? r.tags["team"];
    return `manual: review instance ${describeResource(r)}${reasons.length > 0 ? `: ${reasons.join("; ")}` : ""}. ` +
      `Ask ${owner ? `its owner (${owner})` : "its owner"} whether it is still needed — terminating is not undoable, so agpm does not do it. ` +
      `If it is not needed, keep an image for the record (\`aws ec2 create-image --instance-id ${r.id} --name ${r.id}-final --no-reboot\`) and ` +
      `terminate it (\`aws ec2 terminate-instances --instance-ids ${r.id}\`). If it is, launch a replacement from a current, patched HVM AMI — ` +
      "ideally from a launch template in an Auto Scaling group — move its traffic and data over, verify, then terminate the old one.";
  },
};

const showRule = (rule: SecurityGroupRuleModel): string =>
  `${rule.protocol === "-1" ? "all traffic" : `${rule.protocol} ${rule.fromPort === rule.toPort ? rule.fromPort : `${rule.fromPort}-${rule.toPort}`}`} from ${rule.source}`;

export const ec2EncryptAttachedVolumes: ManualAction<NoParams> = {
  name: "ec2.encrypt-attached-volumes",
  kind: INSTANCE,
  title: "Replace the instance's unencrypted volumes with encrypted copies (manual: requires replacement)",
  manual: true,
  effect: "tightens",
  permissions: ["ec2:CreateSnapshot", "ec2:CopySnapshot", "ec2:CreateVolume", "ec2:StopInstances", "ec2:DetachVolume", "ec2:AttachVolume", "ec2:StartInstances"],
  params: NoParams,
  guidance(r) {
    const { volumes, availabilityZone } = readFields(r, Ec2InstanceModel.pick({ volumes: true, availabilityZone: true }), "ec2.encrypt-attached-volumes");
    const plain = volumes.filter((v) => !v.encrypted).map((v) => v.volumeId);
    return `manual: requires replacement. Instance ${describeResource(r)} has unencrypted volume(s) ${plain.join(", ") || "(none now)"}, and a volume's ` +
      "encryption is set when it is created. For each: snapshot it (`aws ec2 create-snapshot --volume-id <vol>`), copy the snapshot with --encrypted, " +
      `create a volume from the copy in ${availabilityZone ?? "the instance's Availability Zone"}, then in a maintenance window stop the instance ` +
      `(\`aws ec2 stop-instances --instance-ids ${r.id}\`), detach the old volume, attach the new one at the same device name, start and verify. ` +
      "Delete the old volumes and unencrypted snapshots afterwards, and turn on EBS encryption by default in the region.";
  },
};

const IngressParams = z.object({ ports: z.array(z.number().int().min(0).max(65535)).optional() }).strict();
type IngressParams = z.infer<typeof IngressParams>;

export const ec2RestrictInstanceIngress: ManualAction<IngressParams> = {
  name: "ec2.restrict-instance-ingress",
  kind: INSTANCE,
  title: "Close the instance's internet-exposed ports in its security groups (manual)",
  manual: true,
  effect: "tightens",
  permissions: ["ec2:RevokeSecurityGroupIngress", "ec2:ModifyInstanceAttribute"],
  params: IngressParams,
  guidance(r, p) {
    const { ingress } = readFields(r, Ec2InstanceModel.pick({ ingress: true }), "ec2.restrict-instance-ingress");
    const reaches = (rule: SecurityGroupRuleModel) => !p.ports || p.ports.some((port) => rule.protocol === "-1" || (rule.fromPort <= port && port <= rule.toPort));
    const open = ingress.filter((rule) => rule.world && reaches(rule));
    const listed = open.map((rule) => `${showRule(rule)} in ${rule.groupId ?? "a group"}`).join(", ");
    const groups = [...new Set(open.flatMap((rule) => (rule.groupId ? [rule.groupId] : [])))];
    return `manual: instance ${describeResource(r)} is reachable from the internet through ${listed || "its security groups"}. ` +
      "The rules belong to security groups that other instances may share, so change them deliberately: revoke the world-open rules in " +
      `${groups.join(", ") || "those groups"} (ec2.revoke-public-ingress does exactly that per group) or narrow them to known sources, or give this instance ` +
      `its own group with \`aws ec2 modify-instance-attribute --instance-id ${r.id} --groups <group-ids>\`. Reach administrative ports through ` +
      "Systems Manager Session Manager or a bastion instead of the internet.";
  },
};
