// Which vitest project each test file runs in: a file is listed under the one project whose
// parts it needs; every other test file is a unit test. vitest.config.ts reads these lists.

/** What each project may use; a file needing more than unit is listed under exactly one other. */
export type ProjectName = "unit" | "services" | "processes" | "browser";

/** Every test file, as vitest finds them. */
export const TEST_FILES = "test/**/*.test.ts";

/**
 * Files listed by path, not folder, so a new test is a unit test until it says otherwise — and if
 * it does use a service, a process or the browser, the unit project's guards make it fail saying so.
 */
export const LISTED: Record<Exclude<ProjectName, "unit">, readonly string[]> = {
  /** Real Redis or PostgreSQL (checked once by test/setup/services.ts), in this process only. */
  services: [
    "test/api/auth.test.ts",
    "test/api/input.test.ts",
    "test/api/openapi.test.ts",
    "test/api/rate-limit.test.ts",
    "test/api/records.test.ts",
    "test/api/report-rows.test.ts",
    "test/api/runs.test.ts",
    "test/api/tokens.test.ts",
    "test/dashboard/forms.test.ts",
    "test/dashboard/pages.test.ts",
    "test/dashboard/queries.test.ts",
    "test/dashboard/run-page-rows.test.ts",
    "test/e2e/exit-codes.test.ts",
    "test/graphs/stale.test.ts",
    "test/slack/approvals.test.ts",
    "test/slack/authors.test.ts",
    "test/slack/commands.test.ts",
    "test/slack/signature.test.ts",
    "test/store/audit.test.ts",
    "test/store/checkpointer.test.ts",
    "test/store/evidence-property.test.ts",
    "test/store/evidence-roundtrip.test.ts",
    "test/store/findings.test.ts",
    "test/store/history.test.ts",
    "test/store/location-migration.test.ts",
    "test/store/json-columns.test.ts",
    "test/store/migrations.test.ts",
    "test/store/retention.test.ts",
    "test/store/runs.test.ts",
    "test/store/unreadable.test.ts",
    "test/workers/cluster.test.ts",
    "test/workers/intents.test.ts",
    "test/workers/policy-schedules.test.ts",
    "test/workers/report-rows.test.ts",
    "test/workers/sweep-approval.test.ts",
    "test/workers/sweep-cli.test.ts",
    "test/workers/sweep-org.test.ts",
    "test/workers/sweeps.test.ts",
  ],
  /** Starts agpm code in other processes (the built CLI in dist/, or child scripts); may use the services too. */
  processes: [
    "test/api/serve.test.ts",
    "test/architecture/cli-modules.test.ts",
    "test/e2e/approval.test.ts",
    "test/e2e/readme-commands.test.ts",
    "test/observability/logger.test.ts",
    "test/sandbox/multi-process.test.ts",
    "test/store/policies.test.ts",
    "test/store/sqlite-contention.test.ts",
    "test/workers/cli.test.ts",
    "test/workers/crash.test.ts",
    "test/workers/drift-schedule.test.ts",
    "test/workers/example-client.test.ts",
  ],
  /** Drives headless Chromium; the pages it opens are served with the services. */
  browser: ["test/dashboard/browser.test.ts", "test/dashboard/layout.test.ts"],
};

/** The projects a test file (path from the repository root) belongs to: exactly one when the lists are right. */
export function projectsOf(file: string): ProjectName[] {
  const listed = (Object.keys(LISTED) as Array<keyof typeof LISTED>).filter((name) => LISTED[name].includes(file));
  return listed.length === 0 ? ["unit"] : listed;
}

/** Project names that code under test (helpers) checks, through the AGPM_TEST_PROJECT each project sets. */
export const PROJECT_ENV = "AGPM_TEST_PROJECT";

/**
 * Stops a helper that starts a process or a browser from running in a project that is not meant
 * for it, naming the list to add the file to (a misfiled test would otherwise run, slowly, in the
 * wrong pool, or not at all under `npm run test:unit`).
 */
export function requireProject(needed: ProjectName, what: string): void {
  const current = process.env[PROJECT_ENV];
  if (current !== undefined && current !== needed) {
    throw new Error(`this test ${what}, so it belongs to the "${needed}" vitest project: list its file under ${needed} in test/setup/projects.ts (it runs in "${current}")`);
  }
}
