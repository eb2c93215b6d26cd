import { Migrator } from "@effect/sql"
import initial from "./0001_initial.js"
import search from "./0002_search.js"
import access from "./0003_access.js"
import idempotency from "./0004_idempotency.js"

/** Every migration, bundled (no file-system loader); a shipped migration is never edited. */
export const migrations = Migrator.fromRecord({
  "0001_initial": initial,
  "0002_search": search,
  "0003_access": access,
  "0004_idempotency": idempotency
})

/** The schema version this adapter writes: the id of its newest migration. */
export const LATEST_MIGRATION = 4
