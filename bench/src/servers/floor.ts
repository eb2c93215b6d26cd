import { HttpApi, HttpApiBuilder, HttpApiEndpoint, HttpApiGroup, HttpServer } from "@effect/platform"
import { NodeHttpServer, NodeRuntime } from "@effect/platform-node"
import { SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Console, Effect, Layer, Schema } from "effect"
import { createServer } from "node:http"

// The framework's floor: the same two reads as one HttpApi over an @effect/sql SqliteClient, with no domain
// code, no validation beyond the path, no authentication. Usage: node floor-server.js <database file>.
const Rows = Schema.Array(Schema.Record({ key: Schema.String, value: Schema.Unknown }))

class FloorApi extends HttpApi.make("floor").add(
  HttpApiGroup.make("reads")
    .add(
      HttpApiEndpoint.get("task", "/tasks/:id")
        .setPath(Schema.Struct({ id: Schema.String }))
        .addSuccess(Schema.Unknown)
    )
    .add(
      HttpApiEndpoint.get("overdue", "/tracking/overdue")
        .setUrlParams(Schema.Struct({ limit: Schema.optional(Schema.String) }))
        .addSuccess(Schema.Struct({ items: Rows, nextCursor: Schema.Null }))
    )
) {}

const ReadsLive = HttpApiBuilder.group(FloorApi, "reads", (handlers) =>
  Effect.map(SqlClient.SqlClient, (sql) =>
    handlers
      .handle("task", ({ path }) =>
        Effect.orDie(Effect.map(sql`SELECT * FROM tasks WHERE id = ${path.id}`, (rows) => rows[0] ?? null))
      )
      .handle("overdue", () =>
        Effect.orDie(
          Effect.map(
            sql.unsafe(
              "SELECT * FROM tasks WHERE (status IN ('todo', 'in_progress', 'in_review', 'blocked')) AND (dueDate < ?) ORDER BY dueDate ASC, id ASC LIMIT ?",
              [new Date().toISOString().slice(0, 10), 50]
            ),
            (items) => ({ items: items as ReadonlyArray<Record<string, unknown>>, nextCursor: null })
          )
        )
      )
  )
)

const announce = Layer.effectDiscard(
  Effect.flatMap(HttpServer.HttpServer, (server) =>
    Console.log(`listening ${server.address._tag === "TcpAddress" ? server.address.port : 0}`)
  )
)

const app = HttpApiBuilder.serve().pipe(
  Layer.provide(HttpApiBuilder.api(FloorApi).pipe(Layer.provide(ReadsLive))),
  Layer.provide(SqliteClient.layer({ filename: process.argv[2]!, readonly: true }))
)

// Announced once the app serves, on the one server both use.
announce.pipe(
  Layer.provide(app),
  Layer.provide(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" })),
  Layer.launch,
  NodeRuntime.runMain
)
