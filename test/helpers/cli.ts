// Runs the real CLI in-process against a fresh temporary home, capturing its output.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../cli/program.js";
import type { CliIo } from "../../cli/io.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json<T = Record<string, unknown>>(): T;
}

export interface CliWorkspace {
  dir: string;
  sandboxFile: string;
  run(...argv: string[]): Promise<CliResult>;
  sandbox(): SandboxJson;
  cleanup(): void;
}

// The raw sandbox document, read as a user would (no agpm code involved).
export interface SandboxJson {
  account: string;
  region: string;
  s3: { accountPublicAccessBlock?: Record<string, boolean> | null; buckets: Array<Record<string, unknown> & { Name: string }> };
  ec2: { instances: Array<Record<string, unknown> & { InstanceId: string }>; securityGroups: Array<Record<string, unknown>>; volumes: Array<Record<string, unknown>> };
  efs: { fileSystems: Array<Record<string, unknown> & { FileSystemId: string }> };
  autoscaling: { groups: Array<{ AutoScalingGroupName: string; Instances?: Array<{ InstanceId: string }> }> };
}

export function createWorkspace(env: Record<string, string> = {}): CliWorkspace {
  const dir = mkdtempSync(join(tmpdir(), "agpm-cli-"));
  const sandboxFile = join(dir, ".agpm", "sandbox.json");
  return {
    dir,
    sandboxFile,
    async run(...argv) {
      let stdout = "";
      let stderr = "";
      const io: CliIo = {
        stdout: (t) => void (stdout += t),
        stderr: (t) => void (stderr += t),
        env: { AGPM_ACTOR: "tester", NO_COLOR: "1", ...env },
        cwd: dir,
        interactive: false,
        color: false,
      };
      const code = await runCli(argv, io);
      return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
    },
    sandbox: () => JSON.parse(readFileSync(sandboxFile, "utf8")) as SandboxJson,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
