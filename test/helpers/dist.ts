// The built agpm (dist/, compiled by test/setup/build.ts before the processes project starts) as
// child processes run it: `node dist/cli/main.js`, the package's bin, with no TypeScript loader.
import { join } from "node:path";
import { requireProject } from "../setup/projects.js";

export const ROOT = join(import.meta.dirname, "..", "..");
export const DIST = join(ROOT, "dist");
export const AGPM_BIN = join(DIST, "cli", "main.js");

/** Node's arguments to run `agpm <args>`; only the processes project builds dist/ first. */
export function agpmArgv(args: readonly string[]): string[] {
  requireProject("processes", "starts agpm as a process");
  return [AGPM_BIN, ...args];
}

/** The compiled form of a source module (path from the repository root, e.g. "observability/logger.ts"). */
export function distModule(source: string): string {
  requireProject("processes", "runs built agpm modules in a child process");
  return join(DIST, source.replace(/\.ts$/, ".js"));
}
