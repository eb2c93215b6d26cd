import { Crm, IdGenerator } from "@agency-crm/core"
import { SqliteStore } from "@agency-crm/sqlite"
import { NodeHttpServer } from "@effect/platform-node"
import { Layer } from "effect"
import { CrmHttpClient, CrmHttpServer } from "../src/index.js"

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
