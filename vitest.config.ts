import { defineConfig } from "vitest/config";
import { LISTED, PROJECT_ENV, TEST_FILES } from "./test/setup/projects.js";

// Checks PostgreSQL and Redis once, and stops the run with one clear message when one is down.
const SERVICES = "test/setup/services.ts";

export default defineConfig({
  test: {
    // Generous: several tests start real processes, and CI shares 2 cores with everything else.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // Node 20 is supported on purpose; keep the SDK's notice about future releases out of test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    // One file, one project (test/setup/projects.ts); `npm test` runs them all, `npm run test:<name>` one.
    // `isolate: false`: files in a worker share one module graph, so the engine, the SDK clients and
    // LangGraph are imported once per worker, not once per file (import was ~60% of the suite's time).
    // Tests therefore leave no global state behind: each builds its own store, sandbox and deps.
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [TEST_FILES],
          exclude: [...LISTED.services, ...LISTED.processes, ...LISTED.browser],
          pool: "forks",
          isolate: false,
          // No services here: a unit test that reaches for one fails at once, naming the project it needs.
          env: {
            [PROJECT_ENV]: "unit",
            REDIS_URL: "redis://unit-tests-have-no-redis--list-the-file-under-services.invalid:6379",
            AGPM_TEST_DATABASE_URL: "postgres://postgres@unit-tests-have-no-postgresql--list-the-file-under-services.invalid:5432/test",
          },
        },
      },
      {
        extends: true,
        test: { name: "services", include: [...LISTED.services], pool: "forks", isolate: false, globalSetup: [SERVICES], env: { [PROJECT_ENV]: "services" } },
      },
      {
        extends: true,
        // dist/ is built first: these tests run agpm as its bin, `node dist/cli/main.js`.
        test: { name: "processes", include: [...LISTED.processes], pool: "forks", isolate: false, globalSetup: [SERVICES, "test/setup/build.ts"], env: { [PROJECT_ENV]: "processes" } },
      },
      {
        extends: true,
        test: { name: "browser", include: [...LISTED.browser], pool: "forks", globalSetup: [SERVICES], env: { [PROJECT_ENV]: "browser" } },
      },
    ],
  },
});
