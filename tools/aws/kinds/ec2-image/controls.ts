// AMI controls: no owned image is launchable by every AWS account (Prowler ec2_ami_public; no FSBP or CIS control says it).
import type { ControlDefinition, ModelResource } from "../../../../engine/control.js";
import type { AwsControl } from "../../controls/aws-control.js";
import type { Ec2ImageModel } from "./model.js";

type Image = ModelResource<typeof Ec2ImageModel>;

export const ec2AmiNotPublic: AwsControl<Image> = {
  id: "ec2.ami-not-public",
  kind: "aws.ec2.image",
  title: "AMIs are not public",
  description: "No AMI the account owns grants launchPermission to the group \"all\", which lets any AWS account launch it and read what was baked in.",
  severity: "critical",
  benchmarks: [],
  words: ["public", "not public", "private", "publicly", "publicly shared", "shared publicly", "shared with everyone", "launchable by anyone", "public ami", "public image", "launchpermission", "ec2_ami_public"],
  build: () => ({
    title: "AMI is not public",
    require: { path: "public", op: "eq", value: false },
    remediation: { action: "ec2.make-ami-private", params: {} },
  }),
  examples: { compliant: { public: false }, noncompliant: { public: true } },
};

export const EC2_IMAGE_CONTROLS: readonly ControlDefinition[] = [ec2AmiNotPublic] as readonly ControlDefinition[];
