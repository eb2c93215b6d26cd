import type { StoragePorts } from "@agency-crm/core"
import { PostgresStore } from "@agency-crm/postgres"
import { SqliteStore } from "@agency-crm/sqlite"
import { type Context, Effect, Layer, type Scope } from "effect"
import type { Target } from "./database.js"
import { CommandFailed } from "./errors.js"

/** The storage ports on `target`, opened (and migrated) for the scope. */
export const openStore = (target: Target): Effect.Effect<Context.Context<StoragePorts>, CommandFailed, Scope.Scope> =>
  Layer.build(
    (target._tag === "Sqlite"
      ? SqliteStore.layer({ filename: target.filename })
      : PostgresStore.layer({ url: target.url, maxConnections: 2 })) as Layer.Layer<StoragePorts, { message: string }>
  ).pipe(Effect.mapError((error) => new CommandFailed({ message: error.message })))
