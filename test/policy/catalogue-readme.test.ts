// The README's control catalogue is generated from the registries: it cannot drift from them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONTROLS, findAction } from "../../engine/registry.js";
import {
  benchmarkTable, CATALOGUE_END, CATALOGUE_START, catalogueDocs, catalogueSection, catalogueTable, README_PATH, replaceCatalogue,
} from "../../scripts/catalogue-table.js";

describe("when the README shows the control catalogue", () => {
  it("holds exactly the generated table (run `npm run docs:catalogue` after changing a control)", () => {
    expect(catalogueSection(readFileSync(README_PATH, "utf8"))).toBe(catalogueDocs());
  });

  it("gives every benchmark id a control names its version and published title", () => {
    const rows = benchmarkTable().split("\n").slice(2);
    for (const id of new Set(CONTROLS.flatMap((c) => c.benchmarks))) {
      const row = rows.find((r) => r.startsWith(`| ${id} |`));
      expect(row, id).toBeDefined();
      if (id.startsWith("CIS-")) expect(row).toContain("CIS Amazon Web Services Foundations Benchmark 3.0.0");
    }
    expect(rows.find((r) => r.startsWith("| CIS-AWS-3.0-2.1.1 |"))).toContain("deny HTTP requests");
  });

  it("has one row per control, naming its id, kind and benchmarks", () => {
    const rows = catalogueTable().split("\n").slice(2);
    expect(rows).toHaveLength(CONTROLS.length);
    CONTROLS.forEach((control, i) => {
      expect(rows[i]).toContain(`\`${control.id}\``);
      for (const id of control.benchmarks) expect(rows[i]).toContain(id);
    });
  });

  it("says manual for manual actions and names automatic ones", () => {
    const rows = catalogueTable().split("\n").slice(2);
    CONTROLS.forEach((control, i) => {
      const action = findAction(control.build({}).remediation?.action ?? "");
      if (action) expect(rows[i]?.endsWith(action.manual ? `manual (\`${action.name}\`) |` : `\`${action.name}\` |`)).toBe(true);
    });
  });
});

describe("when the section is rewritten", () => {
  const readme = `# Title\n\nbefore\n\n${CATALOGUE_START}\nold table\n${CATALOGUE_END}\n\nafter\n`;

  it("replaces only what lies between the markers", () => {
    const out = replaceCatalogue(readme, "| new |");
    expect(out).toBe(`# Title\n\nbefore\n\n${CATALOGUE_START}\n| new |\n${CATALOGUE_END}\n\nafter\n`);
    expect(catalogueSection(out)).toBe("| new |");
  });

  it("is idempotent", () => {
    const once = replaceCatalogue(readme, catalogueTable());
    expect(replaceCatalogue(once, catalogueTable())).toBe(once);
  });

  it("refuses a README without the markers", () => {
    expect(() => replaceCatalogue("# no markers\n", "| t |")).toThrow(expect.objectContaining({ code: "INPUT_INVALID" }));
    expect(() => catalogueSection(`${CATALOGUE_END}\n${CATALOGUE_START}`)).toThrow(expect.objectContaining({ code: "INPUT_INVALID" }));
  });
});
