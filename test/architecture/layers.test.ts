// The layers' import rules, read from every source file's import specifiers: what each layer may
// import, and that only tools/index.ts (and tests) reach into a domain's folder.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const SKIP = new Set(["node_modules", "dist", "test", "bench", "coverage", ".git", ".agpm"]);

function sourceFiles(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name) || entry.name.startsWith(".")) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [relative(ROOT, path)] : [];
  });
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/gm;

/** The repository files a file imports (relative specifiers only; packages are not our layers). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  return [...text.matchAll(SPECIFIER)].map((m) => normalize(join(dirname(file), m[1] ?? "")).replace(/\.js$/, ".ts"));
}

const EDGES: ReadonlyArray<[string, string]> = sourceFiles().flatMap((file) => importsOf(file).map((to): [string, string] => [file, to]));
const layer = (path: string): string => path.split("/")[0] ?? path;
const isDomainFolder = (path: string): boolean => /^tools\/[^/]+\//.test(path);

/**
 * Edges that break a rule today, each with the reason it is left. The list may only shrink: a new
 * edge that breaks a rule fails the test, and so does an entry here that no longer exists.
 */
const KNOWN_EXCEPTIONS: ReadonlyArray<{ from: string; to: string; why: string }> = [
  // None today: add an edge here only with a TODO naming its issue.
];
const isKnown = ([from, to]: [string, string]) => KNOWN_EXCEPTIONS.some((e) => e.from === from && e.to === to);

/** The layers each layer may import, besides itself. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  core: [],
  contracts: ["core"],
  engine: ["core", "contracts"],
  language: ["core", "contracts", "engine"],
  // graphs/state.ts (the state every node reads and writes), graphs/deps.ts (GraphDeps) and the Store
  // type GraphDeps carries (store/index.ts, imported as types only) are what the agents share.
  agents: ["core", "contracts", "engine", "language", "graphs/state.ts", "graphs/deps.ts", "store/index.ts"],
  client: ["core", "contracts"],
};

function breaks([from, to]: [string, string]): boolean {
  if (isDomainFolder(to) && !from.startsWith("tools/")) return true;
  const allowed = ALLOWED[layer(from)];
  if (!allowed || layer(to) === layer(from)) return false;
  if (from === "engine/registry.ts" && to === "tools/index.ts") return false;
  return !allowed.some((a) => (a.endsWith(".ts") ? to === a : layer(to) === a));
}

describe("the layers' import rules", () => {
  it("reads a plausible number of imports (the parser sees the code)", () => {
    expect(EDGES.length).toBeGreaterThan(500);
    expect(EDGES).toContainEqual(["engine/registry.ts", "tools/index.ts"]);
  });

  it.each(Object.entries(ALLOWED))("%s imports only what its layer allows", (name) => {
    const bad = EDGES.filter(([from]) => layer(from) === name).filter(breaks).filter((e) => !isKnown(e));
    expect(bad.map(([from, to]) => `${from} → ${to}`)).toEqual([]);
  });

  it("nothing outside tools/ imports a domain's folder; tools/index.ts is the way in", () => {
    const bad = EDGES.filter(([from, to]) => isDomainFolder(to) && !from.startsWith("tools/")).filter((e) => !isKnown(e));
    expect(bad.map(([from, to]) => `${from} → ${to}`)).toEqual([]);
  });

  it("a domain's tools import no agent, graph, parser, store or intake surface", () => {
    const above = new Set(["agents", "graphs", "language", "store", "workers", "cli", "api", "slack", "dashboard", "client"]);
    const bad = EDGES.filter(([from, to]) => isDomainFolder(from) && above.has(layer(to)));
    expect(bad.map(([from, to]) => `${from} → ${to}`)).toEqual([]);
  });

  it("each known exception still exists, so the list can only shrink", () => {
    const stale = KNOWN_EXCEPTIONS.filter((e) => !EDGES.some(([from, to]) => from === e.from && to === e.to));
    expect(stale).toEqual([]);
  });
});
