import { assert, describe, it } from "@effect/vitest"
import { build } from "esbuild"
import { execFileSync } from "node:child_process"
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { startServer, tempDir } from "./serverProcess.js"

const repo = join(import.meta.dirname, "..", "..", "..")
const readme = readFileSync(join(repo, "README.md"), "utf8")
const tour = readme.slice(readme.indexOf("## A 5-minute tour"))
const KEY = "acrm_readme-tour-admin-key-0123456789abcdef"

describe("the README's 5-minute tour", () => {
  it("runs as written against the example server: curl steps, then the typed client", async () => {
    const temp = tempDir()
    const server = await startServer({ CRM_DB_FILE: join(temp.dir, "tour.db"), CRM_BOOTSTRAP_ADMIN_KEY: KEY })
    try {
      const shell = /```sh\n([\s\S]*?)```/.exec(tour)?.[1]
      assert.isDefined(shell)
      // The reader pastes their own key; the server runs on an ephemeral port here.
      const script = shell!.replace(/^export CRM_KEY=.*$/m, "").replaceAll("http://localhost:3000", server.url)
      const output = execFileSync("bash", ["-euo", "pipefail", "-c", script], {
        encoding: "utf8",
        env: { ...process.env, CRM_KEY: KEY }
      })
      const lines = output.trim().split("\n")
      assert.strictEqual(lines[0], "admin")
      assert.include(lines, "active")
      assert.include(lines, "in_progress")
      assert.include(output, "SEO audit")
      assert.include(output, "Café Aurora")
      assert.include(lines, "at_risk")
      assert.include(lines, "presentation")
      assert.include(lines, "interest:0 presentation:1 proposal:0 negotiation:0")
      assert.strictEqual(lines[lines.length - 1], "Forbidden")

      const typed = /```ts\n([\s\S]*?)```/.exec(tour)?.[1]
      assert.isDefined(typed)
      const file = join(temp.dir, "tour.ts")
      writeFileSync(file, typed!.replace("http://localhost:3000", server.url))
      await build({
        entryPoints: [file],
        outfile: join(temp.dir, "tour.mjs"),
        bundle: true,
        format: "esm",
        platform: "node",
        nodePaths: [join(import.meta.dirname, "..", "node_modules")],
        logLevel: "error"
      })
      const printed = execFileSync(process.execPath, [join(temp.dir, "tour.mjs")], {
        encoding: "utf8",
        env: { ...process.env, CRM_KEY: KEY }
      })
      assert.match(printed.trim(), /^2026-01-15 SEO audit$/)
    } finally {
      await server.stop()
      temp.remove()
    }
  })
})
