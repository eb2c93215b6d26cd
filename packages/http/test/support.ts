import { Crm, IdGenerator } from "@agency-crm/core"
import { SqliteStore } from "@agency-crm/sqlite"
import { NodeHttpServer } from "@effect/platform-node"
import { HttpApiClient, HttpClient, HttpClientRequest, HttpServer } from "@effect/platform"
import { Effect, Layer } from "effect"
import { CrmApi, CrmHttpClient, CrmHttpServer } from "../src/index.js"

/** The CRM services on a fresh in-memory SQLite database. */
export const Services = Crm.layer.pipe(
  Layer.provideMerge(SqliteStore.layerMemory),
  Layer.provideMerge(IdGenerator.layer)
)

/** A real server on an ephemeral port, and an `HttpClient` pointed at it. */
export const TestServer = (options: CrmHttpServer.ServerOptions = {}) =>
  CrmHttpServer.layer(options).pipe(Layer.provide(Services), Layer.provideMerge(NodeHttpServer.layerTest))

/** The typed client acting as `actorId`. */
export const client = (actorId = "system") => CrmHttpClient.make({ actorId })

/** A typed client that also records every request it sends (`METHOD /path`). */
export const recordingClient = (actorId: string, seen: Array<string>) =>
  HttpApiClient.make(CrmApi, {
    transformClient: (c) =>
      c.pipe(
        HttpClient.mapRequest(HttpClientRequest.setHeader("x-actor-id", actorId)),
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

/** Whether `METHOD /concrete/path` matches an OpenAPI `METHOD /template/{param}`. */
export const matchesOperation = (request: string, operation: string): boolean => {
  const [method, template] = operation.split(" ")
  const pattern = new RegExp(`^${method} ${template!.replace(/\{[^}]+\}/g, "[^/]+")}$`)
  return pattern.test(request)
}
