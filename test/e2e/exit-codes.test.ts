// The README's exit-code examples, row by row: each runs as written against a fresh demo sandbox
// and must exit with the code the README gives it — so the table cannot drift from the CLI.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";

const README = readFileSync(join(import.meta.dirname, "..", "..", "README.md"), "utf8");

interface Row { exit: number; situation: string; commands: string[][] }

/** A command cell's words as a shell would split them (double quotes only, as the README writes them). */
function argv(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? "").slice(1);
}

function examples(): Row[] {
  const section = README.slice(README.indexOf("### Exit codes"), README.indexOf("### JSON output"));
  const table = section.slice(section.indexOf("| exit | situation | commands |"));
  return table.split("\n").slice(2).filter((l) => l.startsWith("| ")).map((line) => {
    const [exit = "", situation = "", commands = ""] = line.split(" | ").map((c) => c.replace(/^\| |\s*\|$/g, ""));
    return { exit: Number(exit), situation, commands: [...commands.matchAll(/`(agpm [^`]+)`/g)].map((m) => argv(m[1] ?? "")) };
  });
}

const rows = examples();

let ws: CliWorkspace;
beforeEach(async () => {
  ws = createWorkspace({ REDIS_URL: "redis://127.0.0.1:1" });
  expect((await ws.run("sandbox", "init")).code).toBe(0);
});
afterEach(() => ws.cleanup());

describe("the README's exit-code table", () => {
  it("has an example for every code, and every code in the meaning table", () => {
    expect(new Set(rows.map((r) => r.exit))).toEqual(new Set([0, 1, 2, 3]));
    expect(rows.every((r) => r.commands.length > 0)).toBe(true);
    const meanings = README.slice(README.indexOf("| code | meaning |")).split("\n\n")[0] ?? "";
    expect([...meanings.matchAll(/^\| (\d) \|/gm)].map((m) => Number(m[1]))).toEqual([0, 1, 2, 3]);
  });

  it.each(rows.map((r) => [r.exit, r.situation, r] as const))("exits %i when %s", async (exit, _situation, row) => {
    let runId = "";
    let last = { code: -1, stdout: "", stderr: "" };
    for (const words of row.commands) {
      const args = words.map((w) => (w === "RUN_ID" ? runId : w));
      const result = await ws.run(...args, "--json");
      last = result;
      if (result.stdout.startsWith("{")) runId = String((JSON.parse(result.stdout) as { runId?: string }).runId ?? runId);
    }
    expect(last.code, `${row.commands.map((c) => c.join(" ")).join(" ; ")}\n${last.stderr}${last.stdout.slice(0, 400)}`).toBe(exit);
  });
});
