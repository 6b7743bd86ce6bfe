// End to end in headless Chromium: sign in with a token, submit an intent that needs approval, see
// the plan, approve it, and see the findings turn green — on a real server, store, queue and worker.
import { afterEach, describe, expect, it } from "vitest";
import { openBrowser, type Browser } from "./browser.js";
import { createDashboardEnv, type DashboardEnv } from "./dashboard-env.js";

const INTENT = "Ensure all AWS cloud storage buckets are private and encrypted.";
/** The demo account's buckets that fail the policy: two public, three unencrypted (www-assets both). */
const FAILING_BUCKETS = ["data-lake-raw", "legacy-uploads", "marketing-site", "www-assets"];

let env: DashboardEnv | undefined;
let browser: Browser | undefined;
afterEach(async () => {
  await browser?.close();
  await env?.close();
  browser = undefined;
  env = undefined;
});

describe("when an approver uses the dashboard in a browser", () => {
  it("submits an intent, sees the plan, approves it, and sees the findings turn green", { timeout: 180_000 }, async () => {
    env = await createDashboardEnv();
    env.startWorker();
    const base = await env.server.listen({ port: 0, host: "127.0.0.1" });
    browser = await openBrowser();
    const { page } = browser;

    // Signed out, the overview sends the browser to the login form.
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await browser.shot("01-login");
    await page.fill("input[name=token]", env.tokens.approver);
    await page.click("#login-form button[type=submit]");
    await page.waitForURL(`${base}/`);
    expect(await page.textContent("#total-policies")).toBe("0");
    const cookies = await page.context().cookies(base);
    expect(cookies.find((c) => c.name === "agpm_session")).toMatchObject({ httpOnly: true, sameSite: "Strict" });

    await page.click("nav >> text=New intent");
    await page.fill("textarea[name=intent]", INTENT);
    await page.check("input[name=apply]");
    await page.fill("input[name=maxChanges]", "0");
    await browser.shot("02-intent-form");
    await page.click("#intent-form button[type=submit]");
    await page.waitForURL(/\/runs\/run_[0-9a-z]+/);
    const runPath = new URL(page.url()).pathname;

    // The run page reloads itself until the worker has paused the run for approval.
    await page.waitForSelector("#decision", { timeout: 60_000 });
    expect(await page.textContent("h1 .badge")).toBe("awaiting-approval");
    expect(await page.textContent("#explanation")).toContain("S3 buckets are not publicly accessible");
    const planned = await page.$$eval("#planned tbody tr td:first-child", (cells) => cells.map((c) => c.firstChild?.textContent ?? ""));
    expect([...new Set(planned)].sort()).toEqual(FAILING_BUCKETS);
    expect(await page.textContent("#plan")).toContain("Blast radius: 4 resources, 5 changes");
    expect(await page.$$eval("#findings tbody td.now .badge", (b) => b.map((x) => x.textContent))).toEqual(["fail", "fail", "fail", "fail", "fail"]);
    await browser.shot("03-run-awaiting-approval");

    await page.fill("#decision input[name=comment]", "change window");
    await page.click("#decision button.approve");
    await page.waitForURL((url) => url.pathname === runPath && url.searchParams.get("done") === "approved");
    // The paused run already lists its planned actions: wait for the worker's outcome, which the
    // page shows when it reloads itself (a reload may be under way as we read it).
    await expect.poll(() => page.textContent("h1 .badge").catch(() => null), { timeout: 60_000, interval: 250 }).toBe("completed");
    await page.waitForSelector("#actions", { timeout: 60_000 });
    const actions = await page.$$eval("#actions tbody tr", (rows) => rows.map((r) => r.getAttribute("data-status")));
    expect(actions).toHaveLength(5);
    expect(actions.every((s) => s === "verified")).toBe(true);
    // Every finding that failed is now passing: its row turns green.
    expect(await page.$$eval("#findings tbody td.now .badge", (b) => b.map((x) => x.textContent))).toEqual(["pass", "pass", "pass", "pass", "pass"]);
    expect(await page.$$eval("#findings tbody tr", (rows) => rows.every((r) => r.classList.contains("now-good")))).toBe(true);
    expect(await page.textContent("#approval")).toContain("change window");
    await browser.shot("04-run-completed");

    await page.click("nav >> text=Overview");
    const row = page.locator("tr[data-policy]");
    expect(await row.count()).toBe(1);
    expect(await row.locator("td.n-fail").textContent()).toBe("0");
    expect(Number(await row.locator("td.n-pass").textContent())).toBe(20);
    expect(await page.textContent("#total-failing")).toBe("0");
    // The remediations show in the chart as fixed pairs.
    expect(await page.getAttribute("svg.chart:not(.compact)", "aria-label")).toMatch(/0 drift, 5 fixed$/);
    await browser.shot("05-overview");

    await page.goto(`${base}/findings?status=fail`);
    expect(await page.textContent("main")).toContain("No finding matches.");
    await page.goto(`${base}/findings`);
    expect(await page.$$eval("table.findings tbody tr", (rows) => rows.map((r) => r.getAttribute("data-status")))).toEqual(Array(20).fill("pass"));
    await browser.shot("06-findings");

    await page.goto(`${base}/audit?action=approval`);
    expect(await page.textContent("table.audit")).toContain("token:approver");
    await browser.shot("07-audit");

    await page.goto(`${base}/admin/queues`);
    await page.waitForSelector("text=intents", { timeout: 30_000 });
    await browser.shot("08-queues");

    // Works offline: every request the pages made went to this server.
    expect(browser.requested.filter((url) => !url.startsWith(base) && !url.startsWith("data:"))).toEqual([]);
  });
});
