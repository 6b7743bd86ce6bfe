// Headless Chromium (Debian's package) driven by playwright-core, with a fresh profile per test and
// the flags that keep it off the network; screenshots go to test-artifacts/dashboard/.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = process.env.AGPM_CHROMIUM ?? "/usr/bin/chromium";
export const ARTIFACTS = resolve(import.meta.dirname, "../../test-artifacts/dashboard");

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
  const profile = mkdtempSync(join(tmpdir(), "agpm-chromium-"));
  mkdirSync(ARTIFACTS, { recursive: true });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
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
