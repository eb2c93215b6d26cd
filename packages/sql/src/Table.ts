import {
  type AnyAggregate,
  Codec,
  type EntityOf,
  type EntityType,
  fieldOf,
  type FilterSpec,
  type ListRequest,
  type ListSpec,
  NotFound,
  type Repository,
  type SearchDocument,
  type StorageError,
  type Stored,
  VersionConflict
} from "@agency-crm/core"
import { Effect, Either, Option, Schema } from "effect"
import { columnOf, rowOf } from "./rows.js"
import { type Fragment, fragment, inList, keyset, type SqlValue, storageError, where, type Db } from "./sql.js"

/** A sortable column: its name, and whether it holds NULLs (which sort first). */
export interface SortColumn {
  readonly column: string
  readonly nullable: boolean
}

/** How one entity is stored in one table. */
export interface TableSpec<A extends Stored, F, Field extends string, I extends object> {
  readonly table: string
  readonly entity: EntityType
  /** Decodes a row into the entity and encodes the entity into column values. */
  readonly row: Schema.Schema<A, I>
  /** Every column: the row's fields and the stored sort keys. */
  readonly columns: ReadonlyArray<string>
  readonly list: ListSpec<A, Field>
  /** Extra columns holding core's sort keys (so SQL sorts exactly like the reference). */
  readonly keys: (entity: A) => Readonly<Record<string, SqlValue>>
  readonly sort: { readonly [K in Field]: SortColumn }
  readonly filter: (filter: F) => ReadonlyArray<Fragment>
  /** The entity's search document, when the aggregate is searchable. */
  readonly search?: ((entity: A) => SearchDocument) | undefined
}

/** Builds the SQL condition of one filter, given the filter's name and value. */
export type FilterSql = (value: any) => Fragment

const filterSql = (name: string, spec: FilterSpec<any>, encode: (value: unknown) => SqlValue): FilterSql => {
  const column = fieldOf(name, spec)
  switch (spec.kind) {
    case "eq":
      return (value) => fragment(`${column} = ?`, encode(value))
    case "among":
      return (values: ReadonlyArray<string>) => inList(column, values)
    case "isNull":
      return (value: boolean) => fragment(value ? `${column} IS NULL` : `${column} IS NOT NULL`)
    case "isSet":
      return (value: boolean) => fragment(value ? `${column} IS NOT NULL` : `${column} IS NULL`)
    case "from":
      return (value) => fragment(`${column} >= ?`, encode(value))
    case "before":
      return (value) => fragment(`${column} < ?`, encode(value))
  }
}

/** The table of an aggregate, derived from its declaration: the table is its plural, the columns are its row's
 * fields and its stored sort keys, and every filter and sort maps to those columns. `filters` replaces the
 * condition of a filter where a better one exists (one an index serves). */
export const tableOf = <G extends AnyAggregate>(
  aggregate: G,
  options: { readonly filters?: { readonly [name: string]: FilterSql } } = {}
): TableSpec<EntityOf<G>, any, string, any> => {
  const row = rowOf(aggregate.schema) as Schema.Schema<EntityOf<G>, Record<string, unknown>>
  const fields = rowFields(row)
  const sorts = Object.entries(aggregate.sorts)
  const stored = sorts.flatMap(([, sort]) => (sort.stored === undefined ? [] : [[sort.stored, sort] as const]))
  const conditions = Object.entries(aggregate.filters).map(([name, spec]) => {
    if (!(fieldOf(name, spec) in fields)) throw new Error(`${aggregate.name}: filter ${name} names no column`)
    // Filter values were validated by the list query, so encoding them cannot fail.
    const encodeValue = Codec.encoder(columnOf(spec.value) as Schema.Schema<unknown, unknown, never>)
    const encode = (value: unknown) => columnValue({ value: Either.getOrThrow(encodeValue(value)) }, "value")
    return [name, options.filters?.[name] ?? filterSql(name, spec, encode)] as const
  })
  return {
    table: aggregate.plural,
    entity: aggregate.name as EntityType,
    row,
    columns: [...Object.keys(fields), ...stored.map(([column]) => column)],
    list: aggregate.list as ListSpec<EntityOf<G>, string>,
    keys: (entity) =>
      Object.fromEntries(
        stored.map(([column, sort]) => [column, sort.key((entity as Record<string, unknown>)[sort.field])])
      ),
    sort: Object.fromEntries(
      sorts.map(([name, sort]) => [name, { column: sort.stored ?? sort.field, nullable: sort.nullable }])
    ),
    filter: (filter: Record<string, unknown>) =>
      conditions.flatMap(([name, condition]) => (filter[name] === undefined ? [] : [condition(filter[name])])),
    search: aggregate.search
  }
}

// The fields of a row schema: of its struct, or of every member of a union of structs.
const rowFields = (row: Schema.Schema.Any): Schema.Struct.Fields => {
  const from = (schema: Schema.Schema.Any): Schema.Struct.Fields =>
    "members" in schema
      ? Object.assign({}, ...(schema.members as ReadonlyArray<Schema.Schema.Any>).map(from))
      : (schema as unknown as { readonly from: { readonly fields: Schema.Struct.Fields } }).from.fields
  return from(row)
}

const columnValue = (row: object, column: string): SqlValue => {
  const value = (row as Readonly<Record<string, unknown>>)[column]
  if (value === undefined || value === null) return null
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint") return value
  return JSON.stringify(value)
}

