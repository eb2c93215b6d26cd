import { assert, describe, it } from "@effect/vitest"
import { mkdirSync, statSync } from "node:fs"
import { join } from "node:path"
import { chromium } from "playwright-core"
import { startServer, tempDir } from "./serverProcess.js"

/** Debian's Chromium (`.ci/run` installs it when missing); `CHROMIUM_PATH` points elsewhere. */
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"
const artifacts = join(import.meta.dirname, "..", "..", "..", "test-artifacts")

describe("the docs page in a real browser", () => {
  it("renders the API's operations from /docs, with no network beyond the server", async () => {
    const temp = tempDir()
    const server = await startServer({ CRM_DB_FILE: join(temp.dir, "crm.db") })
    const browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync"
      ]
    })
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
      const foreign: Array<string> = []
      page.on("request", (request) => {
        const url = request.url()
        if (!url.startsWith(server.url) && !url.startsWith("data:") && !url.startsWith("blob:")) foreign.push(url)
      })
      await page.goto(`${server.url}/docs`, { waitUntil: "load" })
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
      await browser.close()
      await server.stop()
      temp.remove()
    }
  })
})
