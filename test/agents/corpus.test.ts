// The intent corpus, line by line: every intent outside the held-out slice translates to
// exactly its expected rules, operation, scope, params and exemption, and every refusal is
// refused. The held-out slice is only measured (npm run bench:translate), never asserted here.
import { describe, expect, it } from "vitest";
import { CONTROLS } from "../../engine/registry.js";
import { differences, loadCorpus, translateLine, type CorpusLine } from "./corpus-harness.js";

const corpus = loadCorpus();
const tuning = corpus.filter((line) => !line.heldOut);
const families = [...new Set(tuning.map((line) => line.family))];
const names = (line: CorpusLine) => line.expect.controls.map((rule) => CONTROLS.find((c) => rule === c.id || rule.startsWith(`${c.id}.`))?.id);

describe("when the corpus is loaded", () => {
  it("holds at least 330 intents, about a fifth of them in held-out files", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(330);
    const share = corpus.filter((line) => line.heldOut).length / corpus.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.25);
  });

  it("phrases every catalogue control at least three ways outside the held-out slice", () => {
    const thin = CONTROLS.filter((c) => tuning.filter((line) => names(line).includes(c.id)).length < 3).map((c) => c.id);
    expect(thin).toEqual([]);
  });

  it("names only rules the catalogue can make, sorted", () => {
    for (const line of corpus) {
      expect(names(line).every((id) => id !== undefined), line.intent).toBe(true);
      expect([...line.expect.controls].sort(), line.intent).toEqual(line.expect.controls);
    }
  });

  it("notices a translation that differs from the expectation", async () => {
    const line = tuning.find((l) => !l.expect.refuse && l.expect.controls.length === 1);
    if (!line) throw new Error("the corpus has no single-control line");
    const outcome = await translateLine(line.intent);
    expect(differences({ ...line.expect, controls: ["s3.bucket-versioning.x"] }, outcome)).toHaveLength(1);
    expect(differences({ ...line.expect, operation: line.expect.operation === "retire" ? "create" : "retire" }, outcome)).toHaveLength(1);
    expect(differences({ controls: [], operation: "create", refuse: true }, outcome)).toHaveLength(1);
  });
});

describe.each(families)("when the intents are about %s", (family) => {
  it.each(tuning.filter((line) => line.family === family))("$intent", async (line) => {
    expect(differences(line.expect, await translateLine(line.intent))).toEqual([]);
  });
});
