// Bad input gets a clear, specific error and an exit code scripts can rely on.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";

let ws: CliWorkspace;
beforeEach(() => {
  ws = createWorkspace();
});
afterEach(() => ws.cleanup());

describe("when the intent cannot be translated", () => {
  it("exits 2 and lists the closest supported controls", async () => {
    const result = await ws.run("check", "Make sure the coffee machine is always hot");
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toMatch(/INTENT_UNTRANSLATABLE/);
    expect(result.stdout + result.stderr).toMatch(/Closest supported controls:\n\s+- /);
  });

  it("names the kind it recognised when no requirement matches", async () => {
    const result = await ws.run("check", "Ensure all S3 buckets are delightful", "--json");
    expect(result.code).toBe(2);
    const { error } = result.json<{ error: { code: string; message: string; details: { suggestions: Array<{ control: string }> } } }>();
    expect(error.code).toBe("INTENT_UNTRANSLATABLE");
    expect(error.message).toContain("S3 buckets");
    // Suggestions about buckets come first for an intent about buckets.
    expect(error.details.suggestions[0]?.control).toMatch(/^s3\./);
  });

  it("refuses an intent that asks to weaken security", async () => {
    const result = await ws.run("run", "Open port 22 to the world on every security group", "--apply");
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toMatch(/weaken security/);
  });

  it("refuses an empty intent before doing anything", async () => {
    const result = await ws.run("check", "  ");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/INPUT_INVALID.*intent is empty/);
  });
});

describe("when the sandbox file is malformed", () => {
  const write = (text: string) => {
    mkdirSync(dirname(ws.sandboxFile), { recursive: true });
    writeFileSync(ws.sandboxFile, text);
  };

  it("names the JSON path of the first problem", async () => {
    write(JSON.stringify({ account: "123456789012", region: "us-east-1", s3: { buckets: [{ Name: "ok-bucket" }, { CreationDate: "2024-01-01T00:00:00Z" }] } }));
    const result = await ws.run("check", "Ensure all S3 buckets are encrypted", "--sandbox", ws.sandboxFile);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("SANDBOX_FILE_INVALID");
    expect(result.stderr).toContain("$.s3.buckets[1].Name");
  });

  it("refuses a file that is not JSON at all", async () => {
    write("{ not json");
    const result = await ws.run("check", "Ensure all S3 buckets are encrypted", "--sandbox", ws.sandboxFile);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("SANDBOX_FILE_INVALID");
  });

  it("explains how to create a missing explicit sandbox file", async () => {
    const result = await ws.run("check", "Ensure all S3 buckets are encrypted", "--sandbox", "nowhere.json");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("agpm sandbox init nowhere.json");
  });
});

describe("when flags are wrong", () => {
  it("refuses --region without --aws", async () => {
    const result = await ws.run("check", "Ensure all S3 buckets are encrypted", "--region", "eu-west-1");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--region applies to --aws");
  });

  it("refuses an unknown translator", async () => {
    const result = await ws.run("run", "Ensure all S3 buckets are encrypted", "--translator", "magic");
    expect(result.code).toBe(2);
  });

  it("says how to configure the LLM when it is asked for but not set up", async () => {
    const result = await ws.run("check", "Ensure all S3 buckets are encrypted", "--translator", "llm");
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toContain("AGPM_LLM_BASE_URL");
  });

  it("refuses to approve a run that does not exist", async () => {
    const result = await ws.run("approve", "run_nope");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("RUN_NOT_FOUND");
  });
});
