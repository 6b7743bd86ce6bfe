// Polar words of the aws.ec2.instance controls: which name the state a control requires (secure) and which the state it forbids (insecure).
import type { ControlPolarity } from "../../../../engine/domain.js";
import { ENCRYPTING } from "../../words.js";

export const POLARITY: Readonly<Record<string, ControlPolarity>> = {
  "ec2.imdsv2-required": { secure: ["imdsv2", "imds v2", "metadata v2", "session tokens", "http tokens", "httptokens"], insecure: ["imdsv1"] },
  "ec2.no-public-ip": { secure: [], insecure: ["public ip", "public ips", "public ip address", "public ipv4", "public ipv4 address", "public address", "public addresses", "publicly addressable", "internet routable address"] },
  "ec2.instance-profile": { secure: ["instance profile", "instance profiles", "iam instance profile", "iam role", "iam roles", "instance role", "instance roles"], insecure: [] },
  "ec2.detailed-monitoring": { secure: ["detailed monitoring", "cloudwatch detailed monitoring", "instance monitoring", "one minute metrics", "1-minute metrics", "one-minute metrics"], insecure: [] },
  "ec2.hvm": { secure: ["hvm", "hardware virtual machine"], insecure: ["paravirtual", "paravirtualization", "paravirtualisation", "pv instance", "pv instances"] },
  "ec2.in-autoscaling-group": { secure: ["self healing", "autoscaled", "auto scaled"], insecure: [], also: { secure: ["autoscaling", "auto scaling", "auto-scaling"] } },
  "ec2.max-age": { secure: ["max age", "maximum age", "instance age"], insecure: ["older than", "too old", "stale instances", "long running instances", "long-running instances", "days old"] },
  "ec2.stopped-limit": { secure: [], insecure: ["stopped", "idle instances", "unused instances", "long-stopped", "left stopped", "remain stopped"] },
  "ec2.attached-volumes-encrypted": { secure: ["disk encryption", "encrypted disks", "encrypted volumes", "volume encryption", "encrypted", "encryption", "encrypted at rest"], insecure: [], also: { secure: ["encrypt", "encryption at rest", ...ENCRYPTING.secure], insecure: ["unencrypted"] } },
  "ec2.no-internet-exposed-ports": { secure: [], insecure: ["internet exposed", "internet-exposed", "exposed to the internet", "publicly exposed", "reachable from the internet", "internet facing", "internet-facing", "exposed ports", "exposed"], also: { insecure: ["public", "publicly", "anyone", "everyone", "world", "internet", "anywhere", "0.0.0.0/0"] } },
};
