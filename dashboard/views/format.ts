// Small pieces every page uses: timestamps, status badges, links to runs and policies, JSON blocks.
import { html, href, type Html } from "../html.js";

/** `2026-11-25 17:13:02 UTC` in a <time> element (the machine-readable value kept in datetime). */
export function when(iso: string | null | undefined): Html {
  if (!iso) return html`<span class="muted">—</span>`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return html`${iso}`;
  const text = `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
  return html`<time datetime="${date.toISOString()}">${text}</time>`;
}

const TONE: Record<string, string> = {
  pass: "good", verified: "good", applied: "good", completed: "good", approved: "good", remediated: "good", recovered: "good",
  fail: "bad", failed: "bad", error: "bad", rejected: "bad", drift: "bad",
  "awaiting-approval": "wait", "needs-input": "wait", "pending-approval": "wait", stale: "bad", planned: "wait", proposed: "wait", manual: "wait", queued: "wait", waiting: "wait", delayed: "wait",
  running: "busy", active: "busy",
};

/** A coloured label for a finding, action, run or job status; the word is always shown, colour only helps. */
export function badge(status: string): Html {
  return html`<span class="badge ${TONE[status] ?? "neutral"}" title="${status}">${status}</span>`;
}

/**
 * A long id cut in the middle (`run_01jd…x7k2`), where ids differ most at both ends; the whole id
 * stays in the title (hover) and in the link it is part of.
 */
export function middleCut(id: string, max = 20): string {
  if (id.length <= max) return id;
  const tail = Math.floor((max - 1) / 2);
  return `${id.slice(0, max - 1 - tail)}…${id.slice(-tail)}`;
}

export function shortId(id: string, max = 20): Html {
  return id.length <= max ? html`<span class="id">${id}</span>` : html`<span class="id" title="${id}">${middleCut(id, max)}</span>`;
}

export function runLink(id: string, text?: string): Html {
  return html`<a class="mono" href="${href("/runs", [id])}">${text ?? shortId(id)}</a>`;
}

export function policyLink(id: string, text: string = id, version?: number | null): Html {
  return html`<a href="${href("/policies", [id], { version: version ?? undefined })}">${text}</a>`;
}

/** A JSON value, pretty-printed and escaped. */
export function jsonBlock(value: unknown): Html {
  const text = value === undefined ? "undefined" : (JSON.stringify(value, null, 2) ?? "null");
  return html`<pre class="json">${text}</pre>`;
}

/** A form's hidden CSRF field. */
export function csrfField(csrf: string): Html {
  return html`<input type="hidden" name="_csrf" value="${csrf}">`;
}

export { plural } from "../../core/plural.js";

export interface StatusCounts {
  pass: number;
  fail: number;
  error: number;
  skip: number;
}

/**
 * The counts as a stacked bar (SVG geometry, so no inline style is needed) plus the numbers in words,
 * which are what assistive technology and tests read.
 */
export function countsBar(counts: StatusCounts): Html {
  const total = counts.pass + counts.fail + counts.error + counts.skip;
  const parts: Array<[keyof StatusCounts, number]> = [["fail", counts.fail], ["error", counts.error], ["skip", counts.skip], ["pass", counts.pass]];
  let x = 0;
  const rects = total === 0 ? [] : parts.filter(([, n]) => n > 0).map(([status, n]) => {
    const width = (n / total) * 100;
    const rect = html`<rect class="bar-${status}" x="${x.toFixed(3)}" y="0" width="${width.toFixed(3)}" height="10"><title>${status}: ${n}</title></rect>`;
    x += width;
    return rect;
  });
  return html`<svg class="counts-bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="${total === 0 ? "no findings" : `${counts.pass} pass, ${counts.fail} fail, ${counts.error} error, ${counts.skip} skip`}">${total === 0 ? html`<rect class="bar-none" x="0" y="0" width="100" height="10"></rect>` : rects}</svg>`;
}
