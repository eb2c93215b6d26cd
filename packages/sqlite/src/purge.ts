import type { PurgeOutcome } from "@agency-crm/core"
import type { Db } from "@agency-crm/sql"
import { Effect } from "effect"

/**
 * After an erasure: the full-text index is merged into one segment (FTS5 keeps a replaced document's words in its
 * old segments until they merge), and the write-ahead log is checkpointed and truncated, so the old pages are in
 * neither file; with `secure_delete` on, the pages they left are zeroed. A reader holding an old snapshot keeps the
 * log from being truncated: the outcome says so.
 */
export const purgeAfterErasure = (db: Db) =>
  Effect.gen(function* () {
    yield* db.run("search.optimize", "INSERT INTO search_fts (search_fts) VALUES ('optimize')")
    const [row] = yield* db.run("wal.checkpoint", "PRAGMA wal_checkpoint(TRUNCATE)")
    const busy = Number(row?.["busy"] ?? 0) !== 0
    const outcome: PurgeOutcome = busy
      ? {
          complete: false,
          detail:
            "the write-ahead log could not be truncated while another connection was reading; it is on the next checkpoint (run the erasure again, or stop the server, to be sure now)"
        }
      : {
          complete: true,
          detail: "search index merged, write-ahead log checkpointed and truncated, freed pages zeroed (secure_delete)"
        }
    return outcome
  })
