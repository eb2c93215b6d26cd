import { Codec, StorageError, type Position, type SortOrder } from "@agency-crm/core"
import type { SqlClient, SqlError } from "@effect/sql"
import { Effect, Either, type ParseResult, Schema } from "effect"

/** A value bound to a statement parameter. */
export type SqlValue = string | number | bigint | null

/** A piece of SQL with its parameters. */
export interface Fragment {
  readonly text: string
  readonly params: ReadonlyArray<SqlValue>
}

/** A fragment. */
export const fragment = (text: string, ...params: ReadonlyArray<SqlValue>): Fragment => ({ text, params })

/** Joins conditions with AND (`TRUE` when there are none). */
export const where = (conditions: ReadonlyArray<Fragment>): Fragment =>
  conditions.length === 0
    ? fragment("TRUE")
    : { text: conditions.map((c) => `(${c.text})`).join(" AND "), params: conditions.flatMap((c) => c.params) }

/** An IN-list of values from a closed set (validated enums), inlined so partial indexes can match it. */
export const inList = (column: string, values: ReadonlyArray<string>): Fragment =>
  fragment(`${column} IN (${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", ")})`)

/**
 * The keyset condition "strictly after `after` in this order", matching core's order: by key then id,
 * NULL keys first ascending. Row values let SQLite seek in the (key, id) index.
 */
export const keyset = (
  column: string,
  nullable: boolean,
  order: SortOrder,
  after: Position | null
): Fragment | null => {
  if (after === null) return null
  const { id, key } = after
  if (order === "asc") {
    return key === null
      ? fragment(`(${column} IS NULL AND id > ?) OR ${column} IS NOT NULL`, id)
      : fragment(`(${column}, id) > (?, ?)`, key, id)
  }
  if (key === null) return fragment(`${column} IS NULL AND id < ?`, id)
  return nullable
    ? fragment(`(${column}, id) < (?, ?) OR ${column} IS NULL`, key, id)
    : fragment(`(${column}, id) < (?, ?)`, key, id)
}

/** Turns a driver or decoding failure into the port's `StorageError`. */
export const storageError =
  (operation: string) =>
  (cause: SqlError.SqlError | ParseResult.ParseError): StorageError =>
    new StorageError({
      operation,
      message:
        cause._tag === "ParseError"
          ? `stored row does not decode: ${cause.message}`
          : // The driver's own words (constraint, syntax) are in the cause.
            `${cause.message}: ${cause.cause instanceof Error ? cause.cause.message : String(cause.cause)}`,
      cause
    })

// Statements are written with `?` placeholders (as the SQLite adapter's are); node-postgres numbers them.
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

/** Runs a statement and returns its rows. */
export const run = (
  sql: SqlClient.SqlClient,
  operation: string,
  text: string,
  params: ReadonlyArray<SqlValue> = []
): Effect.Effect<ReadonlyArray<Record<string, unknown>>, StorageError> => {
  if (observers.size > 0) for (const observe of observers) observe(numberPlaceholders(text), params)
  return Effect.mapError(
    sql.unsafe<Record<string, unknown>>(numberPlaceholders(text), params as Array<SqlValue>),
    storageError(operation)
  )
}

// Row decoders are compiled once per row schema, not once per query, into synchronous code (row schemas have
// no effects), which spares Effect's general parser its per-node overhead on every row.
const decoders = new WeakMap<object, (rows: unknown) => Either.Either<ReadonlyArray<unknown>, ParseResult.ParseError>>()

const decoderOf = <A, I>(schema: Schema.Schema<A, I, never>) => {
  let decode = decoders.get(schema)
  if (decode === undefined) {
    decode = Codec.decoder(Schema.Array(schema))
    decoders.set(schema, decode)
  }
  return decode as (rows: unknown) => Either.Either<ReadonlyArray<A>, ParseResult.ParseError>
}

/** Runs a statement and decodes its rows with `schema`. */
export const runDecoded = <A, I>(
  sql: SqlClient.SqlClient,
  schema: Schema.Schema<A, I, never>,
  operation: string,
  text: string,
  params: ReadonlyArray<SqlValue> = []
): Effect.Effect<ReadonlyArray<A>, StorageError> => {
  const decode = decoderOf(schema)
  return Effect.flatMap(run(sql, operation, text, params), (rows) =>
    Either.mapLeft(decode(rows), storageError(operation))
  )
}
