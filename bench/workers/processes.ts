// Real `agpm worker` child processes for the benchmark: started from the repository's sources
// with tsx, logs captured to a file, stopped with SIGTERM (SIGKILL if they hang), and killed
// outright if the benchmark itself exits early.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
const TSX = createRequire(import.meta.url).resolve("tsx/esm");
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** SIGKILLs every worker this process started that is still running. */
export function killAllWorkers(): void {
  for (const child of live) child.kill("SIGKILL");
  live.clear();
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // "exit" handlers must be synchronous: a kill is, and it is all that is needed to leave nothing behind.
  process.on("exit", killAllWorkers);
}

export interface WorkerSpec {
  name: string;
  queues: string[];
  /** Jobs at once (`--concurrency`). */
  concurrency: number;
  /** Added to the benchmark's own environment. */
  env: Record<string, string>;
  /** Folder for the worker's log file and working directory. */
  dir: string;
  /** Extra node flags, e.g. ["--cpu-prof"] to profile the worker. */
  nodeArgs?: string[];
}

export interface WorkerProcess {
  name: string;
  pid: number;
  logFile: string;
  /** SIGTERM, wait for the worker to drain (SIGKILL after 30 s); resolves with its exit code. */
  stop(): Promise<number | null>;
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/** Starts `agpm worker` and resolves once it logs that it is working its queues. */
export function startWorkerProcess(spec: WorkerSpec): Promise<WorkerProcess> {
  installExitHook();
  mkdirSync(spec.dir, { recursive: true });
  const logFile = join(spec.dir, `${spec.name}.log`);
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), "--import", TSX, join(ROOT, "cli", "main.ts"), "worker", "--queues", spec.queues.join(","), "--concurrency", String(spec.concurrency)], {
    cwd: spec.dir,
    env: { ...process.env, AGPM_METRICS_PORT: "0", AGPM_ACTOR: "bench", NO_COLOR: "1", ...spec.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  const exited = waitForExit(child).then((code) => {
    live.delete(child);
    return code;
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  void exited.then(() => log.end());
  const worker: WorkerProcess = {
    name: spec.name,
    pid: child.pid ?? -1,
    logFile,
    async stop() {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`worker ${spec.name} did not start within ${READY_TIMEOUT_MS / 1000} s; see ${logFile}`));
    }, READY_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      // The start-up line: "agpm worker: <queues> on <redis url> (concurrency n)".
      if (/"msg":"agpm worker: [a-z, ]+ on /.test(seen)) {
        clearTimeout(timer);
        child.stderr?.off("data", onData);
        resolve(worker);
      }
    };
    child.stderr?.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`worker ${spec.name} exited with ${code} before it was ready: ${seen.slice(-2_000)}`));
    });
  });
}

/** Starts workers at once and resolves when all are ready; if one fails to start, the rest are stopped. */
export async function startWorkers(specs: readonly WorkerSpec[]): Promise<WorkerProcess[]> {
  const settled = await Promise.allSettled(specs.map(startWorkerProcess));
  const started = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) {
    await Promise.all(started.map((w) => w.stop()));
    throw failed.reason;
  }
  return started;
}

export interface LogSummary {
  completed: number;
  /** Failed attempts by outcome: retried, failed, unrecoverable. */
  failed: Record<string, number>;
  /** Distinct warning/error lines (job failures included) with how often each occurred. */
  problems: Array<{ text: string; count: number }>;
}

function problemText(line: string): string | null {
  try {
    const entry = JSON.parse(line) as { level?: string; msg?: string; reason?: string; err?: string; name?: string };
    if (entry.level !== "warn" && entry.level !== "error" && entry.level !== "fatal") return null;
    const detail = entry.reason ?? entry.err ?? "";
    return `${entry.level}: ${entry.msg ?? ""}${entry.name ? ` (${entry.name})` : ""}${detail ? `: ${detail}` : ""}`.slice(0, 300);
  } catch {
    // Not a log line: a Node warning or a crash's stack trace, worth showing.
    const text = line.trim();
    return text === "" ? null : `stderr: ${text.slice(0, 300)}`;
  }
}

/** Counts what the workers' log files say happened, for the report. */
export function summariseLogs(files: readonly string[]): LogSummary {
  const summary: LogSummary = { completed: 0, failed: {}, problems: [] };
  const problems = new Map<string, number>();
  for (const file of files) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n")) {
      if (line.includes('"msg":"job completed"')) summary.completed++;
      const outcome = /"msg":"job failed"/.test(line) ? /"outcome":"([a-z]+)"/.exec(line)?.[1] ?? "unknown" : null;
      if (outcome) summary.failed[outcome] = (summary.failed[outcome] ?? 0) + 1;
      const problem = problemText(line);
      if (problem) problems.set(problem, (problems.get(problem) ?? 0) + 1);
    }
  }
  summary.problems = [...problems.entries()].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count);
  return summary;
}

/** On SIGINT or SIGTERM: kill the workers, run `cleanup`, and exit as the signal asks. */
export function stopOnSignals(cleanup: () => Promise<unknown>, print: (line: string) => void): void {
  const stop = (signal: NodeJS.Signals) => {
    print(`\ninterrupted (${signal}): killing the workers and cleaning up`);
    killAllWorkers();
    void cleanup().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
