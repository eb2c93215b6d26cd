import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "example-server",
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/globalSetup.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000
  }
})
