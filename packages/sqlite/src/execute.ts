import type { Execute, SqlValue } from "@agency-crm/sql"
import type { SqlClient } from "@effect/sql"
import { directRunnerOf } from "./Connection.js"

/** How this adapter runs a statement: directly on its own client's connection, through `sql.unsafe` on any other. */
export const executeOn = (sql: SqlClient.SqlClient): Execute => {
  const direct = directRunnerOf(sql)
  return direct === undefined
    ? (text, params) => sql.unsafe<Record<string, unknown>>(text, params as Array<SqlValue>)
    : (text, params) => direct.rows(text, params)
}
