// Polar words of the aws.s3.account-public-access-block controls: which name the state a control requires (secure) and which the state it forbids (insecure).
import type { ControlPolarity } from "../../../../engine/domain.js";

export const POLARITY: Readonly<Record<string, ControlPolarity>> = {
  "s3.account-block-public-access": { secure: ["block public access", "public access block"], insecure: ["public"] },
};
