// The deployment files agree with agpm: every variable they set is one agpm (or the AWS SDK)
// reads, every command they run is one the CLI has, and what BullMQ, the drain and a non-root
// image depend on is there. Docker may be absent, so the files are read as text (no YAML parser
// is a dependency); the worker's healthcheck command is run for real against a live /healthz.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../cli/program.js";
import { createMetrics, startMetricsServer } from "../../observability/index.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const COMPOSE = read("docker-compose.yml");
const DOCKERFILE = read("Dockerfile");
/** What the image compiles and runs. */
const SOURCE_DIRS = (JSON.parse(read("tsconfig.build.json")) as { include: string[] }).include;
/** Read by the AWS SDK's default credential chain rather than by agpm's own code. */
const SDK_CREDENTIAL_VARS = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];

const indent = (line: string) => line.length - line.trimStart().length;
const meaningful = (line: string) => line.trim() !== "" && !line.trim().startsWith("#");

/** The lines nested under the first line matching `header` (deeper indentation than it). */
function block(lines: readonly string[], header: RegExp): string[] {
  const start = lines.findIndex((l) => header.test(l));
  if (start < 0) return [];
  const depth = indent(lines[start] ?? "");
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (meaningful(line) && indent(line) <= depth) break;
    body.push(line);
  }
  return body;
}

/** The keys of the mapping under `key:` inside `lines` (direct children only, merge keys kept). */
function keysUnder(lines: readonly string[], key: string): string[] {
  const body = block(lines, new RegExp(`^\\s*${key}:\\s*(&\\S+)?\\s*$`)).filter(meaningful);
  const depth = Math.min(...body.map(indent));
  return body.filter((l) => indent(l) === depth).map((l) => /^\s*([^:\s]+):/.exec(l)?.[1] ?? "");
}

const lines = COMPOSE.split("\n");
const servicesBlock = block(lines, /^services:/);
const service = (name: string) => block(servicesBlock, new RegExp(`^  ${name}:\\s*$`));
const serviceNames = servicesBlock.filter((l) => meaningful(l) && indent(l) === 2).map((l) => l.trim().replace(/:$/, ""));
/** Services built from agpm's image: they merge the x-agpm anchor. */
const agpmServices = serviceNames.filter((name) => service(name).some((l) => /^\s{4}<<: \*agpm\s*$/.test(l)));
const agpmEnvKeys = [...keysUnder(block(lines, /^x-agpm:/), "environment"), ...agpmServices.flatMap((s) => keysUnder(service(s), "environment"))].filter((k) => k !== "<<");
const flowList = (line: string | undefined) => JSON.parse(line?.replace(/^[^[]*/, "") ?? "null") as string[];

function envNamesAgpmReads(): Set<string> {
  const names = new Set<string>(SDK_CREDENTIAL_VARS);
  const walk = (dir: string): void => {
    // A folder the build lists may not exist yet in every checkout.
    if (!existsSync(join(ROOT, dir))) return;
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) {
        for (const m of read(path).matchAll(/\benv(?:\.([A-Z][A-Z0-9_]*)|\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\])/g)) names.add(m[1] ?? m[2] ?? "");
      }
    }
  };
  SOURCE_DIRS.forEach(walk);
  return names;
}

/** Throws unless argv (as a service's `command`) names an agpm command and options it has. */
function checkCommand(program: Command, argv: readonly string[]): void {
  let cmd = program;
  const rest = [...argv];
  while (rest[0] !== undefined && !rest[0].startsWith("-")) {
    const sub = cmd.commands.find((c) => c.name() === rest[0]);
    if (!sub) break;
    cmd = sub;
    rest.shift();
  }
  // Only a top-level flag (`--help`) may stand without a command.
  if (cmd === program) expect(rest.every((a) => a.startsWith("--")), `${argv.join(" ")} names a command`).toBe(true);
  const longs = new Set([...cmd.options.map((o) => o.long), "--help"]);
  for (const flag of rest.filter((a) => a.startsWith("--"))) expect(longs, `${argv.join(" ")}: ${flag}`).toContain(flag);
}