/** What an adapter adds to each write of a repository, in its transaction (PostgreSQL keeps its search documents
 * here; SQLite's triggers do it in the database). */
export interface RepositoryHooks {
  readonly written?:
    ((spec: TableSpec<any, any, any, any>, entity: Stored) => Effect.Effect<void, StorageError>) | undefined
  readonly removed?:
    ((spec: TableSpec<any, any, any, any>, ids: ReadonlyArray<string>) => Effect.Effect<void, StorageError>) | undefined
}

/** A core repository over one table. */
export const makeRepository = <A extends Stored, F, Field extends string, I extends object>(
  db: Db,
  spec: TableSpec<A, F, Field, I>,
  hooks: RepositoryHooks = {}
): Repository<A, A["id"], F, Field> => {
  const index = (entity: A): Effect.Effect<void, StorageError> => hooks.written?.(spec, entity) ?? Effect.void
  const unindex = (ids: ReadonlyArray<string>): Effect.Effect<void, StorageError> =>
    ids.length === 0 || hooks.removed === undefined ? Effect.void : hooks.removed(spec, ids)
  const encode = Codec.encoder(spec.row)
  const values = (entity: A) =>
    Effect.map(Either.mapLeft(encode(entity), storageError(`${spec.table}.encode`)), (encoded) => {
      const keys = spec.keys(entity)
      return spec.columns.map((column) => (column in keys ? keys[column]! : columnValue(encoded, column)))
    })
  const placeholders = spec.columns.map(() => "?").join(", ")
  const insertSql = `INSERT INTO ${spec.table} (${spec.columns.join(", ")}) VALUES (${placeholders})`
  const updatable = spec.columns.filter((c) => c !== "id")
  const updateSql = `UPDATE ${spec.table} SET ${updatable.map((c) => `${c} = ?`).join(", ")} WHERE id = ? AND version = ? RETURNING id`
  const removeSql = `DELETE FROM ${spec.table} WHERE id = ? AND version = ? RETURNING id`
  const versionSql = `SELECT version FROM ${spec.table} WHERE id = ?`
  const findSql = `SELECT * FROM ${spec.table} WHERE id = ?`
  const Version = Schema.Struct({ version: Schema.Number })

  // After a compare-and-set touched no row: either the row is gone or its version moved.
  const missed = (id: string, expected: number): Effect.Effect<never, NotFound | VersionConflict | StorageError> =>
    Effect.flatMap(
      db.runDecoded(Version, `${spec.table}.version`, versionSql, [id]),
      ([found]): Effect.Effect<never, NotFound | VersionConflict> =>
        found === undefined
          ? Effect.fail(NotFound.of(spec.entity, id))
          : Effect.fail(VersionConflict.of(spec.entity, id, expected, found.version))
    )

  const select = (filter: F) => where(spec.filter(filter))

  return {
    insert: (entity) =>
      Effect.flatMap(values(entity), (params) =>
        Effect.zipRight(db.run(`${spec.table}.insert`, insertSql, params), index(entity))
      ),
    update: (entity) =>
      Effect.gen(function* () {
        const params = (yield* values(entity)).slice(1)
        const touched = yield* db.run(`${spec.table}.update`, updateSql, [...params, entity.id, entity.version - 1])
        if (touched.length === 0) return yield* missed(entity.id, entity.version - 1)
        yield* index(entity)
      }),
    remove: (entity) =>
      Effect.gen(function* () {
        const touched = yield* db.run(`${spec.table}.remove`, removeSql, [entity.id, entity.version])
        if (touched.length === 0) return yield* missed(entity.id, entity.version)
        yield* unindex([entity.id])
      }),
    findById: (id) =>
      Effect.map(db.runDecoded(spec.row, `${spec.table}.findById`, findSql, [id]), (rows) =>
        Option.fromNullable(rows[0])
      ),
    list: (request: ListRequest<F, Field>) => {
      const { column, nullable } = spec.sort[request.sortBy]
      const after = keyset(column, nullable, request.order, request.after)
      const condition = where(after === null ? spec.filter(request.filter) : [...spec.filter(request.filter), after])
      const direction = request.order === "asc" ? "ASC" : "DESC"
      // NULL keys first ascending, last descending: core's order (SQLite's default, written out for PostgreSQL).
      const nulls = request.order === "asc" ? "NULLS FIRST" : "NULLS LAST"
      const text = `SELECT * FROM ${spec.table} WHERE ${condition.text} ORDER BY ${column} ${direction} ${nulls}, id ${direction} LIMIT ?`
      return db.runDecoded(spec.row, `${spec.table}.list`, text, [...condition.params, request.limit])
    },
    count: (filter) => {
      const condition = select(filter)
      return Effect.map(
        db.runDecoded(
          Schema.Struct({ n: Schema.Number }),
          `${spec.table}.count`,
          `SELECT COUNT(*) AS n FROM ${spec.table} WHERE ${condition.text}`,
          condition.params
        ),
        (rows) => rows[0]?.n ?? 0
      )
    },
    removeWhere: (filter) => {
      const condition = select(filter)
      return Effect.tap(
        db.runDecoded(
          spec.row,
          `${spec.table}.removeWhere`,
          `DELETE FROM ${spec.table} WHERE ${condition.text} RETURNING *`,
          condition.params
        ),
        (rows) => unindex(rows.map((row) => row.id))
      )
    }
  }
}
