// Importing agpm's queue client from another service loads the queue contracts and BullMQ, never the
// AWS SDK, the sandbox, LangChain/LangGraph or the store's database drivers: counted in a fresh process.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const TSX = createRequire(import.meta.url).resolve("tsx/esm");
const dir = mkdtempSync(join(tmpdir(), "agpm-client-modules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every module a fresh Node process loads for `import(entry)`: ESM URLs from a resolve hook, CommonJS files from require.cache. */
function modulesLoadedBy(entry: string): string[] {
  const file = join(dir, "resolved.txt");
  const script = [
    `import { register, createRequire } from "node:module";`,
    `register(${JSON.stringify(pathToFileURL(join(import.meta.dirname, "resolve-recorder.mjs")).href)}, { data: { file: ${JSON.stringify(file)} } });`,
    `await import(${JSON.stringify(pathToFileURL(entry).href)});`,
    `console.log(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));`,
  ].join("\n");
  const child = spawnSync(process.execPath, ["--import", TSX, "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
  expect(child.status, child.stderr).toBe(0);
  const cjs = JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "[]") as string[];
  const esm = readFileSync(file, "utf8").split("\n").filter((l) => l.startsWith("file:")).map((u) => new URL(u).pathname);
  return [...new Set([...esm, ...cjs])].sort();
}

const FORBIDDEN: ReadonlyArray<[string, RegExp]> = [
  ["the AWS SDK", /node_modules\/@aws-sdk\//],
  ["Smithy", /node_modules\/@smithy\//],
  ["LangChain / LangGraph", /node_modules\/@langchain\//],
  ["the sandbox", /\/tools\/(aws\/)?sandbox\//],
  ["a domain's tools", /\/tools\/aws\//],
  ["kysely", /node_modules\/kysely\//],
  ["better-sqlite3", /node_modules\/better-sqlite3\//],
  ["pg", /node_modules\/pg(-[a-z]+)?\//],
  ["agents", new RegExp(`^${ROOT}/agents/`)],
  ["graphs", new RegExp(`^${ROOT}/graphs/`)],
];

describe("importing the queue client (client/index.ts)", () => {
  const loaded = modulesLoadedBy(join(ROOT, "client", "index.ts"));
  const ours = loaded.filter((m) => m.startsWith(ROOT) && !m.includes("/node_modules/"));

  it.each(FORBIDDEN)("does not load %s", (_name, pattern) => {
    expect(loaded.filter((m) => pattern.test(m))).toEqual([]);
  });

  it("loads only agpm's client, contracts and core", () => {
    const layers = new Set(ours.map((m) => m.slice(ROOT.length + 1).split("/")[0]));
    expect([...layers].sort()).toEqual(["client", "contracts", "core"]);
  });

  it("loads BullMQ (the sanity check that the hook sees package imports)", () => {
    expect(loaded.some((m) => m.includes("/node_modules/bullmq/"))).toBe(true);
    console.info(`client/index.ts loads ${loaded.length} modules (${ours.length} of agpm's)`);
  });
});
