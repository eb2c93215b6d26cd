import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "webhooks",
    include: ["test/**/*.test.ts"],
    // The PostgreSQL the "on PostgreSQL" test uses, checked (and started when installed) as for the adapter's tests.
    globalSetup: ["../postgres/test/globalSetup.ts"],
    testTimeout: 60_000
  }
})
