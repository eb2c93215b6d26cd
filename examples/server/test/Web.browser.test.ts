import { assert, describe, it } from "@effect/vitest"
import { mkdirSync, readFileSync, statSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { type Browser, chromium, type Page } from "playwright-core"
import { CHROMIUM_ARGS, chromiumPath } from "./browser.js"
import { requestOk } from "./http.js"
import { type ServerProcess, startServer, tempDir } from "./serverProcess.js"

const artifacts = join(import.meta.dirname, "..", "..", "..", "test-artifacts")
const ADMIN = "acrm_e2e-web-app-admin-key-0123456789abcdefgh"
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8")

const api = (base: string, method: string, path: string, body?: unknown) => requestOk(base, ADMIN, method, path, body)

/** axe-core on the page as it is: the serious and critical violations, by rule. */
const accessibilityProblems = async (page: Page) => {
  await page.addScriptTag({ content: axeSource })
  const violations = (await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))"
  )) as Array<{ id: string; impact: string; nodes: number }>
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical")
}

const shoot = async (page: Page, name: string) => {
  for (const [width, height, size] of [
    [1366, 900, "laptop"],
    [390, 844, "phone"]
  ] as const) {
    await page.setViewportSize({ width, height })
    const file = join(artifacts, `web-${name}-${size}.png`)
    await page.screenshot({ path: file, fullPage: true })
    assert.isAbove(statSync(file).size, 5_000, file)
  }
  await page.setViewportSize({ width: 1366, height: 900 })
}

