import { Migrator } from "@effect/sql"
import initial from "./0001_initial.js"
import search from "./0002_search.js"
import access from "./0003_access.js"
import idempotency from "./0004_idempotency.js"
import referenceIndexes from "./0005_reference_indexes.js"
import sales from "./0006_sales.js"
import reportIndexes from "./0007_report_indexes.js"
import reportFacts from "./0008_report_facts.js"
import consumerPositions from "./0009_consumer_positions.js"
import erasure from "./0010_erasure.js"

const record = {
  "0001_initial": initial,
  "0002_search": search,
  "0003_access": access,
  "0004_idempotency": idempotency,
  "0005_reference_indexes": referenceIndexes,
  "0006_sales": sales,
  "0007_report_indexes": reportIndexes,
  "0008_report_facts": reportFacts,
  "0009_consumer_positions": consumerPositions,
  "0010_erasure": erasure
}

/** Every migration, bundled (no file-system loader); a shipped migration is never edited. */
export const migrations = Migrator.fromRecord(record)

/** The schema version this adapter writes: the id of its newest migration. */
export const LATEST_MIGRATION = Math.max(...Object.keys(record).map((id) => Number.parseInt(id, 10)))
