import { Effect, Layer } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Actor, Crm, IdGenerator } from "@agency-crm/core"
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
