import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "example-server",
    include: ["test/**/*.test.ts"],
    // The agency-crm command the data tests run, and the PostgreSQL the two-server tests use, checked (and started when installed) as for the adapter's own tests.
    globalSetup: [
      "test/globalSetup.ts",
      "../../packages/cli/test/globalSetup.ts",
      "../../packages/postgres/test/globalSetup.ts"
    ],
    setupFiles: ["test/setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000
  }
})
