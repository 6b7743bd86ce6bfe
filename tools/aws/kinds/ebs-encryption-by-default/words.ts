// Polar words of the aws.ebs.encryption-by-default controls: which name the state a control requires (secure) and which the state it forbids (insecure).
import type { ControlPolarity } from "../../../../engine/domain.js";
import { ENCRYPTION, ENCRYPTING } from "../../words.js";

export const POLARITY: Readonly<Record<string, ControlPolarity>> = {
  "ebs.encryption-by-default": { secure: ["encryption by default", "encrypted by default", "default encryption", ...ENCRYPTION], insecure: ["unencrypted"], also: ENCRYPTING },
};
