import { spawn } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { SandboxAccount, writeSandboxFile } from "../../tools/aws/sandbox/index.js";
import type { SandboxFile } from "../../tools/aws/sandbox/index.js";
import { minimal, tempDir } from "./helpers.js";
import { lineReader } from "../helpers/line-reader.js";

const TSX = createRequire(import.meta.url).resolve("tsx/esm");
const CHILD = fileURLToPath(new URL("./fixtures/write-child.ts", import.meta.url));


/** A file with `count` bare buckets (no encryption, no public access block) per writer. */
function bucketsFor(writers: number, count: number): SandboxFile {
  const buckets = Array.from({ length: writers * count }, (_, i) => ({
    Name: `w${Math.floor(i / count)}-${i % count}`,
    CreationDate: "2024-01-01T00:00:00Z",
  }));
  return minimal({ s3: { buckets } });
}

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("when several processes write the same file at once", () => {
  it("keeps every process's changes and leaves no lock or temp file behind", async () => {
    const writers = 4;
    const count = 40;
    const dir = tempDir();
    dirs.push(dir);
    const file = join(dir, "account.json");
    writeSandboxFile(file, bucketsFor(writers, count));

    const children = Array.from({ length: writers }, (_, w) => spawn(process.execPath, ["--import", TSX, CHILD, file, String(w), String(count)]));
    const readers = children.map(lineReader);
    expect(await Promise.all(readers.map((next) => next()))).toEqual(children.map(() => "ready"));
    for (const child of children) child.stdin.write("go\n");
    const results = await Promise.all(readers.map(async (next) => JSON.parse(await next()) as { writer: string; failures: string[] }));

    expect(results.flatMap((r) => r.failures)).toEqual([]);
    const buckets = SandboxAccount.load(file).state.s3.buckets;
    const lost = buckets.filter((b) => {
      const n = Number(b.Name.split("-")[1]);
      return n % 2 === 0 ? !b.Encryption : !b.PublicAccessBlock;
    });
    expect(lost.map((b) => b.Name)).toEqual([]);
    expect(readdirSync(dir)).toEqual(["account.json"]);
    expect(existsSync(`${file}.lock`)).toBe(false);
  }, 60_000);
});
