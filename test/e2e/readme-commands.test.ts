// The README as a tested manual: every `agpm …` line of its ```sh blocks runs, in README order,
// against one scratch workspace (demo sandbox, a unique Redis prefix, and a PostgreSQL schema as
// the shared store — as the README advises once workers, a scheduler and a server run beside the
// CLI; on one SQLite file a busy worker can hold the write lock past the 5 s busy timeout on a
// loaded machine), and exits as documented.
//
// Conventions the README follows, and this test reads:
// - A line exits 0 unless its comment says `exits N` (e.g. `# exits 1: one region has it off`).
// - `RUN_ID` is the newest run awaiting approval (else the newest run), as `agpm runs --json`
//   shows it; `TOKEN_ID` is the newest API token, as `agpm token list --json` shows it. Policy
//   ids are written out, and must be ids the earlier examples really create.
// - Long-running commands — exactly LONG_RUNNING below — are started as real processes, must
//   come up (and `agpm serve` answer /healthz), stay up for the lines after them, and exit 0 on
//   SIGTERM at the end. A line with `--wait` needs a worker: the README's first `agpm worker`
//   line is started early (once) if it has not been reached yet.
// Not run, on purpose: `npm …` lines (they install, build, benchmark or run this very suite — the
// quick start's `npx agpm …` part is run), and lines that are not agpm commands (`docker compose`,
// `cp`, `curl`: they need Docker or a server's token in the shell).
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";
import { tempLocation } from "../store/helpers.js";
import { deleteKeys, REDIS_URL } from "../workers/redis-env.js";
import { startAgpm, stopAll, type AgpmProcess } from "../workers/processes.js";

const README = readFileSync(join(import.meta.dirname, "..", "..", "README.md"), "utf8");

/** What a long-running command logs on stderr once it is up. */
const LONG_RUNNING: Record<string, string> = { worker: "agpm worker: ", scheduler: "agpm scheduler: running", serve: "agpm serve: http" };

interface Example {
  line: string;
  argv: string[];
  exits: number;
}

/** Splits a command line as a POSIX shell would for these examples: words, "double" and 'single' quotes. */
function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}

function examples(): Example[] {
  const lines = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => (m[1] ?? "").split("\n")).map((l) => l.trim());
  return lines
    .filter((l) => l.startsWith("agpm ") || l.includes("npx agpm "))
    .map((line) => {
      const [command = "", comment = ""] = line.split(/\s#\s/, 2);
      const agpm = command.slice(command.indexOf("agpm ")).replace(/\s*&$/, "").trim();
      return { line, argv: words(agpm).slice(1), exits: Number(/\bexits (\d)\b/.exec(comment)?.[1] ?? 0) };
    });
}

const prefix = `agpm-readme-${randomUUID()}`;
const store = tempLocation("postgres");
// tempLocation("postgres") always names a URL and a schema.
const { databaseUrl, schema } = store.location as { databaseUrl: string; schema: string };
let ws: CliWorkspace;
const env = { REDIS_URL, AGPM_QUEUE_PREFIX: prefix, AGPM_DATABASE_URL: databaseUrl, AGPM_DATABASE_SCHEMA: schema, AGPM_API_PORT: "0", AGPM_LOG_LEVEL: "info" };
const started: Array<{ name: string; process: AgpmProcess }> = [];

beforeAll(() => {
  ws = createWorkspace(env);
});
afterAll(async () => {
  await stopAll();
  await deleteKeys(prefix);
  await store.cleanup();
  ws.cleanup();
});

/** An id picked from a listing's `--json` document (`{ "<key>": [...] }`). */
async function newest(listing: string[], key: string, pick: (items: Array<Record<string, unknown>>) => unknown): Promise<string> {
  const items = (await ws.run(...listing, "--json")).json<Record<string, Array<Record<string, unknown>>>>()[key] ?? [];
  const id = pick(items);
  expect(typeof id, `no id to substitute from agpm ${listing.join(" ")}`).toBe("string");
  return id as string;
}

/** The README's placeholders, replaced by ids that exist in the workspace now. */
async function substitute(argv: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const word of argv) {
    if (word === "RUN_ID") out.push(await newest(["runs"], "runs", (runs) => (runs.find((r) => r.status === "awaiting-approval") ?? runs[0])?.id));
    else if (word === "TOKEN_ID") out.push(await newest(["token", "list"], "tokens", (tokens) => [...tokens].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)))[0]?.id));
    else out.push(word);
  }
  return out;
}

/** Policy ids the line names that do not exist: commands such as `schedule add --policy` accept any. */
async function missingPolicies(argv: string[]): Promise<string[]> {
  const named = argv.flatMap((word, i) => (argv[i - 1] === "--policy" || (argv[0] === "policies" && i === 2) ? [word] : []));
  if (named.length === 0) return [];
  const policies = (await ws.run("policies", "--json")).json<{ policies: Array<{ id: string }> }>().policies.map((p) => p.id);
  return named.filter((id) => !policies.includes(id));
}

async function startLongRunning(argv: string[]): Promise<void> {
  const name = argv[0] ?? "";
  const proc = await startAgpm(argv, { cwd: ws.dir, env: { ...env, AGPM_ACTOR: "tester" }, ready: LONG_RUNNING[name] ?? "" });
  started.push({ name, process: proc });
  if (name === "serve") {
    const address = /agpm serve: (http:\/\/\S+?)[ ,(]/.exec(proc.stderr())?.[1] ?? "";
    const health = await fetch(`${address.replace("0.0.0.0", "127.0.0.1")}/healthz`);
    expect(health.status, "agpm serve answers /healthz").toBe(200);
  }
}

describe("when a reader runs every agpm command of the README, in order", () => {
  const all = examples();

  it("finds the commands, and knows every long-running one", () => {
    expect(all.length).toBeGreaterThan(40);
    for (const name of Object.keys(LONG_RUNNING)) expect(all.some((e) => e.argv[0] === name), name).toBe(true);
  });

  it("each exits as documented", async () => {
    const worker = all.find((e) => e.argv[0] === "worker");
    const mismatches: string[] = [];
    // The worker example started ahead of its line, for a `--wait` line before it.
    const startedEarly = new Set<Example>();
    for (const example of all) {
      const argv = await substitute(example.argv);
      for (const id of await missingPolicies(argv)) mismatches.push(`${example.line}\n  names policy ${id}, which the examples before it do not create`);
      const name = argv[0] ?? "";
      if (name in LONG_RUNNING) {
        if (!startedEarly.has(example)) await startLongRunning(argv);
        continue;
      }
      if (argv.includes("--wait") && worker && !started.some((s) => s.name === "worker")) {
        startedEarly.add(worker);
        await startLongRunning(worker.argv);
      }
      const result = await ws.run(...argv);
      // Every line is tried, so one run lists every example that is wrong.
      if (result.code !== example.exits) mismatches.push(`${example.line}\n  exited ${result.code}, documented ${example.exits}: ${(result.stderr || result.stdout).trim().split("\n").slice(-3).join(" / ").slice(0, 400)}`);
    }
    expect(mismatches.join("\n")).toBe("");
    // Long-running commands stop cleanly, as documented.
    for (const { name, process } of started) {
      process.proc.kill("SIGTERM");
      expect(await process.exited, `agpm ${name} on SIGTERM\n${process.stderr().slice(-1500)}`).toBe(0);
    }
  }, 600_000);
});
