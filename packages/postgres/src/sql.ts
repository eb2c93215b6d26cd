import type { Execute, SqlValue } from "@agency-crm/sql"
import type { SqlClient } from "@effect/sql"

// The shared statements are written with `?` placeholders; node-postgres wants them numbered.
const numbered = new Map<string, string>()
const numberPlaceholders = (text: string): string => {
  let out = numbered.get(text)
  if (out === undefined) {
    let n = 0
    out = text.replace(/\?/g, () => `$${++n}`)
    numbered.set(text, out)
  }
  return out
}

const observers = new Set<(text: string, params: ReadonlyArray<SqlValue>) => void>()

/** Calls `listener` with every statement the adapter runs (its text, numbered, and its parameters) until the returned
 * function is called: for query-plan checks. */
export const observeStatements = (listener: (text: string, params: ReadonlyArray<SqlValue>) => void) => {
  observers.add(listener)
  return () => void observers.delete(listener)
}

/** How this adapter runs a statement: numbered placeholders, through the client's pool (or its transaction). */
export const executeOn =
  (sql: SqlClient.SqlClient): Execute =>
  (text, params) => {
    const statement = numberPlaceholders(text)
    if (observers.size > 0) for (const observe of observers) observe(statement, params)
    return sql.unsafe<Record<string, unknown>>(statement, params as Array<SqlValue>)
  }
