// Drift over time as an inline SVG: per hour or day, newly failing pairs (drift) as bars above
// the axis and fixed ones (recovered or remediated) below it. No script, no library.
import { html, type Html } from "../html.js";
import type { ChangeBucket, Granularity } from "../queries.js";

export const RANGES = {
  "24h": { granularity: "hour", buckets: 24 },
  "7d": { granularity: "day", buckets: 7 },
  "30d": { granularity: "day", buckets: 30 },
  "90d": { granularity: "day", buckets: 90 },
} as const satisfies Record<string, { granularity: Granularity; buckets: number }>;
export type RangeKey = keyof typeof RANGES;
export const RANGE_KEYS = Object.keys(RANGES) as RangeKey[];

export interface Point {
  /** The bucket key: `2026-11-25` or `2026-11-25T17` (UTC). */
  bucket: string;
  drift: number;
  fixed: number;
}

const FIXED = new Set(["recovered", "remediated"]);

/** The first instant of the oldest bucket in the range ending now. */
export function rangeStart(range: RangeKey, now: Date): Date {
  const { granularity, buckets } = RANGES[range];
  const start = new Date(now);
  if (granularity === "hour") {
    start.setUTCMinutes(0, 0, 0);
    start.setUTCHours(start.getUTCHours() - (buckets - 1));
  } else {
    start.setUTCHours(0, 0, 0, 0);
    start.setUTCDate(start.getUTCDate() - (buckets - 1));
  }
  return start;
}

/** One point per bucket of the range, empty ones included, oldest first. */
export function timeline(rows: readonly ChangeBucket[], range: RangeKey, now: Date): Point[] {
  const { granularity, buckets } = RANGES[range];
  const width = granularity === "hour" ? 13 : 10;
  const step = granularity === "hour" ? 3_600_000 : 86_400_000;
  const start = rangeStart(range, now).getTime();
  const points = new Map<string, Point>();
  for (let i = 0; i < buckets; i++) {
    const bucket = new Date(start + i * step).toISOString().slice(0, width);
    points.set(bucket, { bucket, drift: 0, fixed: 0 });
  }
  for (const row of rows) {
    const point = points.get(row.bucket);
    if (!point) continue;
    if (row.change === "drift") point.drift += row.count;
    else if (FIXED.has(row.change)) point.fixed += row.count;
  }
  return [...points.values()];
}

/**
 * The scale's ticks from 0 to at least `max`: whole-number steps of 1, 2 or 5 × 10ⁿ, at most five
 * ticks, so every label is distinct and the top one is a round number (0 → [0, 1]).
 * @example yTicks(7) // [0, 2, 4, 6, 8]
 */
export function yTicks(max: number): number[] {
  const target = Math.max(1, Math.ceil(max));
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const factor of [1, 2, 5]) {
      const step = factor * magnitude;
      const count = Math.ceil(target / step);
      if (count <= 4) return Array.from({ length: count + 1 }, (_, i) => i * step);
    }
  }
}

const label = (bucket: string) => (bucket.length > 10 ? `${bucket.slice(11, 13)}:00` : bucket.slice(5));

/**
 * The chart; `compact` drops the labels (a sparkline in a table row). Every bar has a <title>, and
 * the whole chart a summary label, so the numbers are there without the picture.
 * @example driftChart(timeline(rows, "7d", new Date()), { title: "Drift, last 7 days" })
 */
export function driftChart(points: readonly Point[], options: { title: string; compact?: boolean }): Html {
  const compact = options.compact ?? false;
  const W = compact ? 120 : 720;
  const H = compact ? 28 : 200;
  const top = compact ? 1 : 16;
  const bottom = compact ? 1 : 22;
  const left = compact ? 0 : 40;
  const mid = top + (H - top - bottom) / 2;
  const half = (H - top - bottom) / 2;
  const ticks = yTicks(Math.max(0, ...points.map((p) => Math.max(p.drift, p.fixed))));
  const max = ticks[ticks.length - 1] ?? 1;
  const slot = (W - left) / Math.max(1, points.length);
  const barWidth = Math.max(1, slot * 0.7);
  const totalDrift = points.reduce((n, p) => n + p.drift, 0);
  const totalFixed = points.reduce((n, p) => n + p.fixed, 0);
  const labelEvery = Math.max(1, Math.ceil(points.length / 12));
  const bars = points.map((p, i) => {
    const x = left + i * slot + (slot - barWidth) / 2;
    const up = (p.drift / max) * half;
    const down = (p.fixed / max) * half;
    return html`<g>
      <title>${p.bucket}: ${p.drift} drift, ${p.fixed} fixed</title>
      <rect class="slot" x="${x.toFixed(1)}" y="${top}" width="${barWidth.toFixed(1)}" height="${(H - top - bottom).toFixed(1)}" fill="transparent"></rect>
      ${p.drift > 0 && html`<rect class="drift" x="${x.toFixed(1)}" y="${(mid - up).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${up.toFixed(1)}"></rect>`}
      ${p.fixed > 0 && html`<rect class="fixed" x="${x.toFixed(1)}" y="${mid.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${down.toFixed(1)}"></rect>`}
      ${!compact && i % labelEvery === 0 && html`<text x="${(x + barWidth / 2).toFixed(1)}" y="${H - 6}" text-anchor="middle">${label(p.bucket)}</text>`}
    </g>`;
  });
  return html`<svg class="chart${compact ? " compact" : ""}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${options.title}: ${totalDrift} drift, ${totalFixed} fixed">
    ${!compact && ticks.map((t) => {
      // Drift counts up from the axis and fixes down from it: "+" above, "−" below, so no two labels read alike.
      const marks = t === 0 ? [[mid, "0"]] as const : [[mid - (t / max) * half, `+${t}`], [mid + (t / max) * half, `−${t}`]] as const;
      return marks.map(([y, text]) => html`<line class="tick" x1="${left}" y1="${y.toFixed(1)}" x2="${W}" y2="${y.toFixed(1)}"></line><text class="tick-label" x="${left - 4}" y="${(y + 3).toFixed(1)}" text-anchor="end">${text}</text>`);
    })}
    <line class="axis" x1="${left}" y1="${mid.toFixed(1)}" x2="${W}" y2="${mid.toFixed(1)}"></line>
    ${bars}
  </svg>`;
}

export function chartLegend(): Html {
  return html`<div class="legend"><span><span class="key drift"></span>drift (newly failing)</span><span><span class="key fixed"></span>fixed (recovered or remediated)</span></div>`;
}