describe("the web app in a real browser", () => {
  it("signs in, shows today live, moves a task with refusals explained, logs an interaction, works the pipeline, searches, signs out", async () => {
    const temp = tempDir()
    let server: ServerProcess | undefined
    let browser: Browser | undefined
    try {
      const executablePath = await chromiumPath()
      server = await startServer({ CRM_DB_FILE: join(temp.dir, "crm.db"), CRM_BOOTSTRAP_ADMIN_KEY: ADMIN })
      const base = server.url
      const me = await api(base, "GET", "/me")
      const client = await api(base, "POST", "/clients", { name: "Café Aurora" })
      const project = await api(base, "POST", "/projects", {
        clientId: client["id"],
        name: "Launch campaign",
        campaignType: "seo",
        managerId: me["id"]
      })
      await api(base, "POST", `/projects/${project["id"]}/transition`, { to: "active" })
      const audit = await api(base, "POST", "/tasks", {
        projectId: project["id"],
        title: "Technical audit",
        assigneeId: me["id"]
      })
      await api(base, "POST", "/interactions", { clientId: client["id"], kind: "call", summary: "Kick-off call" })
      await api(base, "POST", "/contacts", { clientId: client["id"], name: "Ana Gómez", isPrimary: true })
      await api(base, "POST", "/opportunities", {
        name: "Brand video",
        clientId: client["id"],
        ownerId: me["id"],
        amount: { amountMinor: 250_000, currency: "EUR" }
      })

      mkdirSync(artifacts, { recursive: true })
      browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] })
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
      const foreign: Array<string> = []
      page.on("request", (request) => {
        if (!request.url().startsWith(base)) foreign.push(request.url())
      })

      // Sign-in: a wrong key is refused in the server's words.
      await page.goto(`${base}/`)
      await page.getByLabel("API key").fill("acrm_not-a-key-of-this-server-0000000000000")
      await page.getByRole("button", { name: "Sign in" }).click()
      const refusal = await page.getByRole("alert").innerText()
      assert.match(refusal, /key/i)
      assert.deepStrictEqual(await accessibilityProblems(page), [], "sign-in")
      await shoot(page, "sign-in")
      await page.getByLabel("API key").fill(ADMIN)
      await page.getByRole("button", { name: "Sign in" }).click()

      // Today: my task, the latest interaction; a task assigned in another session appears without a reload.
      await page.getByRole("heading", { name: "Today" }).waitFor()
      await page.getByText("Technical audit").first().waitFor()
      await page.getByText("Kick-off call").waitFor()
      await page.getByText("Live", { exact: true }).waitFor()
      await api(base, "POST", "/tasks", { projectId: project["id"], title: "Keyword research", assigneeId: me["id"] })
      await page.getByText("Keyword research").first().waitFor({ timeout: 10_000 })
      assert.deepStrictEqual(await accessibilityProblems(page), [], "today")
      await shoot(page, "today")

      // Projects, then the project's board: an impossible move is explained; a possible one moves the card.
      await page.getByRole("link", { name: "Projects" }).click()
      await page.getByRole("link", { name: "Launch campaign" }).click()
      await page.getByRole("heading", { name: "Launch campaign" }).waitFor()
      const card = page.getByRole("listitem").filter({ hasText: "Technical audit" }).last()
      await card.getByRole("combobox").selectOption("done")
      const explained = await page.getByRole("alert").innerText()
      assert.include(explained, "Technical audit")
      assert.match(explained, /todo|done/)
      await page
        .getByRole("listitem")
        .filter({ hasText: "Technical audit" })
        .last()
        .getByRole("combobox")
        .selectOption("in_progress")
      await page
        .locator("section", { has: page.getByRole("heading", { name: "in progress" }) })
        .getByText("Technical audit", { exact: true })
        .waitFor()
      const moved = await api(base, "GET", `/tasks/${audit["id"]}`)
      assert.strictEqual(moved["status"], "in_progress")
      // A task added from the board lands in its first column.
      await page.getByLabel("New task").fill("Write the landing copy")
      await page.getByLabel("Assignee").selectOption({ label: "Administrator" })
      await page.getByRole("button", { name: "Add the task" }).click()
      await page
        .locator("section", { has: page.getByRole("heading", { name: "todo" }) })
        .getByText("Write the landing copy", { exact: true })
        .waitFor()
      // The same by dragging a card to a column.
      const inProgress = page.locator("section", { has: page.getByRole("heading", { name: "in progress" }) })
      await page
        .getByRole("listitem")
        .filter({ hasText: "Keyword research" })
        .last()
        .dragTo(inProgress, { sourcePosition: { x: 8, y: 8 } })
      await inProgress.getByText("Keyword research", { exact: true }).waitFor()
      assert.deepStrictEqual(await accessibilityProblems(page), [], "project")
      await shoot(page, "project")

      // A review; completing is refused while tasks are open, allowed once they are done or cancelled; then the
      // project closes with the client's feedback.
      await page.getByLabel("Review summary").fill("On track; the audit found twelve issues")
      await page.getByLabel("Adjustments decided (one a line)").fill("Fix the sitemap first\nMove the launch a week")
      await page.getByRole("button", { name: "Record the review" }).click()
      await page.getByText("On track; the audit found twelve issues").waitFor()
      await page.getByLabel("Final report (reference)").fill("reports/launch.pdf")
      await page.getByRole("button", { name: "Complete the project" }).click()
      assert.match(await page.getByRole("alert").innerText(), /open task\(s\); finish or cancel them/)
      const open = await api(base, "GET", `/tasks?projectId=${project["id"]}`)
      for (const task of open["items"] as Array<{ id: string }>) {
        await api(base, "POST", `/tasks/${task.id}/transition`, { to: "cancelled" })
      }
      await page.getByRole("button", { name: "Complete the project" }).click()
      await page.getByLabel("Client's feedback").fill("Great launch, more local pages next year")
      await page.getByLabel("Satisfaction (1–5)").selectOption("4")
      await page.getByRole("button", { name: "Close with this feedback" }).click()
      await page.getByText("closed", { exact: true }).first().waitFor()
      const closed = await api(base, "GET", `/projects/${project["id"]}`)
      assert.strictEqual(closed["status"], "closed")
      assert.isNotNull(closed["feedbackInteractionId"])
      await page.getByRole("link", { name: "Projects" }).click()
      await page.getByRole("heading", { name: "Projects" }).waitFor()
      assert.deepStrictEqual(await accessibilityProblems(page), [], "projects")
      await shoot(page, "projects")

      // An organization: its contacts and timeline; an interaction logged with a next step becomes my task.
      await page.getByRole("link", { name: "Organizations" }).click()
      await page.getByRole("heading", { name: "Organizations" }).waitFor()
      assert.deepStrictEqual(await accessibilityProblems(page), [], "organizations")
      await shoot(page, "organizations")
      await page.getByRole("link", { name: "Café Aurora" }).click()
      await page.getByRole("heading", { name: "Café Aurora" }).waitFor()
      await page.getByText("Ana Gómez").first().waitFor()
      await page.getByLabel("Kind").selectOption("meeting")
      await page.getByLabel("With").selectOption({ label: "Ana Gómez" })
      await page.getByLabel("Summary").fill("First meeting about the terrace")
      await page.getByLabel("Next step (becomes my task)").fill("Send the SEO proposal")
      await page.getByRole("button", { name: "Log it" }).click()
      await page.getByText("First meeting about the terrace").waitFor()
      await page.getByLabel("Opportunity", { exact: true }).fill("Local SEO")
      await page.getByLabel("Estimated amount (EUR)").fill("2500")
      await page.getByRole("button", { name: "Open the opportunity" }).click()
      // The form empties once the server has opened it.
      await page.waitForFunction("document.getElementById('opportunity-name').value === ''")
      const followUps = await api(base, "GET", `/tasks?assigneeId=${me["id"]}`)
      assert.isTrue(followUps["items"].some((t: { title: string }) => t.title === "Send the SEO proposal"))
      assert.deepStrictEqual(await accessibilityProblems(page), [], "organization")
      await shoot(page, "organization")

      // The pipeline: move a card, close one with its note, win one with its sales order.
      await page.getByRole("link", { name: "Pipeline" }).click()
      await page.getByRole("heading", { name: "Pipeline" }).waitFor()
      for (const name of ["Local SEO", "Brand video"]) await page.getByText(name, { exact: true }).waitFor()
      const seo = () => page.getByRole("listitem").filter({ hasText: "Local SEO" }).last()
      await seo().getByRole("combobox").selectOption("presentation")
      await page
        .locator("section", { has: page.getByRole("heading", { name: "presentation" }) })
        .getByText("Local SEO", { exact: true })
        .waitFor()
      assert.deepStrictEqual(await accessibilityProblems(page), [], "pipeline")
      await shoot(page, "pipeline")
      await page
        .getByRole("listitem")
        .filter({ hasText: "Brand video" })
        .last()
        .getByRole("combobox")
        .selectOption("rejected")
      await page.getByLabel("Note").fill("Went with another agency")
      await page.getByRole("button", { name: "Close it" }).click()
      await page.getByText("Brand video", { exact: true }).waitFor({ state: "detached" })
      // Won straight from presentation is refused, and the refusal says where it may go instead.
      await seo().getByRole("combobox").selectOption("won")
      await page.getByRole("button", { name: "Record the sale" }).click()
      assert.match(await page.getByRole("alert").innerText(), /Local SEO: .*presentation/)
      await page.getByRole("button", { name: "Cancel" }).click()
      for (const stage of ["proposal", "negotiation"]) {
        await seo().getByRole("combobox").selectOption(stage)
        await page
          .locator("section", { has: page.getByRole("heading", { name: stage }) })
          .getByText("Local SEO", { exact: true })
          .waitFor()
      }
      await seo().getByRole("combobox").selectOption("won")
      await page.getByLabel("Sales order number (optional)").fill("SO-WEB-1")
      await page.getByRole("button", { name: "Record the sale" }).click()
      await page.getByText("Local SEO", { exact: true }).waitFor({ state: "detached" })
      const stages = Object.fromEntries(
        (
          (await api(base, "GET", "/opportunities"))["items"] as Array<{
            name: string
            stage: string
            salesOrderNumber: string | null
          }>
        ).map((o) => [o.name, [o.stage, o.salesOrderNumber]])
      )
      assert.deepStrictEqual(stages, { "Local SEO": ["sales_order", "SO-WEB-1"], "Brand video": ["rejected", null] })

      // Reports: the figures of the period, charts loaded on demand, each with its CSV.
      await page.getByRole("link", { name: "Reports" }).click()
      await page.getByRole("heading", { name: "Reports" }).waitFor()
      await page.getByText("Win rate").waitFor()
      assert.strictEqual(await page.locator("dt", { hasText: "Won" }).locator("xpath=../dd").innerText(), "1")
      await page.getByRole("img", { name: /Stage funnel: interest: 2/ }).waitFor()
      // Charts are drawn once Chart.js, loaded on demand, has arrived.
      await page.waitForFunction("[...document.querySelectorAll('canvas')].every((c) => c.width > 0)")
      const [csv] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download CSV of Stage funnel" }).click()
      ])
      assert.match(csv.suggestedFilename(), /^stage-funnel\.csv$/)
      assert.match(readFileSync((await csv.path())!, "utf8"), /^stage,value\ninterest,2\n/)
      assert.deepStrictEqual(await accessibilityProblems(page), [], "reports")
      await shoot(page, "reports")

      // Search from the header, by keyboard ("/" jumps to it).
      await page.keyboard.press("/")
      assert.strictEqual(await page.evaluate("document.activeElement.id"), "search")
      await page.getByLabel("Search").fill("keyword")
      await page.getByLabel("Search").press("Enter")
      await page.getByRole("heading", { name: "Search: keyword" }).waitFor()
      await page.getByRole("link", { name: "Keyword research" }).waitFor()
      assert.deepStrictEqual(await accessibilityProblems(page), [], "search")
      await shoot(page, "search")

      // Sign-out forgets the key.
      await page.getByRole("button", { name: "Sign out" }).click()
      await page.getByLabel("API key").waitFor()
      assert.isNull(await page.evaluate("sessionStorage.getItem('agency-crm.api-key')"))

      // A viewer is offered no write: no moves on the boards, no interaction form.
      const viewer = await api(base, "POST", "/team-members", { name: "Tom", email: "tom@agency.test", role: "viewer" })
      const viewerKey = await api(base, "POST", "/api-keys", { memberId: viewer["id"], name: "web" })
      await page.getByLabel("API key").fill(viewerKey["secret"])
      await page.getByRole("button", { name: "Sign in" }).click()
      await page.getByText("Tom (viewer)").waitFor()
      await page.goto(`${base}/#/projects/${project["id"]}`)
      await page.getByRole("heading", { name: "Launch campaign" }).waitFor()
      assert.strictEqual(await page.getByRole("combobox").count(), 0)
      await page.goto(`${base}/#/organizations/${client["id"]}`)
      await page.getByRole("heading", { name: "Timeline" }).waitFor()
      assert.strictEqual(await page.getByRole("heading", { name: "Log an interaction" }).count(), 0)
      assert.deepStrictEqual(foreign, [])
    } finally {
      await browser?.close()
      await server?.stop()
      temp.remove()
    }
  })
})
