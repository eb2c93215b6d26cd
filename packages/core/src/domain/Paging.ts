import { Schema } from "effect"

/** Largest page a list returns; lists are never unbounded. */
export const MAX_LIMIT = 200

/** Page size used when the caller gives none. */
export const DEFAULT_LIMIT = 50

/** Page size: 1 to 200. */
export const Limit = Schema.Int.pipe(Schema.between(1, MAX_LIMIT))

/** Sort direction. */
export const SortOrder = Schema.Literal("asc", "desc")
/** Sort direction. */
export type SortOrder = typeof SortOrder.Type

/** An opaque pagination cursor as returned in `nextCursor`. */
export const Cursor = Schema.String.pipe(Schema.maxLength(1024))

/** A value entities are ordered by; `null` sorts before every other value (SQLite's order). */
export type SortKey = string | number | null

/** Where a page starts: strictly after the entity with this sort key and id. */
export interface Position {
  readonly key: SortKey
  readonly id: string
}

/** A normalized list request as a repository receives it: filters, one sort, a bound, a start position. */
export interface ListRequest<Filter, Field extends string> {
  readonly filter: Filter
  readonly sortBy: Field
  readonly order: SortOrder
  readonly limit: number
  readonly after: Position | null
}

/** One page of a list and the cursor of the next page (`null` on the last page). */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly nextCursor: string | null
}

/** The schema of a page of `item`. */
export const Page = <A, I, R>(item: Schema.Schema<A, I, R>) =>
  Schema.Struct({ items: Schema.Array(item), nextCursor: Schema.NullOr(Schema.String) })

/** Fields every list query has beside its filters. */
export const pagingFields = <Field extends string>(sortFields: Schema.Schema<Field>) => ({
  sortBy: Schema.optional(sortFields),
  order: Schema.optional(SortOrder),
  limit: Schema.optional(Limit),
  cursor: Schema.optional(Cursor)
})

/** Orders two sort keys: `null` first, numbers numerically, strings by code unit. */
export const compareKeys = (a: SortKey, b: SortKey): number => {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  return a < b ? -1 : 1
}

/** Orders two positions by key, then id, so every order is total. */
export const comparePositions = (a: Position, b: Position): number => {
  const byKey = compareKeys(a.key, b.key)
  if (byKey !== 0) return byKey
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** Whether `candidate` comes after `position` in the given order. */
export const isAfter = (candidate: Position, position: Position, order: SortOrder): boolean => {
  const c = comparePositions(candidate, position)
  return order === "asc" ? c > 0 : c < 0
}
