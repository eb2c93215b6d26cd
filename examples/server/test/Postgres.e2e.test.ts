import { assert, describe, it } from "@effect/vitest"
import Pg from "pg"
import { request } from "./http.js"
import { startServer } from "./serverProcess.js"

// Two example servers on one PostgreSQL database, as behind a load balancer. The database is the one the global setup
// provides (CRM_TEST_DATABASE_URL); each test has a schema of its own, dropped after.
const DATABASE = process.env["CRM_TEST_DATABASE_URL"]!
const ADMIN = "acrm_e2e-postgres-admin-key-0123456789abcdefghijk"

const admin = async (statement: string) => {
  const client = new Pg.Client({ connectionString: DATABASE })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

const withSchema = async (run: (url: string) => Promise<void>) => {
  const schema = `crm_e2e_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  await admin(`CREATE SCHEMA ${schema}`)
  try {
    const url = new URL(DATABASE)
    url.searchParams.set("options", `-c search_path=${schema}`)
    await run(url.toString())
  } finally {
    await admin(`DROP SCHEMA ${schema} CASCADE`)
  }
}

const call = (base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  request(base, ADMIN, method, path, body, headers)

/** Reads `GET /events` of a server, collecting the events' sequences and types until closed. */
const openStream = async (base: string) => {
  const controller = new AbortController()
  const response = await fetch(`${base}/events`, {
    headers: { authorization: `Bearer ${ADMIN}`, accept: "text/event-stream" },
    signal: controller.signal
  })
  assert.strictEqual(response.status, 200)
  const events: Array<{ sequence: number; type: string }> = []
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let buffer = ""
  const done = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        buffer += decoder.decode(value, { stream: true })
        let end: number
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const id = /^id: (\d+)$/m.exec(block)?.[1]
          const type = /^event: (.+)$/m.exec(block)?.[1]
          if (id !== undefined && type !== undefined) events.push({ sequence: Number(id), type })
        }
      }
    } catch {
      // Aborted.
    }
  })()
  return {
    events,
    close: async () => {
      controller.abort()
      await done
    }
  }
}

const waitFor = async (done: () => boolean, what: string) => {
  const until = Date.now() + 20_000
  while (!done()) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe("two example servers on one PostgreSQL database", () => {
  it("racing conditional updates through both lose nothing: exactly one of each pair wins", () =>
    withSchema(async (url) => {
      const env = { CRM_DATABASE_URL: url, CRM_BOOTSTRAP_ADMIN_KEY: ADMIN }
      const a = await startServer(env)
      const b = await startServer(env)
      const manager = await call(a.url, "POST", "/team-members", { name: "Marta", email: "marta@agency.test" })
      const client = await call(a.url, "POST", "/clients", { name: "Acme", kind: "client" })
      const project = await call(b.url, "POST", "/projects", {
        clientId: client.body["id"],
        name: "Launch",
        campaignType: "seo",
        managerId: manager.body["id"]
      })
      const tasks = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          call(i % 2 === 0 ? a.url : b.url, "POST", "/tasks", { projectId: project.body["id"], title: `Task ${i}` })
        )
      )
      for (const task of tasks) assert.strictEqual(task.status, 201)
      // Each task updated through both servers at once, from the same version.
      const pairs = await Promise.all(
        tasks.map((task) =>
          Promise.all(
            [a.url, b.url].map((base) =>
              call(
                base,
                "PATCH",
                `/tasks/${task.body["id"]}`,
                { title: `${task.body["title"]} via ${base}` },
                {
                  "if-match": `"${task.body["version"]}"`
                }
              )
            )
          )
        )
      )
      for (const [index, pair] of pairs.entries()) {
        const statuses = pair.map((r) => r.status).sort()
        assert.deepStrictEqual(statuses, [200, 412], `task ${index}: ${JSON.stringify(pair.map((r) => r.body))}`)
        const winner = pair.find((r) => r.status === 200)!
        const stored = await call(a.url, "GET", `/tasks/${tasks[index]!.body["id"]}`)
        assert.strictEqual(stored.body["title"], winner.body["title"])
        assert.strictEqual(stored.body["version"], 2)
      }
      await a.stop()
      await b.stop()
    }))

  it("an event stream on one server sees the writes made through the other, in order, woken by NOTIFY", () =>
    withSchema(async (url) => {
      // Without a wake-up, a server would see the other's commits only at its poll interval: one minute here.
      const env = { CRM_DATABASE_URL: url, CRM_BOOTSTRAP_ADMIN_KEY: ADMIN, CRM_FEED_POLL_INTERVAL_MS: "60000" }
      const a = await startServer(env)
      const b = await startServer(env)
      const stream = await openStream(b.url)
      const created: Array<number> = []
      for (let i = 0; i < 10; i++) {
        const reply = await call(a.url, "POST", "/clients", { name: `Client ${i}` })
        assert.strictEqual(reply.status, 201)
        created.push(i)
      }
      await waitFor(
        () => stream.events.filter((e) => e.type === "client.created").length >= 10,
        "the stream on the other server has the ten creations"
      )
      const sequences = stream.events.map((e) => e.sequence)
      assert.deepStrictEqual(
        sequences,
        [...sequences].sort((x, y) => x - y)
      )
      assert.strictEqual(new Set(sequences).size, sequences.length)
      await stream.close()
      await a.stop()
      await b.stop()
    }))
})
