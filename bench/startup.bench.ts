// Start-up cost of the agpm executable, as a user meets it: wall time, CPU (user + system) and peak
// memory of fresh processes, median of several runs, against the targets of issue 11.
// Run: npm run bench:startup [-- --runs 9] [-- --bin path/to/dist/cli/main.js]
// Without --bin, dist/ is brought up to date first (the incremental build the processes tests use).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { setup as buildDist } from "../test/setup/build.js";
import { AGPM_BIN } from "../test/helpers/dist.js";

interface Sample {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
}

interface Figure {
  name: string;
  /** Wall-time target in ms; none for figures kept for comparison only. */
  targetMs?: number;
  args: string[];
  /** Exit codes that mean the command did what it should (check exits 1: the demo has failing buckets). */
  ok: readonly number[];
  /** A fresh working directory (and .agpm) per run, or one shared by every run after a warm-up. */
  fresh: boolean;
}

const INTENT = "Ensure all S3 buckets are encrypted";

const FIGURES: readonly Figure[] = [
  { name: "node -e 0 (the floor)", args: ["-e", "0"], ok: [0], fresh: false },
  { name: "agpm --version", targetMs: 150, args: ["$AGPM", "--version"], ok: [0], fresh: false },
  { name: "agpm --help", targetMs: 150, args: ["$AGPM", "--help"], ok: [0], fresh: false },
  { name: "agpm policies (empty store)", args: ["$AGPM", "policies"], ok: [0], fresh: false },
  { name: `agpm check "${INTENT}" (demo, new dir)`, targetMs: 1000, args: ["$AGPM", "check", INTENT], ok: [1], fresh: true },
  { name: "agpm check … --json (demo, existing dir)", targetMs: 1000, args: ["$AGPM", "check", INTENT, "--json"], ok: [1], fresh: false },
];

/**
 * Loaded into each child with --import: writes the child's own CPU time and peak RSS when it exits,
 * which Node offers no way to read from the parent (and /usr/bin/time is not everywhere).
 */
const USAGE_HOOK = `import { writeFileSync } from "node:fs";
process.on("exit", () => {
  const u = process.resourceUsage();
  writeFileSync(process.env.AGPM_BENCH_USAGE, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssMb: u.maxRSS / 1024 }));
});
`;

/** The environment of a user with nothing configured: no database URL, translator or LLM settings leak in. */
function cleanEnv(home: string, usageFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("AGPM_") && key !== "OPENAI_API_KEY" && key !== "NODE_OPTIONS") env[key] = value;
  }
  return { ...env, AGPM_HOME: join(home, ".agpm"), AGPM_BENCH_USAGE: usageFile, NO_COLOR: "1" };
}

function runOnce(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, hook: string): Promise<Sample & { code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", hook, ...args], { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => {
      const wallMs = performance.now() - started;
      const usage = JSON.parse(readFileSync(env.AGPM_BENCH_USAGE as string, "utf8")) as { cpuMs: number; maxRssMb: number };
      done({ wallMs, ...usage, code, stderr });
    });
  });
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

async function measure(figure: Figure, bin: string, runs: number, scratch: string, hook: string): Promise<Sample> {
  const args = figure.args.map((a) => (a === "$AGPM" ? bin : a));
  const shared = mkdtempSync(join(scratch, "shared-"));
  const samples: Sample[] = [];
  // One unmeasured run first: the OS file cache is warm for every figure alike, and a shared directory holds its store.
  for (let i = -1; i < runs; i++) {
    const cwd = figure.fresh ? mkdtempSync(join(scratch, "fresh-")) : shared;
    const result = await runOnce(args, cwd, cleanEnv(cwd, join(scratch, "usage.json")), hook);
    if (!figure.ok.includes(result.code ?? -1)) {
      throw new Error(`${figure.name}: exit ${result.code}, expected ${figure.ok.join(" or ")}\n${result.stderr}`);
    }
    if (i >= 0) samples.push(result);
  }
  return { wallMs: median(samples.map((s) => s.wallMs)), cpuMs: median(samples.map((s) => s.cpuMs)), maxRssMb: median(samples.map((s) => s.maxRssMb)) };
}

export async function runStartupBench(options: { bin?: string; runs?: number } = {}): Promise<void> {
  const runs = Math.max(7, options.runs ?? 9);
  const bin = options.bin === undefined ? AGPM_BIN : resolve(options.bin);
  if (options.bin === undefined) buildDist();
  const scratch = mkdtempSync(join(tmpdir(), "agpm-startup-bench-"));
  const hookFile = join(scratch, "usage-hook.mjs");
  writeFileSync(hookFile, USAGE_HOOK);
  const hook = pathToFileURL(hookFile).href;
  try {
    console.log(`agpm start-up: ${bin}, node ${process.version}, median of ${runs} runs each (after one warm-up)\n`);
    const header = ["figure", "target", "wall", "ratio", "cpu", "max RSS"];
    const rows: string[][] = [];
    for (const figure of FIGURES) {
      const s = await measure(figure, bin, runs, scratch, hook);
      rows.push([
        figure.name,
        figure.targetMs === undefined ? "—" : `< ${figure.targetMs} ms`,
        `${s.wallMs.toFixed(0)} ms`,
        figure.targetMs === undefined ? "—" : `${(s.wallMs / figure.targetMs).toFixed(2)}`,
        `${s.cpuMs.toFixed(0)} ms`,
        `${s.maxRssMb.toFixed(0)} MB`,
      ]);
    }
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
    const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join("  ");
    console.log(line(header));
    for (const row of rows) console.log(line(row));
    console.log("\nratio = wall / target (below 1 meets it); cpu = user + system of the agpm process.");
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { bin: { type: "string" }, runs: { type: "string" } } });
  await runStartupBench({ ...(values.bin ? { bin: values.bin } : {}), ...(values.runs ? { runs: Number(values.runs) } : {}) });
}
