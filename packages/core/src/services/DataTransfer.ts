import { DateTime, Effect, Either, Option, ParseResult, Schema, Stream } from "effect"
import type { AnyAggregate } from "../aggregate/Aggregate.js"
import { aggregateOf, type AggregateName, repositoryIn, type RepositoryPorts } from "../aggregate/registry.js"
import type { Actor } from "../domain/Actor.js"
import type { EntityType } from "../domain/EntityType.js"
import { marketAggregate } from "../domain/Market.js"
import { MAX_LIMIT, type Page } from "../domain/Paging.js"
import { originationAggregate } from "../domain/Origination.js"
import { positionAggregate } from "../domain/Position.js"
import { AlreadyExists, type StorageError, type UnknownActor, ValidationFailed } from "../domain/Errors.js"
import {
  aggregateNameOfKind,
  ImportColumnsInvalid,
  ImportOptions,
  ImportReject,
  ImportRejected,
  ImportReport,
  type ImportSourceFailed,
  REPORTED_REJECTS,
  type SourceRow,
  TransferKind
} from "../domain/Transfer.js"
import { findMalformed, fromParseError, validate } from "../domain/Validation.js"
import type { EventType } from "../events/DomainEvent.js"
import { StoreTransaction } from "../ports/StoreTransaction.js"
import { Access } from "./Access.js"
import { type Column, columnsOf, fromCell } from "./cells.js"
import { decoder } from "../codec/Codec.js"
import { Clients } from "./Clients.js"
import { Contacts } from "./Contacts.js"
import { crudOf } from "./Crud.js"
import { Dependents } from "./Dependents.js"
import { decodeCursor, encodeCursor } from "./cursors.js"
import { derivedServices, serviceOf } from "./derived.js"
import { Interactions } from "./Interactions.js"
import { Opportunities } from "./Opportunities.js"
import { Projects } from "./Projects.js"
import { Tasks } from "./Tasks.js"
import { Team } from "./Team.js"
import { UnitOfWork } from "./UnitOfWork.js"

/** One file of an import: the kind its rows are, its header, and its rows. */
export interface ImportSource {
  readonly kind: TransferKind
  readonly columns: ReadonlyArray<string>
  readonly rows: Stream.Stream<SourceRow, ImportSourceFailed>
}

/** Where the rows of one kind go besides the report (a rejects file, say). */
export type RejectSink = (kind: TransferKind, reject: ImportReject) => Effect.Effect<void>

/** The fields of an entity of `kind`, in the order it declares them: the columns export writes and import reads. */
export const transferColumns = (kind: TransferKind): ReadonlyArray<string> =>
  columnsOf(aggregateOf[aggregateNameOfKind[kind]].schema).map((column) => column.field)

// Rolls a dry run back: the transaction fails with it, and the reports come out as the result.
class DryRunDone {
  readonly _tag = "DryRunDone"
  constructor(readonly reports: ReadonlyArray<ImportReport>) {}
}

// Failures that end an import rather than reject a row.
const isFatal = (error: { readonly _tag: string }) => error._tag === "StorageError" || error._tag === "UnknownActor"

const rejectsOf = (line: number, error: { readonly _tag: string; readonly message?: string }) => {
  if (error instanceof ValidationFailed) {
    return error.issues.map((issue) => new ImportReject({ line, field: issue.path, message: issue.message }))
  }
  const field = (error as { readonly field?: unknown }).field
  return [
    new ImportReject({ line, field: typeof field === "string" ? field : "", message: error.message ?? error._tag })
  ]
}

/** The decode of cells into a schema's type, every issue reported, unknown fields left to the column check. */
const decodeWith = (schema: Schema.Schema<any, any, never>) => {
  // The compiled decoder for the rows that pass; every issue of a row that does not, from Effect's own parser.
  const fast = decoder(schema)
  const decode = Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "ignore" })
  return (encoded: Record<string, unknown>): Either.Either<any, ValidationFailed> => {
    const malformed = findMalformed(encoded)
    if (malformed !== undefined) return Either.left(ValidationFailed.of([malformed]))
    const decoded = fast(encoded)
    if (Either.isRight(decoded)) return Either.right(decoded.right)
    return Either.mapLeft(decode(encoded), (error: ParseResult.ParseError) => fromParseError(error))
  }
}

