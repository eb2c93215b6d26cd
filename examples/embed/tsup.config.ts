import { defineConfig } from "tsup"

// One self-contained file: the workspace packages export TypeScript sources, so they are bundled with
// everything else; only the native SQLite driver stays a dependency resolved at run time.
export default defineConfig({
  entry: { main: "src/main.ts" },
  format: ["esm"],
  clean: true,
  sourcemap: true,
  target: "node20",
  platform: "node",
  noExternal: [/^(?!better-sqlite3)/],
  external: ["better-sqlite3"],
  // Bundled CommonJS dependencies may call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"
  }
})
