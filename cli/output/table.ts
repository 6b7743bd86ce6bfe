// Plain text tables: aligned columns, long cells cut with an ellipsis, no wider than the terminal.
import pc from "picocolors";

export interface Column<T> {
  header: string;
  value(row: T): string;
  /** Colour for a cell, applied after padding so alignment holds. */
  color?(row: T, text: string): string;
  max?: number;
}

/** How output is drawn: colours, and the terminal's width (absent when stdout is not a terminal). */
export interface TableStyle {
  color: boolean;
  columns?: number;
}

/** A bare boolean is the colour flag with no width limit. */
export function tableStyle(style: boolean | TableStyle): TableStyle {
  return typeof style === "boolean" ? { color: style } : style;
}

const GAP = 2;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, Math.max(max - 1, 0))}…` : text);

/** Narrows the widest columns one character at a time until the row fits `total` (never below 1). */
function fitWidths(widths: number[], total: number | undefined): number[] {
  if (total === undefined || total < 1) return widths;
  const fitted = [...widths];
  const room = total - GAP * (fitted.length - 1);
  let sum = fitted.reduce((a, b) => a + b, 0);
  while (sum > room) {
    const widest = fitted.indexOf(Math.max(...fitted));
    if ((fitted[widest] ?? 0) <= 1) break;
    fitted[widest] = (fitted[widest] ?? 1) - 1;
    sum -= 1;
  }
  return fitted;
}

/**
 * The rows as a table. With a terminal width, the widest columns give way first (their cells
 * cut with "…") so no line is wider than the terminal.
 * @example renderTable(runs, [{ header: "RUN", value: (r) => r.runId }], { color: false, columns: 60 })
 */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[], style: boolean | TableStyle): string {
  const { color, columns: total } = tableStyle(style);
  const raw = rows.map((row) => columns.map((c) => cut(c.value(row).replace(/\s+/g, " "), c.max ?? 60)));
  const widths = fitWidths(columns.map((c, i) => Math.max(c.header.length, ...raw.map((r) => (r[i] ?? "").length))), total);
  // Too many columns for even one character each: lines are cut at the edge as a last resort.
  const clamp = (line: string) => (total !== undefined && total >= 1 ? cut(line, total) : line);
  const header = clamp(columns.map((c, i) => cut(c.header, widths[i] ?? 0).padEnd(widths[i] ?? 0)).join(" ".repeat(GAP)).trimEnd());
  const lines = raw.map((r, ri) => {
    const plain = columns.map((_, i) => cut(r[i] ?? "", widths[i] ?? 0).padEnd(widths[i] ?? 0));
    const line = plain.join(" ".repeat(GAP)).trimEnd();
    const row = rows[ri];
    if (!color || row === undefined || line !== clamp(line)) return clamp(line);
    return columns.map((c, i) => (c.color ? c.color(row, plain[i] ?? "") : (plain[i] ?? ""))).join(" ".repeat(GAP)).trimEnd();
  });
  return [color ? pc.bold(header) : header, ...lines].join("\n") + "\n";
}

export function statusColor(status: string, text: string): string {
  if (["fail", "failed", "rejected"].includes(status)) return pc.red(text);
  if (["error", "manual", "awaiting-approval", "needs-input", "pending-approval", "stale"].includes(status)) return pc.yellow(text);
  if (["pass", "verified", "applied", "completed", "active"].includes(status)) return pc.green(text);
  if (status === "planned" || status === "proposed") return pc.cyan(text);
  return text;
}
