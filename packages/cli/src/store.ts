import { Actor, Crm, IdGenerator, type StoragePorts } from "@agency-crm/core"
import { PostgresStore } from "@agency-crm/postgres"
import { SqliteStore } from "@agency-crm/sqlite"
import { Context, Effect, Layer, type Scope } from "effect"
import type { Target } from "./database.js"
import { CommandFailed } from "./errors.js"

/** What a command works with: every CRM service over the store's ports, acting as the system. */
export type Services = Crm.Services | StoragePorts | IdGenerator | Actor

/** The CRM on `target`, opened (and migrated) for the scope; commands act as the system. */
export const openStore = (target: Target): Effect.Effect<Context.Context<Services>, CommandFailed, Scope.Scope> =>
  Layer.build(
    Crm.layer.pipe(
      Layer.provideMerge(
        (target._tag === "Sqlite"
          ? SqliteStore.layer({ filename: target.filename })
          : PostgresStore.layer({ url: target.url, maxConnections: 2 })) as Layer.Layer<
          StoragePorts,
          { message: string }
        >
      ),
      Layer.provideMerge(IdGenerator.layer)
    )
  ).pipe(
    Effect.map(Context.add(Actor, Actor.system)),
    Effect.mapError((error) => new CommandFailed({ message: error.message }))
  )
