import { Effect, Layer } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { SqliteStore } from "../src/index.js"

/** A fresh temp directory for the lifetime of the scope. */
export const tempDir = Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(join(tmpdir(), "agency-crm-sqlite-"))),
  (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
)

/** A SQLite store on a new temp file each time the layer is built. */
export const layerTempFile = (options: Omit<SqliteStore.SqliteStoreOptions, "filename"> = {}) =>
  Layer.unwrapScoped(Effect.map(tempDir, (dir) => SqliteStore.layer({ ...options, filename: join(dir, "crm.db") })))
