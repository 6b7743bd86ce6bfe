// Polar words of the aws.ebs.volume controls: which name the state a control requires (secure) and which the state it forbids (insecure).
import type { ControlPolarity } from "../../../../engine/domain.js";
import { ENCRYPTION, ENCRYPTING } from "../../words.js";

export const POLARITY: Readonly<Record<string, ControlPolarity>> = {
  "ebs.volume-encrypted": { secure: [...ENCRYPTION, "kms"], insecure: ["unencrypted"], also: ENCRYPTING },
};
