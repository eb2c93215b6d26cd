import { assert, describe, it } from "@effect/vitest"
import { mkdirSync, statSync } from "node:fs"
import { join } from "node:path"
import { type Browser, chromium } from "playwright-core"
import { CHROMIUM_ARGS, chromiumPath } from "./browser.js"
import { type ServerProcess, startServer, tempDir } from "./serverProcess.js"

const artifacts = join(import.meta.dirname, "..", "..", "..", "test-artifacts")

describe("the docs page in a real browser", () => {
  it("renders the API's operations from /docs, with no network beyond the server", async () => {
    const temp = tempDir()
    let server: ServerProcess | undefined
    let browser: Browser | undefined
    try {
      const executablePath = await chromiumPath()
      server = await startServer({ CRM_DB_FILE: join(temp.dir, "crm.db") })
      browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] })
      const url = server.url
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
      const foreign: Array<string> = []
      page.on("request", (request) => {
        const requested = request.url()
        if (!requested.startsWith(url) && !requested.startsWith("data:") && !requested.startsWith("blob:")) {
          foreign.push(requested)
        }
      })
      await page.goto(`${url}/docs`, { waitUntil: "load" })
      // Scalar lists every group in its sidebar, the first one open; operations read as CrmApi's summaries.
      const sidebar = page.locator("aside, nav").first()
      await page.getByText("List team members").first().waitFor({ timeout: 30_000 })
      for (const group of ["API keys", "clients", "projects", "tasks", "interactions", "tracking", "events"]) {
        await sidebar.getByText(group, { exact: true }).first().waitFor({ timeout: 10_000 })
      }
      // Opening a group shows its operations.
      await sidebar.getByText("tasks", { exact: true }).first().click()
      for (const summary of ["Create a task", "Move a task through its lifecycle", "List tasks"]) {
        await page.getByText(summary).first().waitFor({ timeout: 10_000 })
      }
      const text = await page.locator("body").innerText()
      assert.include(text, "Agency CRM")
      assert.include(text, "/team-members/{id}")
      mkdirSync(artifacts, { recursive: true })
      const shot = join(artifacts, "docs.png")
      await page.screenshot({ path: shot, fullPage: false })
      assert.isAbove(statSync(shot).size, 10_000)
      assert.deepStrictEqual(foreign, [])
    } finally {
      // Every path stops what it started: a failed launch must not leave the server running.
      await browser?.close()
      await server?.stop()
      temp.remove()
    }
  })
})