// A header of thousands of stray columns is named by its first few.
const SHOWN_COLUMNS = 10

const shownColumns = (columns: ReadonlyArray<string>) => {
  const shown = columns.slice(0, SHOWN_COLUMNS).map((column) => JSON.stringify(column.slice(0, 100)))
  return columns.length > SHOWN_COLUMNS
    ? `${shown.join(", ")} and ${columns.length - SHOWN_COLUMNS} more`
    : shown.join(", ")
}

// Lookups of referenced entities kept per import; cleared past this size so memory stays flat.
const MAX_CACHED_REFERENCES = 50_000

/** A record whose natural key is not written as the store keeps it (a member's e-mail with capitals): the API folds
 * such a key on every write, so a record must carry it folded already, or lookups by it would miss it. */
const unfoldedKey = (
  aggregate: AnyAggregate,
  entity: unknown
): { readonly field: string; readonly message: string } | undefined => {
  const key = aggregate.naturalKey
  if (key?.fold === undefined) return undefined
  const field = (aggregate.filters[key.by] as { readonly field?: string } | undefined)?.field ?? key.by
  const value = (entity as Record<string, unknown>)[field]
  if (typeof value !== "string" || key.fold(value) === value) return undefined
  return { field, message: `is stored as "${key.fold(value)}": write it so in a record` }
}

/** Data in and out: imports of rows (validated like the API's writes, all or nothing unless partial) and exports
 * of every entity of a kind, a page at a time. */
