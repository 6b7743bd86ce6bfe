// Headless Chromium (Debian's package) driven by playwright-core, with a fresh profile per test and
// the flags that keep it off the network; screenshots go to test-artifacts/dashboard/.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { requireProject } from "../setup/projects.js";

export const CHROMIUM = process.env.AGPM_CHROMIUM ?? "/usr/bin/chromium";
export const ARTIFACTS = resolve(import.meta.dirname, "../../test-artifacts/dashboard");

/** The laptop screen the layout must fit (issue 9): nothing may scroll sideways at this width. */
export const VIEWPORT = { width: 1366, height: 900 };

/** Without the background-networking flags Chromium keeps dialling Google's hosts, which this network refuses. */
const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export interface Browser {
  page: Page;
  /** Every URL the page requested, to prove nothing left the server (no CDN). */
  requested: string[];
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  requireProject("browser", "drives Chromium");
  const profile = mkdtempSync(join(tmpdir(), "agpm-chromium-"));
  mkdirSync(ARTIFACTS, { recursive: true });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: VIEWPORT });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`could not start ${CHROMIUM} (install it with: apt-get install -y chromium): ${String(error)}`);
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const requested: string[] = [];
  page.on("request", (request) => requested.push(request.url()));
  return {
    page,
    requested,
    async shot(name) {
      const file = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * What sticks out at the current width: the document scrolling sideways, or an element reaching past
 * the right edge of its table cell, its nearest scrolling box, or <main>. Closed <details> are opened first so
 * the JSON blocks they hold are measured too. Each entry names the outermost culprit and where it ends.
 * Plain JavaScript in a string: it runs in the page, and this project type-checks without the DOM lib.
 */
const MEASURE_OVERFLOW = `(() => {
  for (const d of document.querySelectorAll("details")) d.open = true;
  const out = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth) out.push("document: scrollWidth " + doc.scrollWidth + " > clientWidth " + doc.clientWidth);
  const main = document.querySelector("main");
  if (!main) return [...out, "no <main>"];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "")
    + " " + JSON.stringify((el.textContent || "").trim().slice(0, 40));
  const clip = (el) => {
    for (let p = el.parentElement; p && p !== main; p = p.parentElement) if (getComputedStyle(p).overflowX !== "visible") return p;
    return main;
  };
  const reported = [];
  for (const el of main.querySelectorAll("*")) {
    if (el.closest("svg") && el.tagName.toLowerCase() !== "svg") continue;
    // Only the outermost element that sticks out: its rows and cells say nothing more.
    if (reported.some((r) => r.contains(el))) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    const container = clip(el);
    let limit = container === main ? main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight) : container.getBoundingClientRect().right;
    // Inside a table cell, content must stay in its cell (not spill over the next column).
    const cell = el.parentElement && el.parentElement.closest("td, th");
    if (cell && main.contains(cell) && container.contains(cell)) limit = Math.min(limit, cell.getBoundingClientRect().right);
    if (box.right > limit + 1) {
      reported.push(el);
      out.push(name(el) + " ends at " + Math.round(box.right) + " past " + Math.round(limit));
    }
  }
  for (const table of main.querySelectorAll("table")) {
    const parent = table.parentElement;
    if (parent && table.scrollWidth > parent.clientWidth + 1) out.push(name(table) + ": scrollWidth " + table.scrollWidth + " > container " + parent.clientWidth);
  }
  return out;
})()`;

/** Every overflow on the page (empty when it fits); see MEASURE_OVERFLOW. */
export async function overflows(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(MEASURE_OVERFLOW);
}
