import { Effect } from "effect"
import type { ListSpec } from "../domain/Entity.js"
import type { ValidationFailed } from "../domain/Errors.js"
import {
  DEFAULT_LIMIT,
  type ListRequest,
  MAX_LIMIT,
  type Page,
  type Position,
  type SortOrder
} from "../domain/Paging.js"
import { decodeCursor, encodeCursor } from "./cursors.js"

/** Paging fields of a list query, as the query schemas declare them. */
export interface PagingQuery<Field extends string> {
  readonly sortBy?: Field | undefined
  readonly order?: SortOrder | undefined
  readonly limit?: number | undefined
  readonly cursor?: string | undefined
}

/** Splits a validated list query into its filter and paging parts. */
export const splitQuery = <Q extends PagingQuery<string>>(
  query: Q
): { readonly filter: Omit<Q, keyof PagingQuery<string>>; readonly paging: PagingQuery<NonNullable<Q["sortBy"]>> } => {
  const { cursor, limit, order, sortBy, ...filter } = query
  return { filter, paging: { cursor, limit, order, sortBy } as PagingQuery<NonNullable<Q["sortBy"]>> }
}

/** Runs a keyset-paginated read: fetches one extra item to know whether a next page exists. */
export const paginate = <A extends { readonly id: string }, Field extends string, Filter, E, R>(
  spec: ListSpec<A, Field>,
  filter: Filter,
  paging: PagingQuery<Field>,
  fetch: (request: ListRequest<Filter, Field>) => Effect.Effect<ReadonlyArray<A>, E, R>
): Effect.Effect<Page<A>, E | ValidationFailed, R> =>
  Effect.gen(function* () {
    const sortBy = paging.sortBy ?? spec.defaultSortBy
    const order = paging.order ?? spec.defaultOrder
    const limit = paging.limit ?? DEFAULT_LIMIT
    const after = paging.cursor === undefined ? null : yield* decodeCursor(paging.cursor, sortBy, order)
    const rows = yield* fetch({ filter, sortBy, order, limit: limit + 1, after })
    if (rows.length <= limit) return { items: rows, nextCursor: null }
    const items = rows.slice(0, limit)
    const last = items[items.length - 1]!
    return { items, nextCursor: encodeCursor(sortBy, order, { key: spec.sortKey(last, sortBy), id: last.id }) }
  })

/** Visits every entity matching a filter, a page of 200 at a time, in creation order. */
export const forEachMatching = <A extends { readonly id: string }, Field extends string, Filter, E, R, E2, R2>(
  spec: ListSpec<A, Field>,
  sortBy: Field,
  filter: Filter,
  fetch: (request: ListRequest<Filter, Field>) => Effect.Effect<ReadonlyArray<A>, E, R>,
  visit: (batch: ReadonlyArray<A>) => Effect.Effect<void, E2, R2>
): Effect.Effect<void, E | E2, R | R2> =>
  Effect.gen(function* () {
    let after: Position | null = null
    while (true) {
      const batch: ReadonlyArray<A> = yield* fetch({ filter, sortBy, order: "asc", limit: MAX_LIMIT, after })
      yield* visit(batch)
      const last = batch[batch.length - 1]
      if (batch.length < MAX_LIMIT || last === undefined) return
      after = { key: spec.sortKey(last, sortBy), id: last.id }
    }
  })

/** Every entity matching a filter, read a page of 200 at a time in `sortBy` order (for reports and rules that need
 * them all). */
export const allMatching = <A extends { readonly id: string }, Field extends string, Filter, E, R>(
  spec: ListSpec<A, Field>,
  sortBy: Field,
  filter: Filter,
  fetch: (request: ListRequest<Filter, Field>) => Effect.Effect<ReadonlyArray<A>, E, R>
): Effect.Effect<ReadonlyArray<A>, E, R> =>
  Effect.suspend(() => {
    const rows: Array<A> = []
    return Effect.as(
      forEachMatching(spec, sortBy, filter, fetch, (batch) => Effect.sync(() => rows.push(...batch))),
      rows
    )
  })

/** The first entity matching a filter in ascending `sortBy` order; `undefined` when none does. */
export const firstMatching = <A, Field extends string, Filter, E, R>(
  sortBy: Field,
  filter: Filter,
  fetch: (request: ListRequest<Filter, Field>) => Effect.Effect<ReadonlyArray<A>, E, R>
): Effect.Effect<A | undefined, E, R> =>
  Effect.map(fetch({ filter, sortBy, order: "asc", limit: 1, after: null }), (rows) => rows[0])

/** Every entity matching a filter and any of `values` for the `among` filter `field`: one read per value, so an
 * adapter can serve each from its (value, sort key) index in order rather than walk the whole sort order and
 * filter. The rows of each value follow those of the one before. */
export const allMatchingEach = <A extends { readonly id: string }, Field extends string, E, R>(
  spec: ListSpec<A, Field>,
  sortBy: Field,
  field: string,
  values: ReadonlyArray<string>,
  filter: Record<string, unknown>,
  fetch: (request: ListRequest<Record<string, unknown>, Field>) => Effect.Effect<ReadonlyArray<A>, E, R>
): Effect.Effect<ReadonlyArray<A>, E, R> =>
  Effect.map(
    Effect.forEach(values, (value) => allMatching(spec, sortBy, { ...filter, [field]: [value] }, fetch)),
    (groups) => groups.flat()
  )
