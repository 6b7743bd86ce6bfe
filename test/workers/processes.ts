// Real agpm processes for tests: `agpm worker` (or any command) run from the built dist/ as the
// package's bin runs it, killed by `stopAll()` whatever happened in the test.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { agpmArgv } from "../helpers/dist.js";

export interface AgpmProcess {
  proc: ChildProcessWithoutNullStreams;
  stderr(): string;
  exited: Promise<number | null>;
}

const running = new Set<ChildProcessWithoutNullStreams>();

/**
 * Starts `agpm <args>` in `cwd` and resolves once stderr contains `ready` (rejects if the process
 * exits first). Metrics go to a free port so several workers can run at once.
 */
export function startAgpm(args: string[], options: { cwd: string; env: Record<string, string>; ready: string }): Promise<AgpmProcess> {
  const proc = spawn(process.execPath, agpmArgv(args), {
    cwd: options.cwd, env: { ...process.env, AGPM_METRICS_PORT: "0", ...options.env },
  });
  running.add(proc);
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => {
    running.delete(proc);
    resolve(code);
  }));
  return new Promise((resolve, reject) => {
    proc.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes(options.ready)) resolve({ proc, stderr: () => stderr, exited });
    });
    void exited.then((code) => reject(new Error(`agpm ${args.join(" ")} exited (${code}): ${stderr}`)));
  });
}

export function startWorker(cwd: string, env: Record<string, string>, ...flags: string[]): Promise<AgpmProcess> {
  return startAgpm(["worker", ...flags], { cwd, env, ready: "agpm worker: " });
}

/** Kills every process a test started and left running. */
export async function stopAll(): Promise<void> {
  const waits = [...running].map((proc) => new Promise((resolve) => {
    proc.once("exit", resolve);
    proc.kill("SIGKILL");
  }));
  await Promise.all(waits);
}
