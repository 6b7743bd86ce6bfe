import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Generous: several tests start real processes, and CI shares 2 cores with everything else.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Checks PostgreSQL and Redis once, and stops the run with one clear message when one is down.
    globalSetup: ["test/setup/services.ts"],
    // Node 20 is supported on purpose; keep the SDK's notice about future releases out of test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
