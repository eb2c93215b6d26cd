import { IdempotencyRepository } from "@agency-crm/core"
import { DateTime, Effect, Option, Schema } from "effect"
import { IdempotencyRow } from "./rows.js"
import type { Db } from "./sql.js"

const encodeRow = Schema.encodeSync(IdempotencyRow)

/** Idempotency records, found by their primary key and purged through the index on their age. */
export const makeIdempotencyRepository = (db: Db) =>
  IdempotencyRepository.of({
    find: (scope, key) =>
      Effect.map(
        db.runDecoded(
          IdempotencyRow,
          "idempotency_keys.find",
          "SELECT * FROM idempotency_keys WHERE scope = ? AND key = ?",
          [scope, key]
        ),
        (rows) => Option.fromNullable(rows[0])
      ),
    save: (record) => {
      const row = encodeRow(record)
      return Effect.asVoid(
        db.run(
          "idempotency_keys.save",
          `INSERT INTO idempotency_keys (scope, key, fingerprint, status, headers, body, createdAt)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (scope, key) DO UPDATE SET fingerprint = excluded.fingerprint, status = excluded.status,
              headers = excluded.headers, body = excluded.body, createdAt = excluded.createdAt`,
          [row.scope, row.key, row.fingerprint, row.status, row.headers, row.body, row.createdAt]
        )
      )
    },
    purge: (before) =>
      Effect.map(
        db.run("idempotency_keys.purge", "DELETE FROM idempotency_keys WHERE createdAt < ? RETURNING 1", [
          DateTime.toEpochMillis(before)
        ]),
        (rows) => rows.length
      )
  })
