import { ApiKeyLookup, type StoredApiKey } from "@agency-crm/core"
import { Effect, Option, type Schema } from "effect"
import type { Db } from "./sql.js"
import { tableFor } from "./tables.js"

// The same row codec the repository reads keys with (compiled once).
const ApiKeyRow = tableFor("api_key").row as Schema.Schema<StoredApiKey, any>

/** API keys found by the hash of their secret, through its unique index. */
export const makeApiKeyLookup = (db: Db) =>
  ApiKeyLookup.of({
    findByHash: (hash) =>
      Effect.map(
        db.runDecoded(ApiKeyRow, "api_keys.findByHash", "SELECT * FROM api_keys WHERE hash = ?", [hash]),
        (rows) => Option.fromNullable(rows[0])
      )
  })
