// What the agpm executable loads per command, counted in fresh `node dist/cli/main.js` processes:
// --version and --help load commander and the CLI's own few files, never the AWS SDK, LangChain,
// the store's drivers or zod; listing policies loads no domain; explain loads the registry but no
// SDK client; a check of S3 buckets loads the S3 client but not the clients of services it never calls.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { agpmArgv, DIST, ROOT } from "../helpers/dist.js";

const dir = mkdtempSync(join(tmpdir(), "agpm-cli-modules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Loaded first in the child: records ESM resolutions (resolve-recorder.mjs) and, at exit, every CommonJS file required. */
const HOOK = join(dir, "record.mjs");
writeFileSync(HOOK, [
  `import { appendFileSync } from "node:fs";`,
  `import { createRequire, register } from "node:module";`,
  `const file = process.env.AGPM_TEST_MODULES;`,
  `register(${JSON.stringify(pathToFileURL(join(import.meta.dirname, "resolve-recorder.mjs")).href)}, { data: { file } });`,
  `process.on("exit", () => appendFileSync(file, Object.keys(createRequire(import.meta.url).cache).map((f) => "file://" + f + "\\n").join("")));`,
].join("\n"));

let runs = 0;

/** Runs `agpm <args>` in a fresh directory (its own .agpm) and returns its exit code, stdout and the modules it loaded. */
function agpm(...args: string[]): { code: number | null; stdout: string; loaded: string[] } {
  const cwd = mkdtempSync(join(dir, "run-"));
  const file = join(dir, `modules-${++runs}.txt`);
  writeFileSync(file, "");
  const env: NodeJS.ProcessEnv = { ...process.env, AGPM_HOME: join(cwd, ".agpm"), AGPM_ACTOR: "tester", AGPM_TEST_MODULES: file, NO_COLOR: "1" };
  delete env.AGPM_DATABASE_URL;
  const child = spawnSync(process.execPath, ["--import", pathToFileURL(HOOK).href, ...agpmArgv(args)], { cwd, env, encoding: "utf8" });
  const loaded = readFileSync(file, "utf8").split("\n").filter((l) => l.startsWith("file:")).map((u) => new URL(u).pathname);
  return { code: child.status, stdout: child.stdout, loaded: [...new Set(loaded)].sort() };
}

const matching = (loaded: readonly string[], pattern: RegExp) => loaded.filter((m) => pattern.test(m));
/** agpm's own layers (cli, core, store…) among the loaded modules. */
const layersOf = (loaded: readonly string[]) =>
  [...new Set(loaded.filter((m) => m.startsWith(`${DIST}/`)).map((m) => m.slice(DIST.length + 1).split("/")[0]))].sort();

const SDK: ReadonlyArray<[string, RegExp]> = [
  ["the AWS SDK", /node_modules\/@aws-sdk\//],
  ["Smithy", /node_modules\/@smithy\//],
];
const HEAVY: ReadonlyArray<[string, RegExp]> = [
  ...SDK,
  ["LangChain / LangGraph", /node_modules\/@langchain\//],
  ["LangSmith", /node_modules\/langsmith\//],
  ["kysely", /node_modules\/kysely\//],
  ["better-sqlite3", /node_modules\/better-sqlite3\//],
  ["pg", /node_modules\/pg(-[a-z]+)?\//],
  ["zod", /node_modules\/zod\//],
];

describe.each([["--version"], ["--help"], ["check", "--help"]])("agpm %s", (...args) => {
  const run = agpm(...args);

  it("succeeds", () => {
    expect(run.code).toBe(0);
    const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
    expect(run.stdout).toContain(args[0] === "--version" ? version : "Usage: agpm");
  });

  it.each(HEAVY)("does not load %s", (_name, pattern) => {
    expect(matching(run.loaded, pattern)).toEqual([]);
  });

  it("loads only the CLI and core of agpm, and commander (the sanity check that the hook sees packages)", () => {
    expect(layersOf(run.loaded)).toEqual(["cli", "core"]);
    expect(matching(run.loaded, /node_modules\/commander\//)).not.toEqual([]);
  });
});

describe("agpm policies (an empty store)", () => {
  const run = agpm("policies");

  it("lists none", () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("No policies yet");
  });

  it.each(SDK)("does not load %s", (_name, pattern) => {
    expect(matching(run.loaded, pattern)).toEqual([]);
  });

  it("loads no domain, parser, agent or graph: only the store and what it reads", () => {
    expect(layersOf(run.loaded)).toEqual(["cli", "contracts", "core", "engine", "store"]);
    expect(matching(run.loaded, /node_modules\/better-sqlite3\//)).not.toEqual([]);
  });
});

describe("agpm explain (translates, reads no account)", () => {
  const run = agpm("explain", "Ensure all S3 buckets are encrypted");

  it("explains the policy", () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("S3 bucket");
  });

  it("loads the registry's AWS domain but none of its SDK packages", () => {
    expect(matching(run.loaded, new RegExp(`^${DIST}/tools/aws/kinds/s3-bucket/`))).not.toEqual([]);
    for (const [, pattern] of SDK) expect(matching(run.loaded, pattern)).toEqual([]);
  });
});

describe("agpm check of S3 buckets on the demo sandbox", () => {
  const run = agpm("check", "Ensure all S3 buckets are encrypted", "--json");

  it("evaluates the demo's buckets (3 unencrypted: exit 1)", () => {
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { status: string }).status).toBe("completed");
  });

  it("loads the SDK clients of the services it calls (STS, EC2 regions, S3, S3 Control) and no other", () => {
    const clients = matching(run.loaded, /node_modules\/@aws-sdk\/client-/).map((m) => /@aws-sdk\/(client-[a-z0-9-]+)\//.exec(m)?.[1]);
    expect([...new Set(clients)].sort()).toEqual(["client-ec2", "client-s3", "client-s3-control", "client-sts"]);
  });
});
