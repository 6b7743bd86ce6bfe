// Plain text tables: aligned columns, long cells cut with an ellipsis.
import pc from "picocolors";

export interface Column<T> {
  header: string;
  value(row: T): string;
  /** Colour for a cell, applied after padding so alignment holds. */
  color?(row: T, text: string): string;
  max?: number;
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[], color: boolean): string {
  const cells = rows.map((row) => columns.map((c) => cut(c.value(row).replace(/\s+/g, " "), c.max ?? 60)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => (r[i] ?? "").length)));
  const header = columns.map((c, i) => c.header.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  const lines = cells.map((r, ri) =>
    columns
      .map((c, i) => {
        const padded = (r[i] ?? "").padEnd(widths[i] ?? 0);
        const row = rows[ri];
        return color && c.color && row !== undefined ? c.color(row, padded) : padded;
      })
      .join("  ")
      .trimEnd(),
  );
  return [color ? pc.bold(header) : header, ...lines].join("\n") + "\n";
}

export function statusColor(status: string, text: string): string {
  if (["fail", "failed", "rejected"].includes(status)) return pc.red(text);
  if (["error", "manual", "awaiting-approval", "needs-input", "pending-approval", "stale"].includes(status)) return pc.yellow(text);
  if (["pass", "verified", "applied", "completed", "active"].includes(status)) return pc.green(text);
  if (status === "planned") return pc.cyan(text);
  return text;
}
