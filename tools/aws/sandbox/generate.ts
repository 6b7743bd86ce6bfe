// Generated sandbox files: the demo account, large benchmark accounts, and writing either to disk.
import { writeFileAtomic } from "./account.js";
import { parseSandboxValue } from "./parse.js";
import type { SandboxFile } from "./schema.js";

export { generateDemoAccount } from "./demo.js";
export { generateScaleAccount } from "./scale.js";
export type { ScaleOptions } from "./scale.js";

/**
 * Validates `state` against the file format, then writes it atomically (creating the directory).
 *
 * @example
 * writeSandboxFile("sandbox/account.json", generateDemoAccount());
 */
export function writeSandboxFile(file: string, state: SandboxFile): void {
  parseSandboxValue(state, file);
  writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`);
}
