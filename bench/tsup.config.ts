import { defineConfig } from "tsup"

// Bundled like the example server: workspace sources and Effect in one file per entry, native driver and the
// load generator resolved at run time.
export default defineConfig({
  entry: {
    main: "src/main.ts",
    profile: "src/profile.ts",
    "server-profile": "src/serverProfile.ts",
    "bare-server": "src/servers/bare.ts",
    "floor-server": "src/servers/floor.ts"
  },
  format: ["esm"],
  clean: true,
  target: "node20",
  platform: "node",
  noExternal: [/^(?!better-sqlite3|autocannon)/],
  external: ["better-sqlite3", "autocannon"],
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "const require = __createRequire(import.meta.url);"
    ].join(" ")
  }
})
