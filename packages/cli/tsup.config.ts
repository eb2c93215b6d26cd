import { defineConfig } from "tsup"

// One executable file: everything bundled in but the native SQLite driver, as the example server is built.
export default defineConfig({
  entry: { main: "src/main.ts" },
  format: ["esm"],
  clean: true,
  sourcemap: true,
  target: "node20",
  platform: "node",
  noExternal: [/^(?!better-sqlite3)/],
  external: ["better-sqlite3"],
  // A shebang to run as a command, and a require() for the bundled CommonJS dependencies.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"
  }
})
