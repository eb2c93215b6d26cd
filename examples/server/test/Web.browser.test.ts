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

/** A column of a board, by its heading. */
const column = (page: Page, name: string) =>
  page.locator("section", { has: page.getByRole("heading", { name, exact: true }) })

/** A card of a board, by its text. */
const card = (page: Page, text: string) => page.locator(".board .cards > li").filter({ hasText: text })

/** Moves a card through its menu (the keyboard's way) and waits for it in the column. */
const moveCard = async (page: Page, text: string, value: string, heading: string) => {
  await card(page, text).getByRole("combobox").selectOption(value)
  await column(page, heading).getByText(text, { exact: true }).waitFor()
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
  it(
    "walks the agency's scenario: first meeting, opportunity to won, its project to closed with feedback, live changes, reports, search",
    { timeout: 300_000 },
    async () => {
      const temp = tempDir()
      let server: ServerProcess | undefined
      let browser: Browser | undefined
      try {
        const executablePath = await chromiumPath()
        server = await startServer({ CRM_DB_FILE: join(temp.dir, "crm.db"), CRM_BOOTSTRAP_ADMIN_KEY: ADMIN })
        const base = server.url
        const me = await api(base, "GET", "/me")

        mkdirSync(artifacts, { recursive: true })
        browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] })
        const page = await browser.newPage({ viewport: { width: 1366, height: 900 } })
        const foreign: Array<string> = []
        page.on("request", (request) => {
          if (!request.url().startsWith(base)) foreign.push(request.url())
        })
        const checkAndShoot = async (name: string) => {
          assert.deepStrictEqual(await accessibilityProblems(page), [], name)
          await shoot(page, name)
        }

        // Sign-in: a wrong key is refused in the server's words.
        await page.goto(`${base}/`)
        await page.getByLabel("API key").fill("acrm_not-a-key-of-this-server-0000000000000")
        await page.getByRole("button", { name: "Sign in" }).click()
        assert.match(await page.getByRole("alert").innerText(), /key/i)
        await checkAndShoot("sign-in")
        await page.getByLabel("API key").fill(ADMIN)
        await page.getByRole("button", { name: "Sign in" }).click()
        await page.getByRole("heading", { name: "Today" }).waitFor()
        await page.getByText("Live", { exact: true }).waitFor()

        // Capture the client: an organization, deleted when mistyped, then recorded with its contact.
        await page.getByRole("link", { name: "Organizations" }).click()
        await page.getByRole("heading", { name: "New organization" }).waitFor()
        await page.getByLabel("Name", { exact: true }).fill("Cafe Arora")
        await page.getByRole("button", { name: "Add the organization" }).click()
        await page.getByRole("heading", { name: "Cafe Arora" }).waitFor()
        await page.getByRole("button", { name: "Delete Cafe Arora" }).click()
        await page.getByRole("button", { name: "Yes, delete it" }).click()
        await page.getByRole("heading", { name: "Organizations" }).waitFor()
        await page.getByLabel("Name", { exact: true }).fill("Café Aurora")
        await page.getByLabel("Industry").fill("Hospitality")
        await page.getByRole("button", { name: "Add the organization" }).click()
        await page.getByRole("heading", { name: "Café Aurora" }).waitFor()
        const clients = (await api(base, "GET", "/clients"))["items"] as Array<Record<string, unknown>>
        assert.deepStrictEqual(
          clients.map((c) => [c["name"], c["kind"], c["industry"]]),
          [["Café Aurora", "prospect", "Hospitality"]]
        )
        const clientId = clients[0]!["id"] as string
        await page.getByLabel("Contact's name").fill("Ana Gómez")
        await page.getByLabel("E-mail").fill("ana@aurora.test")
        await page.getByLabel("Primary contact").selectOption("yes")
        await page.getByRole("button", { name: "Add the contact" }).click()
        await page.getByRole("link", { name: "Ana Gómez" }).waitFor()

        // The first meeting, logged with Ana; its next step becomes my task.
        await page.getByLabel("Kind", { exact: true }).selectOption("meeting")
        await page.getByLabel("With").selectOption({ label: "Ana Gómez" })
        await page.getByLabel("Summary", { exact: true }).fill("First meeting about the terrace")
        await page.getByLabel("Next step (becomes my task)").fill("Send the SEO proposal")
        await page.getByRole("button", { name: "Log it" }).click()
        await page.locator("[aria-labelledby=timeline]").getByText("First meeting about the terrace").waitFor()
        // The meeting's own page: its follow-up task; its outcome added.
        await page.getByRole("link", { name: "First meeting about the terrace" }).click()
        await page.getByRole("heading", { name: "First meeting about the terrace" }).waitFor()
        await page.getByText("first contact").waitFor()
        await page
          .locator("[aria-labelledby=follow-ups]")
          .getByRole("link", { name: "Send the SEO proposal" })
          .waitFor()
        await page.getByRole("button", { name: "Edit" }).click()
        await page.getByLabel("Outcome").fill("They want more bookings from local search")
        await page.getByRole("button", { name: "Save" }).click()
        await page.getByText("Outcome: They want more bookings from local search").waitFor()
        await checkAndShoot("interaction")
        await page.getByRole("link", { name: "Café Aurora" }).click()
        await page.getByRole("heading", { name: "Café Aurora" }).waitFor()
        const followUps = await api(base, "GET", `/tasks?assigneeId=${me["id"]}`)
        assert.deepStrictEqual(
          (followUps["items"] as Array<{ title: string }>).map((t) => t.title),
          ["Send the SEO proposal"]
        )
        const meetings = await api(base, "GET", `/interactions?clientId=${clientId}`)
        assert.strictEqual(meetings["items"][0]["kind"], "meeting")
        assert.strictEqual(meetings["items"][0]["firstContact"], true)

        // The opportunity, opened from the organization with Ana as its contact.
        await page.getByLabel("Opportunity", { exact: true }).fill("Local SEO")
        await page.getByLabel("Contact", { exact: true }).selectOption({ label: "Ana Gómez" })
        await page.getByLabel("Estimated amount (EUR)").fill("2500")
        await page.getByRole("button", { name: "Open the opportunity" }).click()
        await page.locator("#opportunities ~ ul").getByText("Local SEO").waitFor()
        await checkAndShoot("organization")

        // A project opened outside the pipeline: edited, cancelled, then deleted.
        const newProject = page.getByRole("form", { name: "New project" })
        await newProject.getByLabel("Project name").fill("Spring menu photos")
        await newProject.getByLabel("Campaign type").selectOption("content_marketing")
        await newProject.getByLabel("Budget (EUR)").fill("900")
        await newProject.getByRole("button", { name: "Open the project" }).click()
        await page.getByRole("heading", { name: "Spring menu photos" }).waitFor()
        await page.getByRole("button", { name: "Edit" }).click()
        const editProject = page.getByRole("form", { name: "Edit the project" })
        await editProject.getByLabel("Due").fill("2027-03-31")
        await editProject.getByLabel("Description").fill("Twelve dishes, shot on the terrace")
        await editProject.getByRole("button", { name: "Save" }).click()
        await page.getByText("due 2027-03-31").waitFor()
        await page.getByText("Twelve dishes, shot on the terrace", { exact: true }).waitFor()
        await page.getByRole("button", { name: "Cancel the project" }).click()
        await page.locator("p .status").getByText("cancelled", { exact: true }).waitFor()
        await page.getByRole("button", { name: "Delete Spring menu photos" }).click()
        await page.getByRole("button", { name: "Yes, delete it" }).click()
        await page.getByRole("heading", { name: "Café Aurora" }).waitFor()
        assert.strictEqual(await page.getByRole("link", { name: "Spring menu photos" }).count(), 0)
        assert.deepStrictEqual((await api(base, "GET", `/projects?clientId=${clientId}`))["items"], [])

        // The contact's own page: the meeting on their timeline; an edit saved.
        await page.getByRole("link", { name: "Ana Gómez" }).click()
        await page.getByRole("heading", { name: "Ana Gómez" }).waitFor()
        await page.locator("[aria-labelledby=timeline]").getByText("First meeting about the terrace").waitFor()
        await page.getByText("Local SEO").waitFor()
        // Changed by another session while the form is open: the form says so, and saving is refused, not lost.
        await page.getByRole("button", { name: "Edit" }).click()
        const ana = ((await api(base, "GET", `/contacts?clientId=${clientId}`))["items"] as Array<{ id: string }>)[0]!
        await api(base, "PATCH", `/contacts/${ana.id}`, { position: "Owner" })
        await page.getByRole("status").filter({ hasText: "Someone changed this" }).waitFor({ timeout: 15_000 })
        await page.getByLabel("Phone").fill("+34 600 000 000")
        await page.getByRole("button", { name: "Save" }).click()
        assert.match(await page.getByRole("alert").innerText(), /If-Match "1" is stale: the entity is at "2"/)
        await page.getByRole("button", { name: "Edit" }).click()
        await page.getByRole("button", { name: "Edit" }).click()
        assert.strictEqual(await page.getByLabel("Position").inputValue(), "Owner")
        await page.getByLabel("Phone").fill("+34 600 000 000")
        await page.getByRole("button", { name: "Save" }).click()
        await page.locator(".details").getByText("+34 600 000 000").waitFor()
        await checkAndShoot("contact")

        // The pipeline: an opportunity opened in another session appears live; moves, a close with its note, a
        // refused win explained, and the win that opens the campaign's project.
        await page.getByRole("link", { name: "Pipeline" }).click()
        await page.getByRole("heading", { name: "Pipeline" }).waitFor()
        await column(page, "interest").getByText("Local SEO", { exact: true }).waitFor()
        await api(base, "POST", "/opportunities", {
          name: "Brand video",
          clientId,
          amount: { amountMinor: 400_000, currency: "EUR" }
        })
        await column(page, "interest").getByText("Brand video", { exact: true }).waitFor({ timeout: 15_000 })
        await moveCard(page, "Local SEO", "presentation", "presentation")
        await checkAndShoot("pipeline")
        await card(page, "Brand video").getByRole("combobox").selectOption("rejected")
        await page.getByLabel("Note").fill("Went with another agency")
        await page.getByRole("button", { name: "Close it" }).click()
        await page.getByText("Brand video", { exact: true }).waitFor({ state: "detached" })
        await card(page, "Local SEO").getByRole("combobox").selectOption("won")
        await page.getByRole("button", { name: "Record the sale" }).click()
        assert.match(await page.getByRole("alert").innerText(), /presentation/)
        await page.getByRole("button", { name: "Cancel" }).click()
        await moveCard(page, "Local SEO", "proposal", "proposal")
        // Dragging a card does what the menu does.
        await card(page, "Local SEO").dragTo(column(page, "negotiation"), { sourcePosition: { x: 8, y: 8 } })
        await column(page, "negotiation").getByText("Local SEO", { exact: true }).waitFor()
        await card(page, "Local SEO").getByRole("combobox").selectOption("won")
        await page.getByLabel("Sales order number (optional)").fill("SO-WEB-1")
        await page.getByLabel("Project name").fill("Local SEO campaign")
        await page.getByLabel("Campaign type").selectOption("seo")
        await page.getByLabel("Project manager").selectOption({ label: "Administrator" })
        await page.getByRole("button", { name: "Record the sale" }).click()

        // Its project opens: budget from the sale; started, tasks added and moved, refusals explained.
        await page.getByRole("heading", { name: "Local SEO campaign" }).waitFor()
        const opportunities = Object.fromEntries(
          ((await api(base, "GET", "/opportunities"))["items"] as Array<Record<string, unknown>>).map((o) => [
            o["name"],
            o
          ])
        )
        assert.strictEqual(opportunities["Local SEO"]!["stage"], "sales_order")
        assert.strictEqual(opportunities["Local SEO"]!["salesOrderNumber"], "SO-WEB-1")
        assert.strictEqual(opportunities["Brand video"]!["stage"], "rejected")
        const projectId = opportunities["Local SEO"]!["projectId"] as string
        const project = await api(base, "GET", `/projects/${projectId}`)
        assert.deepStrictEqual(project["budget"], { amountMinor: 250_000, currency: "EUR" })
        await page.getByRole("button", { name: "Start" }).click()
        await page.getByText("active", { exact: true }).first().waitFor()
        for (const title of ["Technical audit", "Keyword research"]) {
          await page.getByLabel("New task").fill(title)
          await page.getByLabel("Assignee").selectOption({ label: "Administrator" })
          await page.getByRole("button", { name: "Add the task" }).click()
          await column(page, "todo").getByText(title, { exact: true }).waitFor()
        }
        // A task added by mistake is deleted from its page.
        await page.getByLabel("New task").fill("Typo task")
        await page.getByRole("button", { name: "Add the task" }).click()
        await page.getByRole("link", { name: "Typo task" }).click()
        await page.getByRole("heading", { name: "Typo task" }).waitFor()
        await page.getByRole("button", { name: "Delete Typo task" }).click()
        await page.getByRole("button", { name: "Yes, delete it" }).click()
        await page.getByRole("heading", { name: "Local SEO campaign" }).waitFor()
        await column(page, "todo").getByText("Technical audit", { exact: true }).waitFor()
        assert.strictEqual(await page.getByRole("link", { name: "Typo task" }).count(), 0)
        // A task's details edited on its page.
        await page.getByRole("link", { name: "Keyword research" }).click()
        await page.getByRole("heading", { name: "Keyword research" }).waitFor()
        await page.getByRole("button", { name: "Edit" }).click()
        await page.getByLabel("Priority").selectOption("high")
        await page.getByLabel("Description").fill("Long-tail terms for the terrace menu")
        await page.getByRole("button", { name: "Save" }).click()
        await page.getByText("high priority").waitFor()
        await page.getByText("Long-tail terms for the terrace menu", { exact: true }).waitFor()
        const research = (await api(base, "GET", `/tasks?projectId=${projectId}&priority=high`))["items"]
        assert.deepStrictEqual(
          research.map((t: Record<string, unknown>) => [t["title"], t["description"]]),
          [["Keyword research", "Long-tail terms for the terrace menu"]]
        )
        await page.getByRole("link", { name: "Local SEO campaign" }).click()
        await page.getByRole("heading", { name: "Local SEO campaign" }).waitFor()
        await card(page, "Technical audit").getByRole("combobox").selectOption("done")
        const explained = await page.getByRole("alert").innerText()
        assert.include(explained, "Technical audit")
        assert.match(explained, /todo|done/)
        await moveCard(page, "Technical audit", "in_progress", "in progress")
        await card(page, "Keyword research").dragTo(column(page, "in progress"), { sourcePosition: { x: 8, y: 8 } })
        await column(page, "in progress").getByText("Keyword research", { exact: true }).waitFor()

        // People and material allocated: budget against cost.
        await page.getByLabel("Person").selectOption({ label: "Administrator" })
        await page.getByLabel("Role on the project").fill("SEO lead")
        await page.getByLabel("Hours", { exact: true }).fill("40")
        await page.getByRole("button", { name: "Allocate" }).click()
        await page.locator("[aria-labelledby=resources]").getByText("SEO lead", { exact: true }).waitFor()
        await page.getByLabel("Resource", { exact: true }).selectOption("material")
        await page.getByLabel("Material", { exact: true }).fill("Ad credits")
        await page.getByLabel("Quantity").fill("2")
        await page.getByLabel("Unit cost (EUR)").fill("150")
        await page.getByRole("button", { name: "Allocate" }).click()
        await page.getByText("€2,200.00 of the budget left").waitFor()
        assert.include(await page.locator("#resources ~ p").first().innerText(), "allocated: 40 h · €300.00 material")

        // A client call logged on the project, a review recorded; both on the project's timeline.
        await page.getByLabel("Kind", { exact: true }).selectOption("call")
        await page.getByLabel("Started by").selectOption("inbound")
        await page.getByLabel("Summary", { exact: true }).fill("Ana asked about the audit")
        await page.getByRole("button", { name: "Log it" }).click()
        await page.locator("[aria-labelledby=project-timeline]").getByText("Ana asked about the audit").waitFor()
        await page.getByLabel("Review summary").fill("On track; the audit found twelve issues")
        await page.getByLabel("Adjustments decided (one a line)").fill("Fix the sitemap first\nMove the launch a week")
        await page.getByRole("button", { name: "Record the review" }).click()
        await page.locator("[aria-labelledby=reviews]").getByText("On track; the audit found twelve issues").waitFor()
        await page.locator("[aria-labelledby=project-timeline]").getByText("review recorded").waitFor()
        await checkAndShoot("project")

        // Completing is refused while tasks are open; once they are done it completes, then closes with feedback.
        await page.getByLabel("Final report (reference)").fill("reports/local-seo.pdf")
        await page.getByRole("button", { name: "Complete the project" }).click()
        assert.match(await page.getByRole("alert").innerText(), /open task\(s\); finish or cancel them/)
        for (const title of ["Technical audit", "Keyword research"]) {
          await moveCard(page, title, "in_review", "in review")
          await moveCard(page, title, "done", "done")
        }
        await page.getByRole("button", { name: "Complete the project" }).click()
        await page.getByLabel("Client's feedback").fill("Great launch, more local pages next year")
        await page.getByLabel("Satisfaction (1–5)").selectOption("4")
        await page.getByRole("button", { name: "Close with this feedback" }).click()
        await page.getByText("closed", { exact: true }).first().waitFor()
        const closed = await api(base, "GET", `/projects/${projectId}`)
        assert.strictEqual(closed["status"], "closed")
        assert.strictEqual(closed["reportReference"], "reports/local-seo.pdf")
        const feedback = await api(base, "GET", `/interactions/${closed["feedbackInteractionId"]}`)
        assert.deepStrictEqual([feedback["kind"], feedback["satisfaction"]], ["feedback", 4])
        await page.getByRole("link", { name: "Projects" }).click()
        await page.getByRole("link", { name: "Local SEO campaign" }).waitFor()
        await page.getByLabel("Status").selectOption("planned")
        await page.getByText("No projects.").waitFor()
        await page.getByLabel("Status").selectOption("closed")
        await page.getByLabel("Manager").selectOption({ label: "Administrator" })
        await page.getByRole("link", { name: "Local SEO campaign" }).waitFor()
        await checkAndShoot("projects")
        await page.getByRole("link", { name: "Organizations" }).click()
        await page.getByRole("link", { name: "Café Aurora" }).waitFor()
        await checkAndShoot("organizations")

        // Today: my follow-up; a task assigned in another session appears without a reload.
        await page.getByRole("link", { name: "Today" }).click()
        await page.getByRole("heading", { name: "Today" }).waitFor()
        await page.getByText("Send the SEO proposal").first().waitFor()
        await page.getByText("Ana asked about the audit").waitFor()
        await api(base, "POST", "/tasks", { clientId, title: "Plan the local pages", assigneeId: me["id"] })
        await page.getByText("Plan the local pages").first().waitFor({ timeout: 15_000 })
        await checkAndShoot("today")

        // Reports: the figures of the period, narrowed by owner; charts loaded on demand, each with its CSV.
        await page.getByRole("link", { name: "Reports" }).click()
        await page.getByRole("heading", { name: "Reports" }).waitFor()
        const figure = (name: string) => page.locator("dt", { hasText: name }).locator("xpath=../dd").innerText()
        await page.getByText("Win rate").waitFor()
        assert.strictEqual(await figure("Won"), "1")
        assert.strictEqual(await figure("Win rate"), "50%")
        assert.match(await figure("Satisfaction"), /^4\.0 \(1\)$/)
        assert.match(await figure("Response time (median hours)"), /\(1 unanswered\)$/)
        await page.getByRole("img", { name: /Stage funnel: interest: 2/ }).waitFor()
        await page.waitForFunction("[...document.querySelectorAll('canvas')].every((c) => c.width > 0)")
        const [csv] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("button", { name: "Download CSV of Stage funnel" }).click()
        ])
        assert.strictEqual(csv.suggestedFilename(), "stage-funnel.csv")
        assert.match(readFileSync((await csv.path())!, "utf8"), /^stage,value\ninterest,2\n/)
        await checkAndShoot("reports")
        // Nobody else owns opportunities: narrowed to another owner, nothing was won.
        const other = await api(base, "POST", "/team-members", {
          name: "Lea",
          email: "lea@agency.test",
          role: "member"
        })
        // The new member reaches the owner picker through the live feed, without a reload.
        await page.getByLabel("Owner").selectOption({ label: "Lea" }, { timeout: 15_000 })
        await page.waitForFunction("document.querySelector('dd') !== null")
        await page.getByRole("img", { name: /Stage funnel: interest: 0/ }).waitFor()
        assert.strictEqual(await figure("Won"), "0")
        assert.isString(other["id"])

        // The rejected opportunity's page: its stage history with the note; reopened; an interaction about it whose
        // next step becomes its task.
        await page.getByRole("link", { name: "Organizations" }).click()
        await page.getByRole("link", { name: "Café Aurora" }).click()
        await page.getByRole("link", { name: "Brand video" }).click()
        await page.getByRole("heading", { name: "Brand video" }).waitFor()
        await page.locator("[aria-labelledby=stage-history]").getByText("Went with another agency").waitFor()
        await page.getByRole("button", { name: "Reopen" }).click()
        await page.locator(".details .status").getByText("interest", { exact: true }).waitFor()
        await page.getByLabel("Summary", { exact: true }).fill("Ana asked to see the video pitch again")
        await page.getByLabel("Next step (becomes my task)").fill("Send the video storyboard")
        await page.getByRole("button", { name: "Log it" }).click()
        await page.locator("[aria-labelledby=opportunity-tasks]").getByText("Send the video storyboard").waitFor()
        const video = (
          (await api(base, "GET", "/opportunities?stage=interest"))["items"] as Array<Record<string, unknown>>
        )[0]!
        assert.strictEqual(video["name"], "Brand video")
        const videoTasks = await api(base, "GET", `/tasks?opportunityId=${video["id"]}`)
        assert.deepStrictEqual(
          (videoTasks["items"] as Array<{ title: string }>).map((t) => t.title),
          ["Send the video storyboard"]
        )
        await checkAndShoot("opportunity")

        // Search from the header by keyboard: "/" jumps to it, Down moves into the results, Enter opens one.
        await page.keyboard.press("/")
        assert.strictEqual(await page.evaluate("document.activeElement.id"), "search")
        await page.keyboard.type("keyword")
        await page.keyboard.press("Enter")
        await page.getByRole("heading", { name: "Search: keyword" }).waitFor()
        await page.getByRole("link", { name: "Keyword research" }).waitFor()
        await checkAndShoot("search")
        await page.getByLabel("Search").focus()
        await page.keyboard.press("ArrowDown")
        assert.strictEqual(await page.evaluate("document.activeElement.textContent"), "Keyword research")
        await page.keyboard.press("Enter")

        // The task's own page: its history; the project is closed, so an edit is refused in the server's words.
        await page.getByRole("heading", { name: "Keyword research" }).waitFor()
        await page.locator("[aria-labelledby=task-history]").getByText("status: done").waitFor()
        await page.getByRole("button", { name: "Edit" }).click()
        await page.getByLabel("Priority").selectOption("urgent")
        await page.getByRole("button", { name: "Save" }).click()
        assert.match(await page.getByRole("alert").innerText(), /is closed; it takes no more changes/)
        await checkAndShoot("task")

        // Sign-out forgets the key.
        await page.getByRole("button", { name: "Sign out" }).click()
        await page.getByLabel("API key").waitFor()
        assert.isNull(await page.evaluate("sessionStorage.getItem('agency-crm.api-key')"))

        // A member (Lea) is offered what the role allows: tasks and interactions, not allocations, reviews, the
        // project's lifecycle or editing the organization.
        const leaKey = await api(base, "POST", "/api-keys", { memberId: other["id"], name: "web" })
        await page.getByLabel("API key").fill(leaKey["secret"])
        await page.getByRole("button", { name: "Sign in" }).click()
        await page.getByText("Lea (member)").waitFor()
        await page.goto(`${base}/#/projects/${projectId}`)
        await page.getByRole("heading", { name: "Local SEO campaign" }).waitFor()
        await page.getByRole("button", { name: "Add the task" }).waitFor()
        await page.getByRole("heading", { name: "Log an interaction" }).waitFor()
        for (const absent of ["Allocate", "Record the review"]) {
          assert.strictEqual(await page.getByRole("button", { name: absent, exact: true }).count(), 0, absent)
        }
        assert.strictEqual(await page.getByRole("heading", { name: "Lifecycle" }).count(), 0)
        await page.goto(`${base}/#/organizations/${clientId}`)
        await page.getByRole("heading", { name: "Log an interaction" }).waitFor()
        await page.getByRole("button", { name: "Open the opportunity" }).waitFor()
        assert.strictEqual(await page.getByRole("button", { name: "Edit" }).count(), 0)
        assert.strictEqual(await page.getByRole("button", { name: "Add the contact" }).count(), 0)
        await page.getByRole("button", { name: "Sign out" }).click()

        // A viewer is offered no write: no moves, no forms, no edits.
        const viewer = await api(base, "POST", "/team-members", {
          name: "Tom",
          email: "tom@agency.test",
          role: "viewer"
        })
        const viewerKey = await api(base, "POST", "/api-keys", { memberId: viewer["id"], name: "web" })
        await page.getByLabel("API key").fill(viewerKey["secret"])
        await page.getByRole("button", { name: "Sign in" }).click()
        await page.getByText("Tom (viewer)").waitFor()
        await page.goto(`${base}/#/projects/${projectId}`)
        await page.getByRole("heading", { name: "Local SEO campaign" }).waitFor()
        assert.strictEqual(await page.getByRole("combobox").count(), 0)
        await page.goto(`${base}/#/organizations/${clientId}`)
        await page.getByRole("heading", { name: "Timeline" }).waitFor()
        assert.strictEqual(await page.getByRole("heading", { name: "Log an interaction" }).count(), 0)
        assert.strictEqual(await page.getByRole("button", { name: "Edit" }).count(), 0)
        assert.deepStrictEqual(foreign, [])
      } finally {
        await browser?.close()
        await server?.stop()
        temp.remove()
      }
    }
  )
})
