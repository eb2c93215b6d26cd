import { Crm, IdGenerator, type StoragePorts } from "@agency-crm/core"
import type { SqlClient } from "@effect/sql"
import { CrmHttpClient, CrmHttpServer, NodeSecretHasher } from "@agency-crm/http"
import { PostgresStore } from "@agency-crm/postgres"
import { SqliteStore } from "@agency-crm/sqlite"
import Pg from "pg"
import { HttpServer } from "@effect/platform"
import { NodeHttpServer } from "@effect/platform-node"
import { Effect, Layer } from "effect"
import { createServer, type IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"
import { WebhooksApi, webhooks } from "../src/index.js"
import type { WebhookSettings } from "../src/settings.js"

/** The key of the admin every test server bootstraps. */
export const ADMIN_KEY = "acrm_test-admin-key-0123456789abcdefghijklmnop"

/** A real server with the webhooks plugin (loopback allowed, short retries) on a fresh in-memory
 * database, on an ephemeral port. */
export const TestServer = (
  settings: typeof WebhookSettings.Encoded = {},
  storage: Layer.Layer<StoragePorts | SqlClient.SqlClient, unknown> = SqliteStore.layerMemory
) =>
  CrmHttpServer.layer({
    bootstrap: { adminKey: ADMIN_KEY },
    authThrottle: { maxFailures: 1_000_000 },
    plugins: [webhooks({ allowedNetworks: ["127.0.0.0/8"], retryScheduleMs: [30, 60, 120], ...settings })]
  }).pipe(
    Layer.provideMerge(
      Crm.layer.pipe(
        Layer.provide(NodeSecretHasher),
        Layer.provideMerge(storage),
        Layer.provideMerge(IdGenerator.layer)
      )
    ),
    Layer.provideMerge(NodeHttpServer.layerTest)
  )

/** The typed client, with the webhooks endpoints, as `apiKey` (the admin by default). */
export const client = (apiKey: string = ADMIN_KEY) => CrmHttpClient.make({ apiKey, plugins: [WebhooksApi] })

/** The base URL of the test server. */
export const baseUrl = Effect.map(HttpServer.HttpServer, (server) => {
  const address = server.address as HttpServer.TcpAddress
  return `http://127.0.0.1:${address.port}`
})

/** One request a receiver got. */
export interface Received {
  readonly headers: IncomingHttpHeaders
  readonly body: string
  readonly sequence: number
  readonly type: string
}

/** A webhook receiver on an ephemeral loopback port: it records every request and answers what `answer` says
 * (200 by default). Closed with the scope. */
export const receiver = (answer: (request: number) => number | { status: number; location?: string } = () => 200) =>
  Effect.acquireRelease(
    Effect.promise(
      () =>
        new Promise<{ url: string; received: Array<Received>; close: () => void }>((resolve) => {
          const received: Array<Received> = []
          let count = 0
          const server = createServer((req, res) => {
            const chunks: Array<Buffer> = []
            req.on("data", (chunk: Buffer) => chunks.push(chunk))
            req.on("end", () => {
              const body = Buffer.concat(chunks).toString("utf8")
              const parsed = JSON.parse(body) as { type: string; data: { sequence: number } }
              const reply = answer(++count)
              const status = typeof reply === "number" ? reply : reply.status
              if (status >= 200 && status < 300) {
                received.push({ headers: req.headers, body, sequence: parsed.data.sequence, type: parsed.type })
              }
              const headers =
                typeof reply === "number" || reply.location === undefined ? {} : { location: reply.location }
              res.writeHead(status, headers).end()
            })
          })
          server.listen(0, "127.0.0.1", () => {
            const { port } = server.address() as AddressInfo
            resolve({ url: `http://127.0.0.1:${port}/hook`, received, close: () => server.close() })
          })
        })
    ),
    (r) => Effect.sync(() => r.close())
  )

/** Waits (polling every 20 ms, up to 10 s) until `done` holds; fails the test otherwise. */
export const eventually = (done: () => boolean, what: string) =>
  Effect.gen(function* () {
    for (let i = 0; i < 500; i++) {
      if (done()) return
      yield* Effect.sleep("20 millis")
    }
    return yield* Effect.dieMessage(`timed out waiting until ${what}`)
  })

/** A raw request to the test server (bypassing the typed client's own validation), as `apiKey`. */
export const request = (method: string, path: string, body?: unknown, apiKey: string = ADMIN_KEY) =>
  Effect.flatMap(baseUrl, (url) =>
    Effect.promise(async () => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) })
      })
      const text = await response.text()
      return { status: response.status, body: (text === "" ? {} : JSON.parse(text)) as Record<string, unknown> }
    })
  )

/** A PostgreSQL store on a schema of its own in the test database, dropped with the scope. */
export const postgresStore = Layer.unwrapScoped(
  Effect.gen(function* () {
    const url = process.env["CRM_TEST_DATABASE_URL"]!
    const schema = `crm_webhooks_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
    const admin = (statement: string) =>
      Effect.promise(async () => {
        const client = new Pg.Client({ connectionString: url })
        await client.connect()
        await client.query(statement).finally(() => client.end())
      })
    yield* Effect.acquireRelease(admin(`CREATE SCHEMA ${schema}`), () => admin(`DROP SCHEMA ${schema} CASCADE`))
    const withSchema = new URL(url)
    withSchema.searchParams.set("options", `-c search_path=${schema}`)
    return PostgresStore.layer({ url: withSchema.toString(), maxConnections: 4 })
  })
)
