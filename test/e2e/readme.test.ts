// Executable docs: every intent in the README translates, its sandbox commands run as written,
// its JSON example parses, and its links to files stay inside the repository.
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";

const ROOT = join(import.meta.dirname, "..", "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const blocks = (lang: string) => [...README.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1] ?? "");
const commands = blocks("sh").flatMap((b) => b.split("\n")).map((l) => l.replace(/#.*$/, "").trim()).filter((l) => l.startsWith("agpm ") || l.includes("npx agpm "));
const intents = [...new Set(commands.map((c) => /agpm (?:run|check) "([^"]+)"/.exec(c)?.[1]).filter((i): i is string => i !== undefined))];

let ws: CliWorkspace;
beforeAll(async () => {
  ws = createWorkspace();
  expect((await ws.run("sandbox", "init")).code).toBe(0);
});
afterAll(() => ws.cleanup());

describe("when a reader tries the README's intents", () => {
  it("finds the four seed intents among them", () => {
    for (const seed of ["Ensure all AWS cloud storage buckets are private and encrypted.", "Update existing rule for EFS to enforce encryption at rest.", "Validate EC2 instances have autoscaling enabled.", "Require IMDSv2 on all EC2 instances in us-east-1."]) {
      expect(intents).toContain(seed);
    }
  });

  // In README order, as a reader would try them: later ones (update, exempt, retire) act on
  // the policies earlier ones created.
  it("runs every one of them, in order, as a dry run", async () => {
    for (const intent of intents) {
      // A dry run leaves failures (exit 1 by design); --soft-fail lets this test see the rest.
      const result = await ws.run("run", intent, "--yes", "--soft-fail", "--json");
      const report = result.json<{ policy: { rules: unknown[] } | null; error: { code: string; message: string } | null }>();
      expect(report.error, intent).toBeNull();
      expect(result.code, intent).toBe(0);
      expect(report.policy?.rules.length, intent).toBeGreaterThan(0);
    }
  });
});

describe("when a reader runs the README's sandbox commands", () => {
  it.each(commands.filter((c) => c.startsWith("agpm sandbox")))("%s exits 0", async (command) => {
    const argv = command.split(/\s+/).slice(1);
    expect((await ws.run(...argv)).code).toBe(0);
  });
});

describe("when a reader copies the JSON example", () => {
  it("parses", () => {
    const json = blocks("json");
    expect(json.length).toBeGreaterThan(0);
    for (const block of json) expect(() => JSON.parse(block)).not.toThrow();
  });
});

describe("when a reader follows the README's links to files", () => {
  // A published package or a fresh clone holds only the repository: a link outside it is dead.
  it("finds each one inside the repository", () => {
    const links = [...README.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1] ?? "").filter((l) => !/^[a-z]+:/i.test(l));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      const path = resolve(ROOT, link);
      expect(relative(ROOT, path).startsWith(".."), `${link} is outside the repository`).toBe(false);
      expect(existsSync(path), `${link} does not exist`).toBe(true);
    }
  });
});
