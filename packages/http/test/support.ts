import { Crm, IdGenerator, type Role, type TeamMemberId } from "@agency-crm/core"
import { SqliteStore } from "@agency-crm/sqlite"
import { NodeHttpServer } from "@effect/platform-node"
import { HttpApiClient, HttpClient, HttpClientRequest, HttpServer } from "@effect/platform"
import { Console, Effect, Layer } from "effect"
import { CrmApi, CrmHttpClient, CrmHttpServer, NodeSecretHasher } from "../src/index.js"

/** The CRM services on a fresh in-memory SQLite database. */
export const Services = Crm.layer.pipe(
  Layer.provide(NodeSecretHasher),
  Layer.provideMerge(SqliteStore.layerMemory),
  Layer.provideMerge(IdGenerator.layer)
)

/** The key of the admin every test server bootstraps. */
export const ADMIN_KEY = "acrm_test-admin-key-0123456789abcdefghijklmnop"

/** The `Authorization` header of `key` (the bootstrap admin's by default). */
export const bearer = (key: string = ADMIN_KEY) => ({ authorization: `Bearer ${key}` })

/** A real server on an ephemeral port (its admin's key is `ADMIN_KEY`; failed authentications are not throttled
 * unless `options` says so), and an `HttpClient` pointed at it. The core services are exposed too. */
export const TestServer = (options: CrmHttpServer.ServerOptions = {}) =>
  CrmHttpServer.layer({
    bootstrap: { adminKey: ADMIN_KEY },
    authThrottle: { maxFailures: 1_000_000 },
    ...options
  }).pipe(
    Layer.provideMerge(Services),
    Layer.provideMerge(NodeHttpServer.layerTest),
    // The bootstrap announces the admin it creates; keep test output quiet.
    Layer.provide(Console.setConsole(recordingConsole([])))
  )

/** The typed client authenticating with `apiKey` (the bootstrap admin's by default). */
export const client = (apiKey: string = ADMIN_KEY) => CrmHttpClient.make({ apiKey })

/** A small agency through the API, as the bootstrap admin: a member, a client, its project and one task. */
export const aTaskWorld = Effect.gen(function* () {
  const api = yield* client()
  const marta = yield* api.team.create({ payload: { name: "Marta", email: "marta@agency.test" } })
  const acme = yield* api.clients.create({ payload: { name: "Acme", kind: "client" } })
  const project = yield* api.projects.create({
    payload: { clientId: acme.id, name: "Campaign", campaignType: "seo", managerId: marta.id }
  })
  const task = yield* api.tasks.create({ payload: { projectId: project.id, title: "Audit" } })
  return { api, marta, acme, project, task }
})

/** Creates an API key for a member through the API (as the bootstrap admin) and returns its secret. */
export const keyFor = (memberId: TeamMemberId) =>
  Effect.flatMap(client(), (api) =>
    Effect.map(api.apiKeys.create({ payload: { memberId, name: "test key" } }), (created) => created.secret)
  )

/** Creates a team member with `role` through the API (as the bootstrap admin) and returns the secret of a key
 * for them. */
export const keyOfNewMember = (name: string, role: Role) =>
  Effect.gen(function* () {
    const api = yield* client()
    const member = yield* api.team.create({
      payload: { name, email: `${name.toLowerCase()}@agency.test`, role }
    })
    return yield* keyFor(member.id)
  })

/** A typed client that also records every request it sends (`METHOD /path`). */
export const recordingClient = (apiKey: string, seen: Array<string>) =>
  HttpApiClient.make(CrmApi, {
    transformClient: (c) =>
      c.pipe(
        HttpClient.mapRequest(HttpClientRequest.bearerToken(apiKey)),
        HttpClient.tapRequest((request) =>
          Effect.sync(() => {
            seen.push(`${request.method} ${new URL(request.url).pathname}`)
          })
        )
      )
  })

/** The server's base URL, for raw requests. */
export const baseUrl = Effect.map(HttpServer.HttpServer, (server) =>
  server.address._tag === "TcpAddress" ? `http://127.0.0.1:${server.address.port}` : ""
)

/** A response as a raw request sees it, with its body parsed as JSON when it is JSON. */
export interface Reply {
  readonly status: number
  readonly body: { readonly _tag?: string; readonly message?: string; readonly [key: string]: unknown }
  readonly headers: Headers
}

/** A raw request, the way any HTTP client sends it: as the bootstrap admin unless `headers` says otherwise, and
 * with `Content-Type: application/json` when it has a body. */
export const send = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
  Effect.flatMap(baseUrl, (url) =>
    Effect.promise(async (): Promise<Reply> => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...bearer(),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...headers
        },
        ...(body === undefined ? {} : { body })
      })
      const text = await response.text()
      let parsed: Reply["body"] = {}
      try {
        parsed = text === "" ? {} : JSON.parse(text)
      } catch {
        parsed = { raw: text }
      }
      return { status: response.status, body: parsed, headers: response.headers }
    })
  )

/** Whether `METHOD /concrete/path` matches an OpenAPI `METHOD /template/{param}`. */
export const matchesOperation = (request: string, operation: string): boolean => {
  const [method, template] = operation.split(" ")
  const pattern = new RegExp(`^${method} ${template!.replace(/\{[^}]+\}/g, "[^/]+")}$`)
  return pattern.test(request)
}

/** A console that keeps every line written to it in `lines`. */
export const recordingConsole = (lines: Array<string>): Console.Console => {
  const record = (...args: ReadonlyArray<unknown>) =>
    Effect.sync(() => {
      lines.push(args.map(String).join(" "))
    })
  return {
    [Console.TypeId]: Console.TypeId,
    log: record,
    info: record,
    warn: record,
    error: record,
    debug: record,
    trace: record,
    assert: () => Effect.void,
    clear: Effect.void,
    count: () => Effect.void,
    countReset: () => Effect.void,
    dir: () => Effect.void,
    dirxml: () => Effect.void,
    group: () => Effect.void,
    groupEnd: Effect.void,
    table: () => Effect.void,
    time: () => Effect.void,
    timeEnd: () => Effect.void,
    timeLog: () => Effect.void,
    unsafe: globalThis.console
  }
}
