// Polar words of the aws.ebs.snapshot controls: which name the state a control requires (secure) and which the state it forbids (insecure).
import type { ControlPolarity } from "../../../../engine/domain.js";
import { ENCRYPTION, ENCRYPTING } from "../../words.js";

export const POLARITY: Readonly<Record<string, ControlPolarity>> = {
  "ebs.snapshot-encrypted": { secure: [...ENCRYPTION, "kms"], insecure: ["unencrypted"], also: ENCRYPTING },
  "ebs.snapshot-not-public": { secure: ["private", "not public"], insecure: ["public", "publicly", "publicly shared", "shared publicly", "publicly restorable", "restorable by anyone", "shared with everyone", "public snapshot"], also: { insecure: ["anyone", "everyone", "everybody"] } },
};
