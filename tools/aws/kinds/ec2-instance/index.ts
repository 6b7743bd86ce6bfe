// One AWS kind folder: EC2 instances.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { POLARITY } from "./words.js";
import { ec2EnableDetailedMonitoring } from "./ec2-enable-detailed-monitoring.js";
import { ec2RequireImdsv2 } from "./ec2-require-imdsv2.js";
import { ec2AttachToAutoScalingGroup } from "./manual-attach-to-asg.js";
import { ec2AttachInstanceProfile, ec2EncryptAttachedVolumes, ec2RemovePublicIp, ec2ReplaceInstance, ec2RestrictInstanceIngress } from "./manual.js";
import { ec2InstanceCollector } from "./collector.js";
import { ec2AttachedVolumesEncrypted, ec2DetailedMonitoring, ec2Hvm, ec2ImdsV2Required, ec2InAutoScalingGroup, ec2InstanceProfile, ec2MaxAge, ec2NoInternetExposedPorts, ec2NoPublicIp, ec2StoppedLimit } from "./controls.js";
import { ec2Instance } from "./model.js";

export const ec2InstanceFolder: AwsKindFolder = {
  kind: ec2Instance,
  controls: [ec2ImdsV2Required, ec2NoPublicIp, ec2InstanceProfile, ec2DetailedMonitoring, ec2Hvm, ec2InAutoScalingGroup, ec2MaxAge, ec2StoppedLimit, ec2AttachedVolumesEncrypted, ec2NoInternetExposedPorts] as readonly ControlDefinition[],
  collector: ec2InstanceCollector,
  actions: [ec2RequireImdsv2, ec2EnableDetailedMonitoring, ec2AttachToAutoScalingGroup, ec2RemovePublicIp, ec2AttachInstanceProfile, ec2ReplaceInstance, ec2EncryptAttachedVolumes, ec2RestrictInstanceIngress],
  polarity: POLARITY,
};
