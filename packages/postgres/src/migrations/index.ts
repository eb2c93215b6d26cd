import { Migrator } from "@effect/sql"
import schema from "./0001_schema.js"
import erasure from "./0002_erasure.js"

const record = {
  "0001_schema": schema,
  "0002_erasure": erasure
}

/** Every migration, bundled; a shipped migration is never edited. */
export const migrations = Migrator.fromRecord(record)

/** The schema version this adapter writes: the id of its newest migration. */
export const LATEST_MIGRATION = Math.max(...Object.keys(record).map((id) => Number.parseInt(id, 10)))
