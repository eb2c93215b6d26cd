import type { PurgeOutcome } from "@agency-crm/core"
import type { Db } from "@agency-crm/sql"
import { Effect } from "effect"

// The tables an erasure rewrites rows of.
const TABLES = ["contacts", "interactions", "opportunities", "tasks", "events", "search_docs", "idempotency_keys"]

/**
 * After an erasure: the rewritten tables are vacuumed, so the old row versions are gone from every query and their
 * space is free for reuse. PostgreSQL does not zero that space, and its write-ahead log and any base backup keep
 * what was written until they are recycled; the outcome says so rather than claim more.
 */
export const purgeAfterErasure = (db: Db) =>
  Effect.gen(function* () {
    yield* db.run("erasure.vacuum", `VACUUM ${TABLES.join(", ")}`)
    const outcome: PurgeOutcome = {
      complete: false,
      detail:
        "rows rewritten and the tables vacuumed; PostgreSQL may keep the old bytes in free space, WAL segments and backups until they are reused (VACUUM FULL rewrites the tables)"
    }
    return outcome
  })
