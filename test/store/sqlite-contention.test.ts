// Several processes writing one SQLite file: read-then-write transactions wait for each other
// (BEGIN IMMEDIATE, busy timeout) instead of failing with "database is locked".
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../store/index.js";
import { lineReader } from "../helpers/line-reader.js";
import { tempDbFile } from "./helpers.js";

const WRITERS = 3;
const OBSERVATIONS = 40;

interface Outcome {
  writer: string;
  recorded: number;
  errors: string[];
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe("when several processes record observations in one SQLite file at once", () => {
  it("records every one of them, none refused as locked", async () => {
    const temp = tempDbFile();
    cleanup = temp.cleanup;
    // Created (and migrated) once up front, so the children only contend for writes.
    await (await openStore({ file: temp.file })).close();

    const script = fileURLToPath(new URL("./fixtures/observe-child.ts", import.meta.url));
    const writers = Array.from({ length: WRITERS }, (_, i) => `w${i}`);
    const children = writers.map((writer) => spawn(process.execPath, ["--import", "tsx", script, temp.file, writer, String(OBSERVATIONS)]));
    const readers = children.map(lineReader);
    expect(await Promise.all(readers.map((next) => next()))).toEqual(writers.map(() => "ready"));
    for (const child of children) child.stdin.write("go\n");
    const outcomes = await Promise.all(readers.map(async (next) => JSON.parse(await next()) as Outcome));

    expect(outcomes.flatMap((o) => o.errors)).toEqual([]);
    expect(outcomes.map((o) => o.recorded)).toEqual(writers.map(() => OBSERVATIONS));
    const store = await openStore({ file: temp.file });
    try {
      for (const writer of writers) {
        // Every observation flipped the state: drift and recovery alternate, none lost.
        const changes = await store.history.listChanges({ policyId: `policy-${writer}` });
        expect(changes).toHaveLength(OBSERVATIONS - 1);
      }
    } finally {
      await store.close();
    }
  });
});
