// The agpm command line: commands, flags and help. Each action opens the app, runs, closes.
// Start-up stays light: `agpm --version` and `--help` load commander and this file's few imports;
// the app (store, translators, registry), zod and each command's module load only when an action runs.
import { Command, CommanderError, Option } from "commander";
import { AgpmError, errorMessage, isAgpmError } from "../core/errors.js";
import { describeFirstIssue } from "../core/zod-issue.js";
import type { App } from "./app.js";
import { packageVersion } from "../core/package-info.js";
import { EXIT, exitCodeForError } from "./exit-codes.js";
import type { CliIo } from "./io.js";

type Action = (app: App) => Promise<number>;

// Command modules load on demand: `agpm policies` should not pay for the AWS SDK and LangGraph.
const commands = {
  run: () => import("./commands/run.js"),
  approve: () => import("./commands/approve.js"),
  records: () => import("./commands/records.js"),
  sandbox: () => import("./commands/sandbox.js"),
  worker: () => import("./commands/worker.js"),
  submit: () => import("./commands/submit.js"),
  sweep: () => import("./commands/sweep.js"),
  schedule: () => import("./commands/schedule.js"),
  scheduler: () => import("./commands/scheduler.js"),
  serve: () => import("./commands/serve.js"),
  token: () => import("./commands/token.js"),
};

const collect = (value: string, previous: string[] = []) => [...previous, value];
const VERSION = packageVersion();

async function toAgpmError(error: unknown): Promise<AgpmError> {
  if (isAgpmError(error)) return error;
  // zod is loaded by then (whatever threw a ZodError imported it); importing it here keeps it off the start-up path.
  const { ZodError } = await import("zod");
  if (error instanceof ZodError) {
    return new AgpmError("INPUT_INVALID", describeFirstIssue(error, "invalid input"));
  }
  return new AgpmError("INTERNAL", errorMessage(error), { cause: error });
}

const targetOptions = (cmd: Command) =>
  cmd
    .option("--sandbox <file>", "sandbox account file (default .agpm/sandbox.json, created on first use), or a folder of them: an organisation")
    .option("--aws", "use the real AWS account (default credential chain, AWS_REGION, AWS_ENDPOINT_URL)")
    .option("--region <region>", "with --aws: the region to use and scan")
    .option("--accounts <file>", "many accounts: ids and roles to assume (JSON or a YAML list), with --aws or a sandbox folder")
    .option("--org", "with --aws: every ACTIVE account of the AWS Organization (ListAccounts)")
    .option("--role-name <name>", "the role to assume in each account (default OrganizationAccountAccessRole)");

/** The flags of every command that may change the account: `run` and `submit`. */
const enforcementOptions = (cmd: Command) =>
  cmd
    .option("--apply", "make the changes (default: dry run)")
    .option("--yes", "approve a blast-radius pause on the spot, and accept offers (e.g. create a missing policy)")
    .option("--max-changes <n>", "pause for approval when more resources would change (default AGPM_MAX_CHANGES or 10)")
    .addOption(new Option("--translator <name>", "offline | llm | auto").choices(["offline", "llm", "auto"]));

/** CI gating, as Checkov has it: which still-failing findings make the exit code 1, if any. */
const gateOptions = (cmd: Command) =>
  cmd
    .addOption(new Option("--fail-on <severity>", "exit 1 only when something at or above this severity still fails (default low: anything)").choices(["low", "medium", "high", "critical"]))
    .option("--soft-fail", "report failing findings but exit 0 (errors, invalid input and approval pauses still count)");

/** What a printed report lists: JSON every evaluated (rule, resource) pair, text what needs attention. */
const reportOptions = (cmd: Command, text = true) => {
  const quiet = new Option("--quiet", "list only failing and erroring findings (summary counts unchanged)");
  if (!text) return cmd.addOption(quiet);
  return cmd.addOption(quiet.conflicts("all")).option("--all", "text output: list passing and skipped findings too (JSON lists them unless --quiet)");
};