export class DataTransfer extends Effect.Service<DataTransfer>()("@agency-crm/core/DataTransfer", {
  dependencies: [
    UnitOfWork.Default,
    Access.Default,
    Dependents.Default,
    Team.Default,
    Clients.Default,
    Contacts.Default,
    Projects.Default,
    Opportunities.Default,
    Tasks.Default,
    Interactions.Default,
    derivedServices
  ],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const uow = yield* UnitOfWork
    const tx = yield* StoreTransaction
    const context = yield* Effect.context<RepositoryPorts>()
    const team = yield* Team
    const clients = yield* Clients
    const contacts = yield* Contacts
    const projects = yield* Projects
    const opportunities = yield* Opportunities
    const tasks = yield* Tasks
    const interactions = yield* Interactions
    const originations = yield* serviceOf(originationAggregate)
    const markets = yield* serviceOf(marketAggregate)
    const positions = yield* serviceOf(positionAggregate)
    const dependents = yield* Dependents
    const validateOptions = validate(ImportOptions)

    /** A row without an id is created by the service the API calls, with the API's input and rules. */
    const creators: Record<TransferKind, (input: any) => Effect.Effect<unknown, any, Actor>> = {
      members: team.create,
      originations: originations.create,
      markets: markets.create,
      positions: positions.create,
      organizations: clients.create,
      contacts: contacts.create,
      projects: projects.create,
      opportunities: opportunities.create,
      tasks: tasks.create,
      interactions: interactions.log
    }

    const kindsInOrder = TransferKind.literals
    const plans = new Map(
      yield* Effect.forEach(kindsInOrder, (kind) =>
        Effect.gen(function* () {
          const aggregate = aggregateOf[aggregateNameOfKind[kind]] as AnyAggregate
          return [
            kind,
            {
              aggregate,
              crud: yield* crudOf(aggregate),
              repository: repositoryIn(context, aggregate),
              entityColumns: columnsOf(aggregate.schema),
              inputColumns: columnsOf(aggregate.inputs.create),
              decodeEntity: decodeWith(aggregate.schema as Schema.Schema<any, any, never>),
              decodeInput: decodeWith(aggregate.inputs.create as Schema.Schema<any, any, never>),
              encode: Schema.encodeSync(aggregate.schema as Schema.Schema<any, any, never>),
              // The first event an aggregate declares is its creation (`created`, `logged`, `recorded`).
              created: aggregate.eventTypes[0] as EventType
            }
          ] as const
        })
      )
    )
    const planOf = (kind: TransferKind) => plans.get(kind)!

    /** The entities named `name` by the aggregate's natural key: none, one, or two (ambiguous). */
    const byNaturalKey = (target: AnyAggregate, name: string) =>
      Effect.gen(function* () {
        const key = target.naturalKey
        if (key === undefined) return []
        const repository = repositoryIn(context, target)
        const folded = key.fold === undefined ? name : key.fold(name)
        const sort = target.sorts[key.by]
        if (sort !== undefined) {
          const wanted = sort.key(folded)
          const rows: ReadonlyArray<Record<string, unknown>> = yield* repository.list({
            filter: {},
            sortBy: key.by,
            order: "asc",
            limit: 2,
            after: { key: wanted, id: "" }
          })
          return rows.filter((row) => sort.key(row[sort.field] ?? null) === wanted)
        }
        return (yield* repository.list({
          filter: { [key.by]: folded },
          sortBy: target.defaultSort.by,
          order: "asc",
          limit: 2,
          after: null
        })) as ReadonlyArray<Record<string, unknown>>
      })

    /** Exports one page of every entity of `kind`, encoded as the API shows it, in the kind's default order. */
    const exportPage = Effect.fn("DataTransfer.exportPage")(function* (kind: TransferKind, cursor: string | null) {
      const { aggregate, repository } = planOf(kind)
      const sortBy = aggregate.defaultSort.by
      const after = cursor === null ? null : yield* decodeCursor(cursor, sortBy, "asc")
      const rows: ReadonlyArray<any> = yield* repository.list({
        filter: {},
        sortBy,
        order: "asc",
        limit: MAX_LIMIT,
        after
      })
      const { encode } = planOf(kind)
      const last = rows[rows.length - 1]
      const page: Page<Record<string, unknown>> = {
        items: rows.map((row) => encode(row) as Record<string, unknown>),
        nextCursor:
          rows.length < MAX_LIMIT || last === undefined
            ? null
            : encodeCursor(sortBy, "asc", { key: aggregate.list.sortKey(last, sortBy), id: last.id })
      }
      return page
    })

    /**
     * Imports rows of one or more kinds in one transaction, kinds in dependency order. A row with an `id` is a
     * record as export writes it (kept with its id, version and times; checked by the entity's schema, its
     * references, its unique keys and the plugins' checks); a row without is created as the API creates one. A
     * reference cell holds an id or the referred entity's natural key (organization name, member email). Without
     * `partial`, one rejected row stores nothing (`ImportRejected`); with `dryRun`, nothing is stored either way.
     */
    const importRows = Effect.fn("DataTransfer.importRows")(function* (
      sources: ReadonlyArray<ImportSource>,
      options: ImportOptions = {},
      onReject: RejectSink = () => Effect.void
    ) {
      const { dryRun = false, mapping = {}, partial = false } = yield* validateOptions(options)
      const ordered = [...sources].sort((a, b) => kindsInOrder.indexOf(a.kind) - kindsInOrder.indexOf(b.kind))
      const fieldsOf = new Map(
        yield* Effect.forEach(ordered, (source) =>
          Effect.map(checkColumns(source, mapping), (fields) => [source, fields] as const)
        )
      )
      const nowIso = DateTime.formatIso(yield* DateTime.now)
      const references = new Map<string, string>()
      const deferred: Array<{
        readonly kind: TransferKind
        readonly id: string
        readonly line: number
        readonly field: string
        readonly to: AnyAggregate
        readonly value: string
      }> = []

      const run = Effect.gen(function* () {
        const tallies = new Map<TransferKind, Tally>()
        for (const [index, source] of ordered.entries()) {
          const later = new Set(ordered.slice(index + 1).map((next) => aggregateNameOfKind[next.kind] as string))
          tallies.set(source.kind, yield* importSource(source, fieldsOf.get(source)!, later))
        }
        // Forward references (an opportunity's first interaction, imported after it) are checked at the end.
        for (const pending of deferred) {
          const found = yield* repositoryIn(context, pending.to).findById(pending.value)
          if (Option.isSome(found)) continue
          const tally = tallies.get(pending.kind)!
          const reject = new ImportReject({
            line: pending.line,
            field: pending.field,
            message: `${pending.field}: ${pending.to.name.replaceAll("_", " ")} ${pending.value} does not exist`
          })
          yield* tally.reject([reject])
          tally.imported--
          if (partial) {
            const { crud } = planOf(pending.kind)
            const stored = yield* crud.repository.findById(pending.id)
            if (Option.isSome(stored)) yield* crud.writes.remove(stored.value)
          }
        }
        const reports = ordered.map((source) => tallies.get(source.kind)!.report(!dryRun))
        if (dryRun) return yield* Effect.fail(new DryRunDone(reports.map(uncommitted)))
        if (!partial && reports.some((report) => report.rejectedRows > 0)) {
          return yield* ImportRejected.of(reports.map(uncommitted))
        }
        return reports
      })

      interface Tally {
        rows: number
        imported: number
        unchanged: number
        readonly reject: (rejects: ReadonlyArray<ImportReject>) => Effect.Effect<void>
        readonly report: (committed: boolean) => ImportReport
      }

      const tallyOf = (kind: TransferKind): Tally => {
        const first: Array<ImportReject> = []
        let rejectedRows = 0
        const tally: Tally = {
          rows: 0,
          imported: 0,
          unchanged: 0,
          reject: (rejects) =>
            Effect.suspend(() => {
              rejectedRows++
              for (const reject of rejects) if (first.length < REPORTED_REJECTS) first.push(reject)
              return Effect.forEach(rejects, (reject) => onReject(kind, reject), { discard: true })
            }),
          report: (committed) =>
            new ImportReport({
              kind,
              rows: tally.rows,
              imported: tally.imported,
              unchanged: tally.unchanged,
              rejectedRows,
              rejects: [...first].sort((a, b) => a.line - b.line),
              committed
            })
        }
        return tally
      }

      /** The id a reference cell names: the cell itself when it is the id of a stored entity, else the one entity
       * its natural key names; a well-formed id of a kind imported later in this run is taken on trust and
       * checked at the end. */
      const resolve = (
        kind: TransferKind,
        line: number,
        rowId: string | null,
        field: string,
        to: AnyAggregate,
        value: string,
        later: ReadonlySet<string>
      ) =>
        Effect.gen(function* () {
          const cacheKey = `${to.name}\u0000${value}`
          const cached = references.get(cacheKey)
          if (cached !== undefined) return Either.right(cached)
          const isId = Schema.is(to.id)(value)
          if (isId && Option.isSome(yield* repositoryIn(context, to).findById(value))) {
            remember(cacheKey, value)
            return Either.right(value)
          }
          const named = yield* byNaturalKey(to, value)
          const label = to.name.replaceAll("_", " ")
          if (named.length > 1) {
            return Either.left(`more than one ${label} is named ${value}; give its id`)
          }
          if (named.length === 1) {
            const id = named[0]!["id"] as string
            remember(cacheKey, id)
            return Either.right(id)
          }
          if (isId && later.has(to.name) && rowId !== null) {
            deferred.push({ kind, id: rowId, line, field, to, value })
            return Either.right(value)
          }
          const byName = to.naturalKey === undefined ? "" : ` or ${to.naturalKey.by}`
          return Either.left(`no ${label} with id${byName} ${value}`)
        })

      const remember = (key: string, id: string) => {
        if (references.size >= MAX_CACHED_REFERENCES) references.clear()
        references.set(key, id)
      }

      /** Imports one row; a rejected row's reasons, or nothing. */
      const importRow = (
        kind: TransferKind,
        tally: Tally,
        fields: ReadonlyMap<string, string>,
        row: SourceRow,
        later: ReadonlySet<string>
      ) =>
        Effect.gen(function* () {
          const plan = planOf(kind)
          const { aggregate, crud } = plan
          const cells: Record<string, string> = {}
          for (const [column, text] of Object.entries(row.cells)) {
            const field = fields.get(column)
            if (field !== undefined) cells[field] = text
          }
          const isRecord = (cells["id"] ?? "") !== ""
          const columns: ReadonlyArray<Column> = isRecord ? plan.entityColumns : plan.inputColumns
          const known = new Set(columns.map((column) => column.field))
          const misplaced = Object.keys(cells).filter((field) => !known.has(field) && cells[field] !== "")
          if (misplaced.length > 0) {
            return misplaced.map(
              (field) =>
                new ImportReject({
                  line: row.line,
                  field,
                  message: `${field} is kept as exported only on a row with an id; a new ${aggregate.name.replaceAll("_", " ")} starts without it`
                })
            )
          }
          const encoded: Record<string, unknown> = {}
          const problems: Array<ImportReject> = []
          for (const column of columns) {
            const text = cells[column.field]
            if (text === undefined) {
              if (!isRecord) continue
              if (column.field === "version") encoded["version"] = 1
              else if (column.field === "createdAt" || column.field === "updatedAt") encoded[column.field] = nowIso
              else if (column.nullable) encoded[column.field] = null
              continue
            }
            const reference = aggregate.references[column.field]
            if (reference !== undefined && text !== "") {
              const resolved = yield* resolve(
                kind,
                row.line,
                isRecord ? cells["id"]! : null,
                column.field,
                aggregateOf[reference.to as AggregateName] as AnyAggregate,
                text,
                later
              )
              if (Either.isLeft(resolved)) {
                problems.push(new ImportReject({ line: row.line, field: column.field, message: resolved.left }))
                continue
              }
              encoded[column.field] = resolved.right
              continue
            }
            const value = fromCell(column, text)
            if (value !== undefined) encoded[column.field] = value
          }
          if (problems.length > 0) return problems
          if (!isRecord) {
            const input = plan.decodeInput(encoded)
            if (Either.isLeft(input)) return rejectsOf(row.line, input.left)
            yield* creators[kind](input.right)
            tally.imported++
            return []
          }
          const entity = plan.decodeEntity(encoded)
          if (Either.isLeft(entity)) return rejectsOf(row.line, entity.left)
          const unfolded = unfoldedKey(aggregate, entity.right)
          if (unfolded !== undefined) return [new ImportReject({ line: row.line, ...unfolded })]
          const stored = yield* crud.repository.findById(entity.right.id)
          if (Option.isSome(stored)) {
            if (crud.model.changes(stored.value, entity.right).length > 0) {
              return [
                new ImportReject({
                  line: row.line,
                  field: "id",
                  message: `${aggregate.name.replaceAll("_", " ")} ${entity.right.id} already exists with other data`
                })
              ]
            }
            // The same record: it takes the row's version and times, unless something refers to it already.
            const same = JSON.stringify(plan.encode(stored.value)) === JSON.stringify(plan.encode(entity.right))
            if (!same && !(yield* dependents.isReferenced(aggregate.name as AggregateName, entity.right.id))) {
              yield* crud.repository.remove(stored.value)
              yield* crud.repository.insert(entity.right)
            }
            tally.unchanged++
            return []
          }
          yield* crud.checkUnique(entity.right, null)
          for (const filter of aggregate.uniqueFilters ?? []) {
            const spec = aggregate.filters[filter]!
            const value = (entity.right as Record<string, unknown>)[spec.field ?? filter]
            if (value === null || value === undefined) continue
            const holders: ReadonlyArray<{ readonly id: string }> = yield* crud.repository.list({
              filter: { [filter]: value },
              sortBy: aggregate.defaultSort.by,
              order: "asc",
              limit: 1,
              after: null
            })
            if (holders.length > 0) return yield* AlreadyExists.of(aggregate.name as EntityType, filter, String(value))
          }
          yield* uow.write(crud.writes.insert(entity.right, plan.created))
          tally.imported++
          return []
        }).pipe(
          Effect.catchIf(
            (error): error is Exclude<typeof error, StorageError | UnknownActor> => !isFatal(error),
            (error) =>
              Effect.succeed(rejectsOf(row.line, error as { readonly _tag: string; readonly message?: string }))
          )
        )

      const importSource = (source: ImportSource, fields: ReadonlyMap<string, string>, later: ReadonlySet<string>) =>
        Effect.gen(function* () {
          const tally = tallyOf(source.kind)
          yield* Stream.runForEach(source.rows, (row) =>
            Effect.gen(function* () {
              tally.rows++
              const unreadable = (row.unreadable ?? []).map(
                (problem) =>
                  new ImportReject({
                    line: row.line,
                    field: fields.get(problem.column) ?? problem.column,
                    message: problem.message
                  })
              )
              if (unreadable.length > 0) return yield* tally.reject(unreadable)
              const attempt = importRow(source.kind, tally, fields, row, later)
              // With `partial`, a rejected row is undone on its own; otherwise a reject undoes everything anyway.
              const rejects = partial
                ? yield* tx
                    .withTransaction(
                      Effect.flatMap(attempt, (found) =>
                        found.length > 0 ? Effect.fail(new RowRejected(found)) : Effect.succeed(found)
                      )
                    )
                    .pipe(Effect.catchTag("RowRejected", (error) => Effect.succeed(error.rejects)))
                : yield* attempt
              if (rejects.length > 0) yield* tally.reject(rejects)
            })
          )
          return tally
        })

      return yield* uow.atomically(run).pipe(
        Effect.catchIf(
          (error): error is DryRunDone => error instanceof DryRunDone,
          (done) => Effect.succeed(done.reports)
        ),
        // Only the rows' own failures are expected, and those are rejects; an entity this transaction has just
        // read cannot be missing or at another version.
        Effect.catchTags({ NotFound: Effect.die, VersionConflict: Effect.die })
      )
    })

    /** Maps a source's columns to fields: the mapping's, else the column's own name; refused when a column names
     * no field of the kind or two columns name one field. */
    const checkColumns = (source: ImportSource, mapping: Readonly<Record<string, string | null>>) =>
      Effect.gen(function* () {
        const plan = planOf(source.kind)
        const known = new Set([...plan.entityColumns, ...plan.inputColumns].map((column) => column.field))
        const fields = new Map<string, string>()
        const unknown: Array<string> = []
        const taken = new Map<string, string>()
        const twice: Array<string> = []
        for (const column of source.columns) {
          const field = column in mapping ? mapping[column]! : column.trim()
          if (field === null) continue
          if (!known.has(field)) {
            unknown.push(column)
            continue
          }
          const holder = taken.get(field)
          if (holder !== undefined) twice.push(`${holder} and ${column} both map to ${field}`)
          taken.set(field, column)
          fields.set(column, field)
        }
        if (unknown.length > 0 || twice.length > 0) {
          const parts = [
            ...(unknown.length > 0
              ? [
                  `${shownColumns(unknown)} ${unknown.length === 1 ? "is" : "are"} not ${source.kind} fields (map or ignore ${unknown.length === 1 ? "it" : "them"}; fields: ${[...known].join(", ")})`
                ]
              : []),
            ...twice.slice(0, SHOWN_COLUMNS)
          ]
          return yield* new ImportColumnsInvalid({
            kind: source.kind,
            columns: source.columns,
            message: parts.join("; ")
          })
        }
        return fields as ReadonlyMap<string, string>
      })

    return access.guard("DataTransfer", { importRows, exportPage })
  })
}) {}

class RowRejected {
  readonly _tag = "RowRejected"
  constructor(readonly rejects: ReadonlyArray<ImportReject>) {}
}

const uncommitted = (report: ImportReport) => new ImportReport({ ...report, committed: false })
