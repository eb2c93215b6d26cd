import { ApiKeyLookup, type StoredApiKey } from "@agency-crm/core"
import type { SqlClient } from "@effect/sql"
import { Effect, Option, type Schema } from "effect"
import { runDecoded } from "./sql.js"
import { tableFor } from "./tables.js"

// The same row codec the repository reads keys with (compiled once).
const ApiKeyRow = tableFor("api_key").row as Schema.Schema<StoredApiKey, any>

/** API keys found by the hash of their secret, through its unique index. */
export const makeApiKeyLookup = (sql: SqlClient.SqlClient) =>
  ApiKeyLookup.of({
    findByHash: (hash) =>
      Effect.map(
        runDecoded(sql, ApiKeyRow, "api_keys.findByHash", "SELECT * FROM api_keys WHERE hash = ?", [hash]),
        (rows) => Option.fromNullable(rows[0])
      )
  })
