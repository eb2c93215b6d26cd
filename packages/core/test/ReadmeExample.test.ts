import { assert, describe, it } from "@effect/vitest"
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { build } from "esbuild"

const repo = join(import.meta.dirname, "..", "..", "..")

describe("README", () => {
  it("the usage example runs as written in a plain Node.js process", async () => {
    const readme = readFileSync(join(repo, "README.md"), "utf8")
    const example = /## Use it as a library[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1]
    assert.isDefined(example)
    const dir = mkdtempSync(join(tmpdir(), "agency-crm-readme-"))
    try {
      // Resolve the package to its sources, as a bundler would to the published build.
      const source = example!.replace('"@agency-crm/core"', JSON.stringify(join(repo, "packages/core/src/index.ts")))
      writeFileSync(join(dir, "example.ts"), source)
      await build({
        entryPoints: [join(dir, "example.ts")],
        outfile: join(dir, "example.mjs"),
        bundle: true,
        format: "esm",
        platform: "node",
        // The example lives in a temp dir: resolve "effect" as the core package itself does.
        nodePaths: [join(repo, "packages/core/node_modules")],
        logLevel: "error"
      })
      const output = execFileSync(process.execPath, [join(dir, "example.mjs")], { encoding: "utf8", timeout: 30_000 })
      assert.strictEqual(output.trim(), "Local SEO for Café Aurora (client): on_track")
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
