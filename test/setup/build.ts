// Vitest globalSetup for the processes project: compiles dist/ (what `agpm` runs) before any test
// starts it, so child processes load plain JavaScript instead of transpiling TypeScript each start.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { AGPM_BIN, ROOT } from "../helpers/dist.js";

/**
 * tsconfig.build.json made incremental, for tests only: `npm run build` stays a full build, since
 * tsc skips emitting whatever its build info says is done even when dist/ was deleted since.
 */
const CONFIG = join(import.meta.dirname, "tsconfig.dist.json");
/** Its incremental state: outside dist/, which is published. */
const BUILD_INFO = join(ROOT, ".cache", "build.tsbuildinfo");

/**
 * Builds every time, never trusting a dist/ that may be stale: `tsc -b` compares the sources with
 * its build info and returns in about a second when nothing changed. tsc does not notice outputs
 * deleted behind its back, so a missing dist/ forgets the build info first.
 */
export function setup(): void {
  if (!existsSync(AGPM_BIN)) rmSync(BUILD_INFO, { force: true });
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const build = spawnSync(process.execPath, [tsc, "-b", CONFIG], { cwd: ROOT, encoding: "utf8" });
  if (build.status === 0 && existsSync(AGPM_BIN)) return;
  // Like services.ts: one message and the end of the run, not every process test failing on its own.
  process.stderr.write(`\nThe processes tests run the built CLI, and building it failed; nothing was run.\n  tsc -b test/setup/tsconfig.dist.json exited ${build.status ?? build.signal}:\n${build.stdout}${build.stderr}\n`);
  process.exit(1);
}
