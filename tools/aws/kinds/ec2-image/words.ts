// Polar words of the aws.ec2.image controls: which name the state a control requires (secure) and which the state it forbids (insecure).
import type { ControlPolarity } from "../../../../engine/domain.js";

export const POLARITY: Readonly<Record<string, ControlPolarity>> = {
  "ec2.ami-not-public": {
    secure: ["private", "not public"],
    insecure: ["public", "publicly", "publicly shared", "shared publicly", "shared with everyone", "launchable by anyone", "public ami", "public image"],
    also: { insecure: ["anyone", "everyone", "everybody"] },
  },
};
