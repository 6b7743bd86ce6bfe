// Terminal tables fit the terminal: the widest columns give way (cut with "…"), no width without one.
import { describe, expect, it } from "vitest";
import { renderTable } from "../../cli/output/table.js";
import type { Column } from "../../cli/output/table.js";

interface Run { policy: string; status: string; runId: string }

const RUNS: Run[] = [
  { policy: "s3-private-and-encrypted-everywhere", status: "completed", runId: "run_01JABCDEF0123456789XYZABCD" },
  { policy: "ec2-imdsv2", status: "awaiting-approval", runId: "run_01JABCDEF0123456789XYZQRST" },
];
const COLUMNS: Column<Run>[] = [
  { header: "POLICY", value: (r) => r.policy },
  { header: "STATUS", value: (r) => r.status },
  { header: "RUN", value: (r) => r.runId },
];
const widest = (text: string) => Math.max(...text.trimEnd().split("\n").map((l) => l.length));

describe("when stdout is a terminal 60 columns wide", () => {
  const text = renderTable(RUNS, COLUMNS, { color: false, columns: 60 });

  it("draws no line wider than the terminal", () => {
    expect(widest(renderTable(RUNS, COLUMNS, false))).toBeGreaterThan(60);
    expect(widest(text)).toBeLessThanOrEqual(60);
  });

  it("cuts the long cells with an ellipsis and keeps short ones whole", () => {
    const [, first] = text.split("\n");
    expect(first).toContain("…");
    expect(first).toContain("completed");
    expect(first?.startsWith("s3-private")).toBe(true);
  });

  it("keeps the columns aligned", () => {
    const lines = text.trimEnd().split("\n");
    const statusAt = lines[0]?.indexOf("STATUS");
    expect(lines[1]?.indexOf("completed")).toBe(statusAt);
    expect(lines[2]?.indexOf("awaiting-approval")).toBe(statusAt);
  });

  it("stays within even a very narrow terminal", () => {
    expect(widest(renderTable(RUNS, COLUMNS, { color: false, columns: 12 }))).toBeLessThanOrEqual(12);
    expect(widest(renderTable(RUNS, COLUMNS, { color: false, columns: 3 }))).toBeLessThanOrEqual(3);
  });
});

describe("when stdout is not a terminal", () => {
  it("prints every cell whole (up to the column's own limit)", () => {
    const text = renderTable(RUNS, COLUMNS, { color: false });
    expect(text).toContain("run_01JABCDEF0123456789XYZABCD");
    expect(text).toContain("s3-private-and-encrypted-everywhere");
    expect(text).not.toContain("…");
  });
});
