import { Codec, StorageError, type Position, type SortOrder } from "@agency-crm/core"
import type { SqlError } from "@effect/sql"
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

/** How an adapter runs a statement written with `?` placeholders: its rows, or the driver's error. */
export type Execute = (
  text: string,
  params: ReadonlyArray<SqlValue>
) => Effect.Effect<ReadonlyArray<Record<string, unknown>>, SqlError.SqlError>

/** Statements on one adapter's database, as the shared code runs them. */
export interface Db {
  /** Runs a statement and returns its rows; `operation` names it in a `StorageError`. */
  readonly run: (
    operation: string,
    text: string,
    params?: ReadonlyArray<SqlValue>
  ) => Effect.Effect<ReadonlyArray<Record<string, unknown>>, StorageError>
  /** Runs a statement and decodes its rows with `schema`. */
  readonly runDecoded: <A, I>(
    schema: Schema.Schema<A, I, never>,
    operation: string,
    text: string,
    params?: ReadonlyArray<SqlValue>
  ) => Effect.Effect<ReadonlyArray<A>, StorageError>
}

/** The statements of an adapter whose driver runs them with `execute`. */
export const makeDb = (execute: Execute): Db => {
  const run: Db["run"] = (operation, text, params = []) =>
    Effect.mapError(execute(text, params), storageError(operation))
  return {
    run,
    runDecoded: (schema, operation, text, params = []) => {
      const decode = decoderOf(schema)
      return Effect.flatMap(run(operation, text, params), (rows) =>
        Either.mapLeft(decode(rows), storageError(operation))
      )
    }
  }
}
