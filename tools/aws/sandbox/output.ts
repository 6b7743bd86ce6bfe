// Turns stored items into SDK output values: deep copies (callers never alias the state), with our
// file-only fields dropped and ISO strings turned into Dates where the SDK type says Date.

type Json = Record<string, unknown>;

/** Timestamp members of the SDK shapes we return, as paths; `[]` steps into each list item. */
export const DATE_PATHS = {
  lifecycle: ["Rules[].Expiration.Date", "Rules[].Transitions[].Date"],
  instance: [
    "LaunchTime",
    "UsageOperationUpdateTime",
    "BlockDeviceMappings[].Ebs.AttachTime",
    "NetworkInterfaces[].Attachment.AttachTime",
    "ElasticInferenceAcceleratorAssociations[].ElasticInferenceAcceleratorAssociationTime",
  ],
  volume: ["CreateTime", "Attachments[].AttachTime"],
  snapshot: ["StartTime", "RestoreExpiryTime", "CompletionTime"],
  flowLog: ["CreationTime"],
  fileSystem: ["CreationTime", "SizeInBytes.Timestamp"],
  autoScalingGroup: ["CreatedTime"],
  launchConfiguration: ["CreatedTime"],
  none: [],
} as const satisfies Record<string, readonly string[]>;

export type DateShape = keyof typeof DATE_PATHS;

const parsedPaths = new Map<string, string[][]>();

function stepsOf(path: string): string[] {
  return path.split(".").flatMap((part) => (part.endsWith("[]") ? [part.slice(0, -2), "[]"] : [part]));
}

function convertAt(value: unknown, steps: readonly string[], index: number): unknown {
  if (index === steps.length) return typeof value === "string" ? new Date(value) : value;
  if (value === null || typeof value !== "object") return value;
  const step = steps[index] as string;
  if (step === "[]") {
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) value[i] = convertAt(value[i], steps, index + 1);
    return value;
  }
  const record = value as Json;
  if (step in record) record[step] = convertAt(record[step], steps, index + 1);
  return value;
}

/** A deep copy of plain JSON data (~5× faster than a JSON round trip on instance-sized objects). */
function clone(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(clone);
  const out: Json = {};
  for (const key of Object.keys(value)) {
    const member = (value as Json)[key];
    if (member !== undefined) out[key] = clone(member);
  }
  return out;
}

/** Deep-copies an item, drops `omit` keys and converts the shape's dates. */
export function toOutput<T>(item: object, shape: DateShape, omit: readonly string[] = ["Region"]): T {
  const copy = clone(item) as Json;
  for (const key of omit) delete copy[key];
  let paths = parsedPaths.get(shape);
  if (!paths) {
    paths = DATE_PATHS[shape].map(stepsOf);
    parsedPaths.set(shape, paths);
  }
  for (const steps of paths) convertAt(copy, steps, 0);
  return copy as T;
}

/** A plain deep copy of a stored value, typed as the SDK (or state) type it is returned as. */
export function copy<T>(value: unknown): T {
  return clone(value) as T;
}
