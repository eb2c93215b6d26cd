import { DateTime, Schema } from "effect"

/** How a list filter tests one field of an entity; adapters translate each kind into their own query. */
export type FilterKind =
  /** the field equals the value */
  | "eq"
  /** the field is one of the values (a non-empty list) */
  | "among"
  /** `true`: the field is null; `false`: it is not */
  | "isNull"
  /** `true`: the field is set; `false`: it is null */
  | "isSet"
  /** the field is at or after the value (null fields never match) */
  | "from"
  /** the field is before the value (null fields never match) */
  | "before"

/** One list filter: which field it tests, how, and the schema of the value a caller gives. */
export interface FilterSpec<V = unknown> {
  readonly kind: FilterKind
  /** The entity field tested; defaults to the filter's own name. */
  readonly field: string | undefined
  /** The schema of one value: the element of an `among` list, the bound of a range, the compared value. */
  readonly value: Schema.Schema<any, any>
  /** The schema of the filter as the list query takes it. */
  readonly schema: Schema.Schema<V, any>
}

const spec = <V>(kind: FilterKind, value: Schema.Schema<any, any>, schema: Schema.Schema<V, any>, field?: string) =>
  ({ kind, value, schema, field }) as FilterSpec<V>

/** The field equals the given value. */
export const eq = <A, I>(value: Schema.Schema<A, I>, field?: string): FilterSpec<A> => spec("eq", value, value, field)

/** The field is one of the given values. */
export const among = <A, I>(value: Schema.Schema<A, I>, field?: string): FilterSpec<ReadonlyArray<A>> =>
  spec("among", value, Schema.Array(value).pipe(Schema.minItems(1)), field)

/** `true` keeps the rows where `field` is null, `false` the others. */
export const isNull = (field: string): FilterSpec<boolean> => spec("isNull", Schema.Boolean, Schema.Boolean, field)

/** `true` keeps the rows where `field` is set, `false` those where it is null. */
export const isSet = (field: string): FilterSpec<boolean> => spec("isSet", Schema.Boolean, Schema.Boolean, field)

/** The field is at or after the value (inclusive); rows where it is null never match. */
export const from = <A, I>(field: string, value: Schema.Schema<A, I>): FilterSpec<A> =>
  spec("from", value, value, field)

/** The field is before the value (exclusive); rows where it is null never match. */
export const before = <A, I>(field: string, value: Schema.Schema<A, I>): FilterSpec<A> =>
  spec("before", value, value, field)

/** Filter specs by filter name. */
export type FilterSpecs = { readonly [name: string]: FilterSpec<any> }

/** The filter a list takes: every filter optional. */
export type FilterOf<F extends FilterSpecs> = {
  readonly [K in keyof F]?: (F[K] extends FilterSpec<infer V> ? V : never) | undefined
}

/** The field a filter tests. */
export const fieldOf = (name: string, filter: FilterSpec<any>): string => filter.field ?? name

// Instants compare by epoch milliseconds; dates (`YYYY-MM-DD`) and other strings by code unit.
const comparable = (value: unknown): unknown => (DateTime.isDateTime(value) ? DateTime.toEpochMillis(value) : value)

const test = (kind: FilterKind, wanted: any, actual: unknown): boolean => {
  switch (kind) {
    case "eq":
      return actual === wanted
    case "among":
      return (wanted as ReadonlyArray<unknown>).includes(actual)
    case "isNull":
      return wanted === (actual == null)
    case "isSet":
      return wanted === (actual != null)
    case "from":
      return actual != null && (comparable(actual) as number) >= (comparable(wanted) as number)
    case "before":
      return actual != null && (comparable(actual) as number) < (comparable(wanted) as number)
  }
}

/** The reference semantics of a filter (the in-memory adapter's; the contract suite holds the others to it).
 * A field an entity lacks (the other variant's field) reads as null. */
export const matcher = <A, F extends FilterSpecs>(specs: F) => {
  const entries = Object.entries(specs).map(([name, s]) => [name, s.kind, fieldOf(name, s)] as const)
  return (filter: FilterOf<F>, row: A): boolean => {
    for (const [name, kind, field] of entries) {
      const wanted = (filter as Record<string, unknown>)[name]
      if (wanted !== undefined && !test(kind, wanted, (row as Record<string, unknown>)[field] ?? null)) return false
    }
    return true
  }
}
