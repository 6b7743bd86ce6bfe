// Every test file runs in exactly one vitest project, and the guards stop a misfiled one.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agpmArgv, ROOT } from "../helpers/dist.js";
import { LISTED, PROJECT_ENV, projectsOf } from "./projects.js";

/** Every *.test.ts under test/, as paths from the repository root (what vitest's include matches). */
function testFiles(): string[] {
  return readdirSync(join(ROOT, "test"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".test.ts"))
    .map((file) => `test/${file.split("\\").join("/")}`)
    .sort();
}

describe("the vitest projects", () => {
  it("put every test file in exactly one project", () => {
    const files = testFiles();
    expect(files.length).toBeGreaterThan(100);
    const misfiled = files.map((file) => ({ file, projects: projectsOf(file) })).filter((f) => f.projects.length !== 1);
    expect(misfiled).toEqual([]);
  });

  it("list only test files that exist, each once", () => {
    const files = new Set(testFiles());
    const listed = Object.values(LISTED).flat();
    // A renamed or deleted file left in a list would let its new name run as a unit test.
    expect(listed.filter((file) => !files.has(file) || !existsSync(join(ROOT, file)))).toEqual([]);
    expect(listed.filter((file, i) => listed.indexOf(file) !== i)).toEqual([]);
  });

  it("run this file as a unit test, where starting agpm is refused with the list to move to", () => {
    expect(process.env[PROJECT_ENV]).toBe("unit");
    expect(projectsOf("test/setup/projects.test.ts")).toEqual(["unit"]);
    expect(() => agpmArgv(["--version"])).toThrow(/belongs to the "processes" vitest project: list its file under processes in test\/setup\/projects.ts \(it runs in "unit"\)/);
  });

  it("give unit tests service addresses that fail at once, saying why", () => {
    expect(process.env.REDIS_URL).toMatch(/unit-tests-have-no-redis.*\.invalid/);
    expect(process.env.AGPM_TEST_DATABASE_URL).toMatch(/unit-tests-have-no-postgresql.*\.invalid/);
  });
});
