import { ApiKeyLookup, StoredApiKey } from "@agency-crm/core"
import type { SqlClient } from "@effect/sql"
import { Effect, Option } from "effect"
import { rowOf } from "./rows.js"
import { runDecoded } from "./sql.js"

const ApiKeyRow = rowOf(StoredApiKey)

/** API keys found by the hash of their secret, through its unique index. */
export const makeApiKeyLookup = (sql: SqlClient.SqlClient) =>
  ApiKeyLookup.of({
    findByHash: (hash) =>
      Effect.map(
        runDecoded(sql, ApiKeyRow, "api_keys.findByHash", "SELECT * FROM api_keys WHERE hash = ?", [hash]),
        (rows) => Option.fromNullable(rows[0])
      )
  })
