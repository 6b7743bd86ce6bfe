// The CLI over an organisation: `agpm sandbox init-org`, `--sandbox DIR` (a folder is an
// organisation), `--accounts FILE` (JSON or a YAML list) and the flags' refusals.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";

interface CheckJson {
  findings: Array<{ status: string; location: { root: string } }>;
  collectionErrors: string[];
}

let ws: CliWorkspace;
beforeEach(() => {
  ws = createWorkspace();
});
afterEach(() => ws.cleanup());

const INTENT = "Ensure all S3 buckets are encrypted";

describe("agpm over a sandbox organisation", () => {
  it("writes an organisation, and check reads every account of the folder", async () => {
    const init = await ws.run("sandbox", "init-org", "org", "--accounts", "3");
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("organisation of 3 accounts");
    const again = await ws.run("sandbox", "init-org", "org", "--accounts", "2");
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/--force/);
    const check = await ws.run("check", INTENT, "--sandbox", "org", "--json");
    expect(check.code).toBe(1);
    const report = check.json<CheckJson>();
    const roots = new Set(report.findings.filter((f) => f.status === "fail").map((f) => f.location.root));
    expect([...roots].sort()).toEqual(["111100000000", "111100000001", "111100000002"]);
  });

  it("reads only the accounts a YAML list names, and reports the one it cannot assume a role in", async () => {
    await ws.run("sandbox", "init-org", "org", "--accounts", "2");
    writeFileSync(join(ws.dir, "accounts.yaml"), [
      "# the audit set",
      "- id: \"111100000001\"",
      "  roleArn: arn:aws:iam::111100000001:role/Audit",
      "- 999999999999",
      "",
    ].join("\n"));
    const check = await ws.run("check", INTENT, "--sandbox", "org", "--accounts", "accounts.yaml", "--json");
    const report = check.json<CheckJson>();
    expect(new Set(report.findings.map((f) => f.location.root))).toEqual(new Set(["111100000001"]));
    expect(report.collectionErrors).toEqual([expect.stringMatching(/^999999999999: .*AccessDenied/)]);
  });

  it("refuses an accounts file entry with the line it is on, and a JSON entry by its number", async () => {
    await ws.run("sandbox", "init-org", "org", "--accounts", "1");
    writeFileSync(join(ws.dir, "bad.yaml"), "- id: 111100000000\n- id: 12345\n");
    const yaml = await ws.run("check", INTENT, "--sandbox", "org", "--accounts", "bad.yaml");
    expect(yaml.code).toBe(2);
    expect(yaml.stderr).toMatch(/bad\.yaml:2: id: a 12-digit AWS account id/);
    writeFileSync(join(ws.dir, "bad.json"), JSON.stringify([{ id: "111100000000" }, { id: "111100000000" }]));
    const json = await ws.run("check", INTENT, "--sandbox", "org", "--accounts", "bad.json");
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/bad\.json: entry 2: account 111100000000 is listed twice/);
    writeFileSync(join(ws.dir, "odd.yaml"), "- id: 111100000000\n  role: Audit\n");
    const odd = await ws.run("check", INTENT, "--sandbox", "org", "--accounts", "odd.yaml");
    expect(odd.stderr).toMatch(/odd\.yaml:2: unknown field "role"/);
  });

  it("refuses flags that do not fit the target", async () => {
    const org = await ws.run("check", INTENT, "--org");
    expect(org.code).toBe(2);
    expect(org.stderr).toMatch(/--org applies to --aws/);
    writeFileSync(join(ws.dir, "a.json"), JSON.stringify(["111100000000"]));
    const both = await ws.run("check", INTENT, "--aws", "--org", "--accounts", "a.json");
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/use one/);
    const file = await ws.run("check", INTENT, "--accounts", "a.json");
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/--accounts and --role-name apply to --aws or to a sandbox organisation folder/);
  });
});
