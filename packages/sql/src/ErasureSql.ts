import { Erasure, type PurgeOutcome, type StorageError } from "@agency-crm/core"
import { Effect } from "effect"
import type { Db } from "./sql.js"

/** How an adapter lifts the log's append-only guard for the length of one rewrite, and purges after an erasure. */
export interface ErasureParts {
  /** Statements run before the rewrite, in its transaction, that let `changes` be updated. */
  readonly allow: ReadonlyArray<string>
  /** Statements run after it that put the guard back. */
  readonly disallow: ReadonlyArray<string>
  /** The adapter's purge of old copies from its files, after commit. */
  readonly purge: Effect.Effect<PurgeOutcome, StorageError>
}

/** Erasure on a SQL store: events' change lists rewritten inside the caller's transaction, the guard lifted only
 * meanwhile; stored idempotent responses holding a value deleted. */
export const makeErasure = (db: Db, parts: ErasureParts) =>
  Erasure.of({
    rewriteChanges: (rewrites) =>
      rewrites.length === 0
        ? Effect.void
        : Effect.gen(function* () {
            for (const statement of parts.allow) yield* db.run("events.erase", statement)
            for (const rewrite of rewrites) {
              yield* db.run("events.erase", "UPDATE events SET changes = ? WHERE sequence = ?", [
                JSON.stringify(rewrite.changes),
                rewrite.sequence
              ])
            }
            for (const statement of parts.disallow) yield* db.run("events.erase", statement)
          }),
    forgetResponses: (needles) =>
      Effect.map(
        Effect.forEach(needles, (needle) =>
          db.run(
            "idempotency_keys.forget",
            // An exact substring: the needle's own % and _ are escaped.
            "DELETE FROM idempotency_keys WHERE body LIKE '%' || ? || '%' ESCAPE '\\' RETURNING 1",
            [needle.replace(/[\\%_]/g, (c) => `\\${c}`)]
          )
        ),
        (deleted) => deleted.reduce((sum, rows) => sum + rows.length, 0)
      ),
    purge: parts.purge
  })
