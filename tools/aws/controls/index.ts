// AWS's control catalogue, read from the kind folders in their order (the any-kind tag and name controls are the engine's).
import type { ControlDefinition } from "../../../engine/control.js";
import { AWS_KIND_FOLDERS } from "../kinds/index.js";

export const AWS_CONTROLS: readonly ControlDefinition[] = AWS_KIND_FOLDERS.flatMap((f) => f.controls);