export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const wantsJson = (flags: { json?: boolean }) => flags.json === true;
  const act = (progress: boolean, json: boolean, fn: Action) => async () => {
    let app: App | undefined;
    try {
      const { openApp } = await import("./app.js");
      app = await openApp(io, { progress: progress && !json });
      setExit(await fn(app));
    } catch (error) {
      app?.progress.stop();
      const e = await toAgpmError(error);
      if (json) io.stdout(`${JSON.stringify({ error: e.toJSON() }, null, 2)}\n`);
      else io.stderr(`error [${e.code}]: ${e.message}\n`);
      setExit(exitCodeForError(e.code));
    } finally {
      await app?.close();
    }
  };

  const program = new Command("agpm")
    .description("Agentic governance and policy management: state an intent, get an enforced, audited policy.")
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  reportOptions(gateOptions(enforcementOptions(targetOptions(program.command("run").argument("<intent>", "what must be true, in plain words")))
    .description("translate an intent into a policy, evaluate it and plan (or, with --apply, make) the fixes")))
    .option("--json", "print exactly one JSON document")
    .action((intent: string, flags: Record<string, unknown>) => act(true, wantsJson(flags), async (app) => (await commands.run()).runIntent(app, io, "run", intent, flags))());

  reportOptions(gateOptions(targetOptions(program.command("check").argument("<intent>", "what must be true, in plain words"))))
    .description("translate, validate and evaluate; change nothing, store no findings. Exit 0 compliant, 1 failing, 2 untranslatable or invalid")
    .addOption(new Option("--translator <name>", "offline | llm | auto").choices(["offline", "llm", "auto"]))
    .option("--json", "print exactly one JSON document")
    .action((intent: string, flags: Record<string, unknown>) => act(true, wantsJson(flags), async (app) => (await commands.run()).runIntent(app, io, "check", intent, flags))());

  program.command("explain").argument("<intent>", "what must be true, in plain words")
    .description("translate and prove an intent, and say in plain words what the policy would do; reads no account")
    .addOption(new Option("--translator <name>", "offline | llm | auto").choices(["offline", "llm", "auto"]))
    .option("--json", "print exactly one JSON document")
    .action((intent: string, flags: Record<string, unknown>) => act(false, wantsJson(flags), async (app) => (await commands.run()).runIntent(app, io, "explain", intent, flags))());

  const policies = program.command("policies").description("list policies, show one, or its version history");
  policies.command("list", { isDefault: true }).option("--json").action((flags: { json?: boolean }) => act(false, wantsJson(flags), async (app) => (await commands.records()).listPolicies(app, io, flags))());
  policies.command("show").argument("<id>").option("--version <n>", "a specific version").option("--json")
    .action((id: string, flags: { json?: boolean; version?: string }) => act(false, wantsJson(flags), async (app) => (await commands.records()).showPolicy(app, io, id, flags))());
  policies.command("history").argument("<id>").option("--json")
    .action((id: string, flags: { json?: boolean }) => act(false, wantsJson(flags), async (app) => (await commands.records()).policyHistory(app, io, id, flags))());

  program.command("findings").description("findings of the latest run of each policy (or of one run)")
    .option("--run <id>").option("--policy <id>").option("--status <status>", "pass | fail | error | skip").option("--all", "passing and skipped too")
    .option("--limit <n>").option("--json")
    .action((flags: Record<string, string | boolean | undefined>) => act(false, wantsJson(flags), async (app) => (await commands.records()).listFindings(app, io, flags as never))());

  program.command("audit").description("the audit log: who changed what, when, before and after")
    .option("--run <id>").option("--policy <id>").option("--resource <id>").option("--limit <n>").option("--json")
    .action((flags: Record<string, string | boolean | undefined>) => act(false, wantsJson(flags), async (app) => (await commands.records()).listAudit(app, io, flags as never))());

  program.command("drift").description("findings history: what newly failed (drift), recovered or was remediated, and when")
    .option("--policy <id>").option("--resource <id>").addOption(new Option("--change <kind>", "drift | recovered | remediated | removed").choices(["drift", "recovered", "remediated", "removed"]))
    .option("--since <iso-time>", "only changes at or after this time").option("--failing", "what is failing now, and since when")
    .option("--limit <n>").option("--json")
    .action((flags: Record<string, string | boolean | undefined>) => act(false, wantsJson(flags), async (app) => (await commands.records()).listDrift(app, io, flags as never))());

  program.command("runs").description("recent runs and their status").option("--limit <n>").option("--json")
    .action((flags: { json?: boolean; limit?: string }) => act(false, wantsJson(flags), async (app) => (await commands.records()).listRuns(app, io, flags))());

  for (const [name, approved] of [["approve", true], ["reject", false]] as const) {
    reportOptions(gateOptions(program.command(name).argument("<run-id>").description(`${name} a run paused for approval`)))
      .option("--comment <text>", "recorded in the audit log").option("--json")
      .option("--queue", "hand the decision to a worker (REDIS_URL) instead of carrying it out here")
      .option("--wait", "with --queue: wait for the worker and print the report")
      .action((runId: string, flags: { json?: boolean; quiet?: boolean; all?: boolean; comment?: string; queue?: boolean; wait?: boolean; failOn?: string; softFail?: boolean }) => act(true, wantsJson(flags), async (app) => (await commands.approve()).decide(app, io, runId, approved, flags))());
  }

  program.command("worker").description("process queued jobs until SIGTERM, then finish active jobs and exit (REDIS_URL)")
    .option("--concurrency <n>", "jobs processed at once, per queue (default 1)")
    .option("--queues <names>", "comma-separated queues to work (default intents,sweeps)")
    .option("--metrics-port <port>", "serve /metrics and /healthz here (default AGPM_METRICS_PORT or 9464; 0 = any free port)")
    .option("--no-metrics", "do not serve /metrics")
    .action((flags: Record<string, unknown>) => act(false, false, async (app) => (await commands.worker()).runWorker(app, io, flags))());

  reportOptions(gateOptions(enforcementOptions(targetOptions(program.command("submit").argument("<intent>", "what must be true, in plain words")))))
    .description("enqueue an intent for a worker (REDIS_URL); with --wait, print its report")
    .option("--wait", "wait for the job and print its report")
    .option("--timeout <seconds>", "with --wait: how long to wait (default 600)")
    .option("--json", "print exactly one JSON document")
    .action((intent: string, flags: Record<string, unknown>) => act(false, wantsJson(flags), async (app) => (await commands.submit()).submit(app, io, intent, flags))());

  const sweepOptions = (cmd: Command) =>
    targetOptions(cmd)
      .option("--policy <id>", "only this policy (repeatable; default every active policy)", collect)
      .option("--apply", "remediate what enforce-mode policies find failing (default: record and plan only)")
      .option("--yes", "approve a blast-radius pause on the spot (never a safety flag)")
      .option("--max-changes <n>", "per policy and region: pause for approval above this many resources")
      .option("--json", "print exactly one JSON document");

  reportOptions(gateOptions(sweepOptions(program.command("sweep"))), false)
    .description("evaluate every active policy now, record drift and (with --apply) fix it: on the sweeps queue, or --now in this process")
    .option("--now", "run the sweep here and print its report (no Redis needed)")
    .option("--wait", "queued: wait for the sweep to finish and print its report")
    .option("--timeout <seconds>", "with --wait: how long to wait (default 600)")
    .action((flags: Record<string, unknown>) => act(true, wantsJson(flags), async (app) => (await commands.sweep()).sweep(app, io, flags))());

  const schedule = program.command("schedule").description("sweep schedules, kept in Redis and run by the workers");
  sweepOptions(schedule.command("add").argument("<name>", "lower-case name, e.g. nightly"))
    .description("add or replace a schedule: --every 15m, or --cron \"0 2 * * *\" [--tz Europe/London]")
    .option("--every <duration>", "30s, 5m, 1h, 1d…")
    .option("--cron <pattern>", "a cron pattern (5 or 6 fields)")
    .option("--tz <zone>", "with --cron: IANA time zone (default UTC)")
    .action((name: string, flags: Record<string, unknown>) => act(false, wantsJson(flags), async (app) => (await commands.schedule()).addSchedule(app, io, name, flags))());
  schedule.command("list", { isDefault: true }).option("--json")
    .action((flags: { json?: boolean }) => act(false, wantsJson(flags), async (app) => (await commands.schedule()).listSchedulesCommand(app, io, flags))());
  schedule.command("remove").argument("<name>")
    .action((name: string) => act(false, false, async (app) => (await commands.schedule()).removeScheduleCommand(app, io, name))());

  targetOptions(program.command("scheduler"))
    .description("keep the schedules policies carry (and AGPM_SWEEP_EVERY) in sync with the sweeps queue until SIGTERM")
    .option("--apply", "sweeps started by policy schedules remediate (default AGPM_SWEEP_APPLY or dry run)")
    .option("--interval <seconds>", "how often to re-read the policies (default 30)")
    .option("--once", "sync once and exit")
    .action((flags: Record<string, unknown>) => act(false, false, async (app) => (await commands.scheduler()).runScheduler(app, io, flags))());

  targetOptions(program.command("serve"))
    .description("serve the HTTP API until SIGTERM (intents are enqueued for agpm worker; REDIS_URL)")
    .option("--port <n>", "port to listen on (default AGPM_API_PORT or 8080; 0 = any free port)")
    .option("--host <address>", "address to listen on (default AGPM_API_HOST or 0.0.0.0)")
    .action((flags: Record<string, unknown>) => act(false, false, async (app) => (await commands.serve()).serve(app, io, flags))());

  const token = program.command("token").description("API tokens for agpm serve: create (shown once), list, revoke");
  token.command("create").description("create a token and print it (only its hash is stored)")
    .addOption(new Option("--role <role>", "viewer (read) | author (+ submit intents) | approver (+ approve/reject)").choices(["viewer", "author", "approver"]).makeOptionMandatory())
    .option("--name <name>", "shown in the audit log as token:<name> (default token-<id>)").option("--json")
    .action((flags: { role?: string; name?: string; json?: boolean }) => act(false, wantsJson(flags), async (app) => (await commands.token()).createToken(app, io, flags))());
  token.command("list", { isDefault: true }).option("--json")
    .action((flags: { json?: boolean }) => act(false, wantsJson(flags), async (app) => (await commands.token()).listTokens(app, io, flags))());
  token.command("revoke").argument("<id>").option("--json")
    .action((id: string, flags: { json?: boolean }) => act(false, wantsJson(flags), async (app) => (await commands.token()).revokeToken(app, io, id, flags))());

  const sandbox = program.command("sandbox").description("the simulated AWS account");
  sandbox.command("init").argument("[file]", "where to write it (default .agpm/sandbox.json)")
    .option("--force", "overwrite an existing file").option("--resources <n>", "a generated account of about n resources instead of the demo")
    .option("--seed <n>", "seed for --resources")
    .action((file: string | undefined, flags: { force?: boolean; resources?: string; seed?: string }) => act(false, false, async (app) => (await commands.sandbox()).sandboxInit(app, io, file, flags))());
  sandbox.command("init-org").argument("<dir>", "the organisation folder: one sandbox account file per account")
    .option("--accounts <n>", "how many accounts (default 3)").option("--resources <n>", "about n resources per account instead of the demo")
    .option("--seed <n>", "seed of the first account (the others count up from it)").option("--force", "overwrite existing account files")
    .action((dir: string, flags: { force?: boolean; accounts?: string; resources?: string; seed?: string }) => act(false, false, async (app) => (await commands.sandbox()).sandboxInitOrg(app, io, dir, flags))());
  sandbox.command("show").option("--sandbox <file>").option("--json")
    .action((flags: { sandbox?: string; json?: boolean }) => act(true, wantsJson(flags), async (app) => (await commands.sandbox()).sandboxShow(app, io, flags))());

  return program;
}

/** Runs the CLI with the given arguments (without `node agpm`) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.invalid;
    throw error;
  }
  return code;
}
