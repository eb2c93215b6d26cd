import { LocalDate } from "@agency-crm/core"
import * as CrmHttpClient from "@agency-crm/http/client"
import { FetchHttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { connect } from "node:net"
import { join } from "node:path"
import { printedKey, startServer, tempDir } from "./serverProcess.js"

const d = (s: string) => LocalDate.make(s)

/** Writes `text` on a new connection to `url` and resolves with what the server sent until it closed the
 * connection, or `null` if it kept it open for `giveUpMs`. */
const exchange = (url: string, text: string, giveUpMs: number) =>
  new Promise<string | null>((resolve) => {
    const socket = connect(Number(new URL(url).port), "127.0.0.1", () => socket.write(text))
    let received = ""
    const timer = setTimeout(() => {
      socket.destroy()
      resolve(null)
    }, giveUpMs)
    socket.on("data", (chunk) => (received += chunk.toString()))
    socket.on("error", () => undefined)
    socket.on("close", () => {
      clearTimeout(timer)
      resolve(received)
    })
  })

/** Runs an Effect program with the typed client against `url`. */
const withClient = <A, E>(url: string, apiKey: string, body: (api: CrmHttpClient.Client) => Effect.Effect<A, E>) =>
  Effect.runPromise(
    Effect.flatMap(CrmHttpClient.make({ baseUrl: url, apiKey }), body).pipe(Effect.provide(FetchHttpClient.layer))
  )

describe("the example server as a real process", () => {
  it("bootstraps an admin, serves the five agency phases, stops on SIGTERM and keeps everything on restart", async () => {
    const temp = tempDir()
    const env = { CRM_DB_FILE: join(temp.dir, "crm.db") }
    try {
      const first = await startServer(env)
      const adminKey = printedKey(first.stdout())
      assert.isNotNull(adminKey, first.stdout())
      assert.include(first.stdout(), `${first.url}/docs`)

      const walked = await withClient(first.url, adminKey!, (admin) =>
        Effect.gen(function* () {
          const marta = yield* admin.team.create({
            payload: { name: "Marta Ruiz", email: "marta@agency.test", role: "manager" }
          })
          const leo = yield* admin.team.create({ payload: { name: "Leo Chen", email: "leo@agency.test" } })
          const martaKey = yield* admin.apiKeys.create({ payload: { memberId: marta.id, name: "laptop" } })
          return { marta, leo, martaKey: martaKey.secret }
        })
      )

      const story = await withClient(first.url, walked.martaKey, (api) =>
        Effect.gen(function* () {
          // 1. Capture: the client, its contact, the first meeting.
          const client = yield* api.clients.create({ payload: { name: "Café Aurora", industry: "Food" } })
          const ana = yield* api.contacts.create({
            payload: { clientId: client.id, name: "Ana Gómez", isPrimary: true }
          })
          yield* api.interactions.create({
            payload: { clientId: client.id, contactId: ana.id, kind: "meeting", summary: "First meeting" }
          })
          // 2. Planning: the project, tasks with assignees and deadlines, people and material.
          const project = yield* api.projects.create({
            payload: {
              clientId: client.id,
              name: "Local SEO",
              campaignType: "seo",
              managerId: walked.marta.id,
              startDate: d("2026-03-02"),
              dueDate: d("2026-04-30")
            }
          })
          const audit = yield* api.tasks.create({
            payload: { projectId: project.id, title: "SEO audit", assigneeId: walked.leo.id, dueDate: d("2026-03-10") }
          })
          const pages = yield* api.tasks.create({
            payload: { projectId: project.id, title: "Landing pages", dueDate: d("2026-03-31") }
          })
          yield* api.allocations.create({
            payload: { kind: "human", projectId: project.id, memberId: walked.leo.id, role: "SEO", hours: 40 }
          })
          yield* api.allocations.create({
            payload: {
              kind: "material",
              projectId: project.id,
              name: "Keyword tool",
              quantity: 1,
              unitCost: { amountMinor: 9900, currency: "EUR" }
            }
          })
          yield* api.projects.transition({ path: { id: project.id }, headers: {}, payload: { to: "active" } })
          // 3. Execution: tasks move, communication is logged with a follow-up task.
          const call = yield* api.interactions.create({
            payload: {
              clientId: client.id,
              projectId: project.id,
              kind: "call",
              direction: "inbound",
              summary: "Wants a terrace section",
              followUp: { title: "Terrace section", dueDate: d("2026-03-20") }
            }
          })
          // 4. Review.
          yield* api.reviews.create({ payload: { projectId: project.id, summary: "On track", adjustments: ["None"] } })
          // 5. Completion and closure.
          for (const id of [audit.id, pages.id, call.followUpTask!.id]) {
            for (const to of ["in_progress", "in_review", "done"] as const) {
              yield* api.tasks.transition({ path: { id }, headers: {}, payload: { to } })
            }
          }
          yield* api.projects.complete({
            path: { id: project.id },
            headers: {},
            payload: { reportReference: "reports/final.pdf", deliveredOn: d("2026-04-28") }
          })
          const closed = yield* api.projects.close({
            path: { id: project.id },
            headers: {},
            payload: { feedback: { summary: "Very happy", satisfaction: 5, contactId: ana.id } }
          })
          return { clientId: client.id, projectId: project.id, status: closed.project.status }
        })
      )
      assert.strictEqual(story.status, "closed")

      const code = await first.stop("SIGTERM")
      assert.strictEqual(code, 0, first.stderr())
      assert.include(first.stderr(), "shutting down")
      assert.include(first.stderr(), "stopped: server and database closed")

      const second = await startServer(env)
      try {
        assert.isNull(printedKey(second.stdout()), "a restart must not print a new admin key")
        const after = await withClient(second.url, walked.martaKey, (api) =>
          Effect.gen(function* () {
            const detail = yield* api.projects.detail({ path: { id: story.projectId }, urlParams: {} })
            const timeline = yield* api.clients.timeline({ path: { id: story.clientId }, urlParams: { limit: 200 } })
            const me = yield* api.team.me()
            return { detail, events: timeline.items.length, me }
          })
        )
        assert.strictEqual(after.detail.project.status, "closed")
        assert.strictEqual(after.detail.tasks.items.length, 3)
        assert.strictEqual(after.detail.allocations.items.length, 2)
        assert.strictEqual(after.detail.progress.percentDone, 100)
        assert.isNotNull(after.detail.latestReview)
        assert.isAbove(after.events, 10)
        assert.strictEqual(after.me.email, "marta@agency.test")
        // The bootstrap key still works, and there is still exactly one admin.
        const admins = await withClient(second.url, adminKey!, (api) => api.team.list({ urlParams: { role: "admin" } }))
        assert.strictEqual(admins.items.length, 1)
      } finally {
        assert.strictEqual(await second.stop("SIGINT"), 0)
      }
    } finally {
      temp.remove()
    }
  })

  it("bad configuration exits at once with one clear line", async () => {
    const temp = tempDir()
    try {
      const cases: ReadonlyArray<[Record<string, string>, RegExp]> = [
        [{ PORT: "http" }, /invalid configuration: .*PORT/],
        [{ PORT: "70000" }, /invalid configuration: .*port number/],
        [{ LOG_LEVEL: "loud" }, /invalid configuration: .*LOG_LEVEL/],
        [{ CRM_DB_FILE: join(temp.dir, "missing", "crm.db") }, /database .*missing.*crm\.db/],
        [{ CRM_BOOTSTRAP_ADMIN_KEY: "short", CRM_DB_FILE: join(temp.dir, "k.db") }, /CRM_BOOTSTRAP_ADMIN_KEY/]
      ]
      for (const [env, expected] of cases) {
        const failure = await startServer(env).then(
          async (server) => {
            await server.stop()
            return null
          },
          (error: Error) => error.message
        )
        assert.isNotNull(failure, JSON.stringify(env))
        assert.match(failure!, /exited with 1/)
        const lines = failure!.split("\n").filter((line) => line.startsWith("agency-crm:"))
        assert.strictEqual(lines.length, 1, failure!)
        assert.match(lines[0]!, expected)
      }
      // A port already taken.
      const holder = await startServer({ CRM_DB_FILE: join(temp.dir, "a.db") })
      try {
        const port = new URL(holder.url).port
        const failure = await startServer({ PORT: port, CRM_DB_FILE: join(temp.dir, "b.db") }).then(
          () => "started",
          (error: Error) => error.message
        )
        assert.match(failure, /agency-crm: cannot start: .*:\d+ is already in use/)
      } finally {
        await holder.stop()
      }
    } finally {
      temp.remove()
    }
  })

  it("logs one line per request at the info level, and none below it", async () => {
    const temp = tempDir()
    try {
      const requestLogs = async (env: Record<string, string>) => {
        const server = await startServer({ CRM_DB_FILE: join(temp.dir, "logs.db"), ...env })
        try {
          for (let i = 0; i < 3; i++) assert.strictEqual((await fetch(`${server.url}/health`)).status, 200)
        } finally {
          assert.strictEqual(await server.stop(), 0)
        }
        return server
          .stderr()
          .split("\n")
          .filter((line) => line.includes('"http.url":"/health"'))
      }
      const info = await requestLogs({})
      assert.strictEqual(info.length, 3)
      assert.include(info[0], '"http.status":200')
      assert.deepStrictEqual(await requestLogs({ LOG_LEVEL: "warn" }), [])
    } finally {
      temp.remove()
    }
  })

  it("answers stalled headers and stalled bodies with 408 and closes their connections", async () => {
    const temp = tempDir()
    try {
      const key = "acrm_e2e-timeouts-admin-key-0123456789abcdef"
      const server = await startServer({
        CRM_DB_FILE: join(temp.dir, "t.db"),
        CRM_BOOTSTRAP_ADMIN_KEY: key,
        CRM_HEADERS_TIMEOUT_MS: "500",
        CRM_REQUEST_TIMEOUT_MS: "1000",
        CRM_BODY_TIMEOUT_MS: "500"
      })
      // Headers that never end.
      const headers = await exchange(server.url, "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: 1", 10_000)
      assert.isNotNull(headers, "the connection was kept open")
      assert.match(headers!, /^HTTP\/1\.1 408 /)
      // A body that declares 1,000 bytes and sends 10.
      const body = await exchange(
        server.url,
        `POST /clients HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\n` +
          `Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name":"x`,
        10_000
      )
      assert.isNotNull(body, "the connection was kept open")
      assert.match(body!, /^HTTP\/1\.1 408 /)
      assert.include(body!, "RequestTimeout")
      // The server still answers, and nothing was created.
      const clients = await fetch(`${server.url}/clients`, { headers: { authorization: `Bearer ${key}` } })
      assert.deepStrictEqual(((await clients.json()) as { items: Array<unknown> }).items, [])
      assert.strictEqual(await server.stop(), 0)
    } finally {
      temp.remove()
    }
  })
})
