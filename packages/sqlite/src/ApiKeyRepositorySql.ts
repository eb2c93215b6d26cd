import type { ApiKeyRepository } from "@agency-crm/core"
import type { SqlClient } from "@effect/sql"
import { Effect, Option } from "effect"
import { ApiKeyRow } from "./rows.js"
import { runDecoded } from "./sql.js"
import { makeRepository } from "./Table.js"
import { apiKeys } from "./tables.js"

/** API keys, found by the hash of their secret through its unique index. */
export const makeApiKeyRepository = (sql: SqlClient.SqlClient): ApiKeyRepository["Type"] => ({
  ...makeRepository(sql, apiKeys),
  findByHash: (hash) =>
    Effect.map(
      runDecoded(sql, ApiKeyRow, "api_keys.findByHash", "SELECT * FROM api_keys WHERE hash = ?", [hash]),
      (rows) => Option.fromNullable(rows[0])
    )
})
