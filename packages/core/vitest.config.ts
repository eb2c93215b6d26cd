import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "core",
    include: ["test/**/*.test.ts"],
    // The codec property tests take about 2 s each on an idle core; this leaves room for a loaded 2-core machine.
    testTimeout: 60_000
  }
})
