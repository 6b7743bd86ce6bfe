// The polar words of the any-kind controls (tags, names): what the weakening detector reads for them.
import type { ControlPolarity } from "../domain.js";

export const ANY_KIND_POLARITY: Readonly<Record<string, ControlPolarity>> = {
  "tags.required": { secure: ["required tags", "required tag", "mandatory tags", "mandatory tag", "tagging policy", "tagging standard", "tagging rules", "cost allocation tags"], insecure: ["untagged", "missing tags"] },
  "tags.allowed-values": { secure: ["allowed values", "allowed tag values", "valid tag values", "permitted values", "permitted tag values", "tag value pattern"], insecure: [] },
  "names.pattern": { secure: ["naming convention", "naming conventions", "naming standard", "naming standards", "naming pattern", "naming scheme", "naming policy", "name pattern"], insecure: [] },
};
