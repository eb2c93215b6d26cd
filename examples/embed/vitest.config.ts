import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "example-embed",
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/globalSetup.ts"],
    testTimeout: 120_000
  }
})