describe("when docker compose reads docker-compose.yml", () => {
  it("is a Compose Specification file (no version key) that declares every named volume it mounts", () => {
    expect(COMPOSE).not.toMatch(/^version:/m);
    const declared = block(lines, /^volumes:\s*$/).filter(meaningful).map((l) => l.trim().replace(/:$/, ""));
    const mounted = [...COMPOSE.matchAll(/^\s+- ([a-z][\w-]*):\//gm)].map((m) => m[1]);
    expect(mounted.length).toBeGreaterThan(0);
    for (const volume of mounted) expect(declared).toContain(volume);
  });

  it("runs Redis with noeviction (BullMQ loses jobs otherwise) and an append-only file, checked by redis-cli ping", () => {
    const command = flowList(service("redis").find((l) => /^\s+command:/.test(l)));
    expect(command.join(" ")).toContain("--maxmemory-policy noeviction");
    expect(command.join(" ")).toContain("--appendonly yes");
    expect(service("redis").join("\n")).toMatch(/test: \["CMD", "redis-cli", "ping"\]/);
  });

  it("runs PostgreSQL with database and user agpm, checked by pg_isready, and points agpm at it", () => {
    const pg = service("postgres").join("\n");
    expect(pg).toMatch(/image: postgres:16/);
    expect(pg).toMatch(/POSTGRES_DB: agpm/);
    expect(pg).toMatch(/POSTGRES_USER: agpm/);
    expect(pg).toMatch(/pg_isready/);
    expect(COMPOSE).toMatch(/AGPM_DATABASE_URL: postgres:\/\/agpm:\$\{POSTGRES_PASSWORD:-agpm\}@postgres:5432\/agpm/);
    expect(COMPOSE).toMatch(/REDIS_URL: redis:\/\/redis:6379/);
  });

  it("starts at least two workers and a scheduler from agpm's image, after healthy stores", () => {
    expect(agpmServices).toEqual(expect.arrayContaining(["worker", "scheduler"]));
    expect(Number(/replicas: (\d+)/.exec(service("worker").join("\n"))?.[1])).toBeGreaterThanOrEqual(2);
    expect(block(lines, /^x-agpm:/).join("\n")).toMatch(/^\s+build: \.$/m);
    const stores = block(lines, /^x-stores:/).join("\n");
    expect(stores).toMatch(/redis:\s+condition: service_healthy/);
    expect(stores).toMatch(/postgres:\s+condition: service_healthy/);
    for (const name of agpmServices) expect(service(name).join("\n"), name).toMatch(/depends_on: \*stores|<<: \*stores/);
  });

  it("lets a worker drain on SIGTERM: an init forwards the signal and the grace period is at least a minute", () => {
    expect(block(lines, /^x-agpm:/).join("\n")).toMatch(/^\s+init: true$/m);
    const grace = /stop_grace_period: (\d+)(s|m)/.exec(service("worker").join("\n"));
    expect(Number(grace?.[1]) * (grace?.[2] === "m" ? 60 : 1)).toBeGreaterThanOrEqual(60);
  });

  it("publishes no fixed host port for the replicated worker (replicas would collide)", () => {
    const ports = block(service("worker"), /^\s+ports:/).join("\n");
    expect(ports).toMatch(/target: 9464/);
    expect(ports).not.toMatch(/published|"\d+:\d+"/);
  });
});

describe("when agpm reads the environment the deployment gives it", () => {
  it("sets only variables that agpm's code (or the AWS SDK's credential chain) reads", () => {
    const reads = envNamesAgpmReads();
    expect(agpmEnvKeys).toEqual(expect.arrayContaining(["REDIS_URL", "AGPM_DATABASE_URL", "AGPM_SANDBOX", "AGPM_SWEEP_EVERY"]));
    for (const name of agpmEnvKeys) expect(reads, name).toContain(name);
  });

  it("passes every agpm setting of deploy/agpm.env.example into the containers; the rest are Compose's own", () => {
    const reads = envNamesAgpmReads();
    const names = [...read("deploy/agpm.env.example").matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] ?? "");
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      if (reads.has(name)) expect(agpmEnvKeys, name).toContain(name);
      else expect(COMPOSE, name).toContain(`\${${name}:-`);
    }
  });
});

describe("when the services run agpm", () => {
  const program = buildProgram({ stdout: () => undefined, stderr: () => undefined, env: {}, cwd: ROOT, interactive: false, color: false }, () => undefined);
  const commandOf = (text: string, name: string) => flowList(block(block(text.split("\n"), /^services:/), new RegExp(`^  ${name}:\\s*$`)).find((l) => /^\s+command:/.test(l)));

  it("runs commands and options the CLI has", () => {
    for (const name of agpmServices) checkCommand(program, commandOf(COMPOSE, name));
    checkCommand(program, commandOf(read("deploy/compose.aws.yml"), "scheduler"));
    expect(commandOf(COMPOSE, "worker")[0]).toBe("worker");
    expect(commandOf(COMPOSE, "scheduler")[0]).toBe("scheduler");
  });

  it("has a worker healthcheck that passes on a live /healthz and fails when nothing answers", async () => {
    const test = flowList(block(service("worker"), /^\s+healthcheck:/).find((l) => /^\s+test:/.test(l)));
    expect(test.slice(0, 3)).toEqual(["CMD", "node", "-e"]);
    const probe = (port: number) =>
      promisify(execFile)(process.execPath, ["-e", test[3] ?? ""], { env: { ...process.env, AGPM_METRICS_PORT: String(port) }, timeout: 10_000 }).then(() => 0, (e: { code?: number }) => e.code ?? -1);
    const server = await startMetricsServer(createMetrics(), { port: 0, host: "127.0.0.1" });
    const port = server.port;
    try {
      expect(await probe(port)).toBe(0);
    } finally {
      await server.close();
    }
    expect(await probe(port)).toBe(1);
  });
});

describe("when docker builds the Dockerfile", () => {
  const stages = DOCKERFILE.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1) ?? "";
  const pkg = JSON.parse(read("package.json")) as { bin: Record<string, string>; engines: { node: string } };

  it("runs the CLI's bin as the unprivileged node user, with the SDK's Node 20 notice off", () => {
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toContain(`ENTRYPOINT ["node", "/app/${pkg.bin.agpm}"]`);
    expect(runtime).toMatch(/AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true/);
  });

  it("compiles in a stage with build tools and ships only production dependencies", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage).toMatch(/^node:20-bookworm-slim\b/);
    expect(Number(/>=\s*(\d+)/.exec(pkg.engines.node)?.[1])).toBeLessThanOrEqual(20);
    expect(stages[0]).toMatch(/python3 make g\+\+/);
    expect(stages[0]).toMatch(/npm run build/);
    expect(stages[0]).toMatch(/npm prune --omit=dev/);
    expect(runtime).toMatch(/COPY --from=build \/app\/node_modules/);
    expect(runtime).not.toMatch(/g\+\+|npm (ci|install)/);
  });

  it("keeps node_modules, dist and secrets out of the build context", () => {
    const ignored = read(".dockerignore").split("\n").map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(["node_modules", "dist", ".env", ".git"]));
  });
});
