import { Effect, Layer } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Actor, Clients, Crm, IdGenerator, Projects, Team } from "@agency-crm/core"
import { SqliteStore } from "../src/index.js"

/** A fresh temp directory for the lifetime of the scope. */
export const tempDir = Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "agency-crm-sqlite-"))),
  (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
)

/** A SQLite store on a new temp file each time the layer is built. */
export const layerTempFile = (options: Omit<SqliteStore.SqliteStoreOptions, "filename"> = {}) =>
  Layer.unwrapScoped(Effect.map(tempDir, (dir) => SqliteStore.layer({ ...options, filename: join(dir, "crm.db") })))

/** Every CRM service over a SQLite store on `filename`, with real UUIDv7 ids. */
export const servicesOn = (filename: string, options: Omit<SqliteStore.SqliteStoreOptions, "filename"> = {}) =>
  Crm.layer.pipe(Layer.provideMerge(SqliteStore.layer({ ...options, filename })), Layer.provideMerge(IdGenerator.layer))

/** Runs an effect as the system actor. */
export const asSystem = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provideService(effect, Actor, Actor.system)

/** A manager, a client and an active campaign project of theirs: the parents most tests need. */
export const aProject = Effect.gen(function* () {
  const manager = yield* (yield* Team).create({ name: "Marta", email: "marta@agency.test" })
  const client = yield* (yield* Clients).create({ name: "Acme", kind: "client" })
  const project = yield* (yield* Projects).create({
    clientId: client.id,
    name: "Campaign",
    campaignType: "seo",
    managerId: manager.id
  })
  return { manager, client, project }
})
