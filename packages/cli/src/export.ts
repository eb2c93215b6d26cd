import { type AnyAggregate, aggregateOf, forEachMatching, type RepositoryPorts, repositoryIn } from "@agency-crm/core"
import { Args, Command, Options } from "@effect/cli"
import { stringify } from "csv-stringify"
import { Console, Effect, Schema } from "effect"
import { createWriteStream, mkdirSync } from "node:fs"
import { join, resolve } from "node:path"
import type { Writable } from "node:stream"
import { databaseOption, targetOf } from "./database.js"
import { CommandFailed } from "./errors.js"
import { openStore } from "./store.js"

/** What can be exported. */
export type Kind = "organizations" | "contacts" | "opportunities" | "tasks" | "interactions"

/** What can be exported, by the name a user gives, and its aggregate. */
export const kinds: Readonly<Record<Kind, AnyAggregate>> = {
  organizations: aggregateOf.client,
  contacts: aggregateOf.contact,
  opportunities: aggregateOf.opportunity,
  tasks: aggregateOf.task,
  interactions: aggregateOf.interaction
}
const kindNames = Object.keys(kinds) as ReadonlyArray<Kind>

/** Export formats: CSV (one column per field, nested values as JSON), one JSON array, or one JSON object a line. */
export type Format = "csv" | "json" | "ndjson"

/** Waits for a stream that asked to be drained: memory stays flat whatever the size of the export. */
const write = (out: Writable, chunk: string) =>
  Effect.async<void>((resume) => {
    if (out.write(chunk)) resume(Effect.void)
    else out.once("drain", () => resume(Effect.void))
  })

const finish = (out: Writable) =>
  Effect.async<void, CommandFailed>((resume) => {
    out.once("error", (error) => resume(Effect.fail(new CommandFailed({ message: error.message }))))
    out.end(() => resume(Effect.void))
  })

/** The field names of an aggregate's entity, in declaration order: the CSV columns. */
const columnsOf = (aggregate: AnyAggregate): ReadonlyArray<string> =>
  Object.keys((aggregate.schema as unknown as { readonly fields: Record<string, unknown> }).fields)

const cell = (value: unknown): string | number | boolean | null =>
  value === null || value === undefined
    ? null
    : typeof value === "object"
      ? JSON.stringify(value)
      : (value as string | number | boolean)

/** Streams every entity of `kind` to `out` in `format`, a page at a time; returns how many. */
const exportKind = (kind: Kind, format: Format, out: Writable) =>
  Effect.gen(function* () {
    const aggregate = kinds[kind]
    const encode = Schema.encodeSync(aggregate.schema as Schema.Schema<any, any, never>)
    const repository = repositoryIn(yield* Effect.context<RepositoryPorts>(), aggregate)
    const columns = columnsOf(aggregate)
    let count = 0
    const csv =
      format === "csv"
        ? stringify({ header: true, columns: columns as Array<string>, cast: { boolean: String } })
        : null
    if (csv !== null) csv.pipe(out)
    const sink = csv ?? out
    if (format === "json") yield* write(out, "[")
    yield* forEachMatching(aggregate.list, aggregate.defaultSort.by, {}, repository.list, (batch) =>
      Effect.forEach(
        batch,
        (entity) => {
          const row = encode(entity) as Record<string, unknown>
          const text =
            format === "csv"
              ? null
              : format === "json"
                ? `${count === 0 ? "" : ","}\n${JSON.stringify(row)}`
                : `${JSON.stringify(row)}\n`
          count++
          if (csv !== null) {
            return Effect.async<void>((resume) => {
              if (csv.write(columns.map((column) => cell(row[column])))) resume(Effect.void)
              else csv.once("drain", () => resume(Effect.void))
            })
          }
          return write(sink, text!)
        },
        { discard: true }
      )
    ).pipe(Effect.mapError((error) => new CommandFailed({ message: `reading ${kind}: ${String(error)}` })))
    if (format === "json") yield* write(out, "\n]\n")
    if (csv !== null) {
      yield* Effect.async<void>((resume) => {
        out.once("finish", () => resume(Effect.void))
        csv.end()
      })
    } else {
      yield* finish(out)
    }
    return count
  })

const format = Options.choice("format", ["csv", "json", "ndjson"]).pipe(
  Options.withDescription("csv (one column per field, nested values as JSON), json (an array) or ndjson"),
  Options.withDefault("csv" as const)
)
const output = Options.text("output").pipe(
  Options.withAlias("o"),
  Options.withDescription("The file to write (a directory for `all`: one file per kind); default stdout"),
  Options.optional
)

/** `agency-crm export <kind|all>`: every organization, contact, opportunity, task or interaction, streamed. */
export const exportCommand = Command.make(
  "export",
  {
    database: databaseOption,
    kind: Args.choice(
      [...kindNames, "all"].map((name) => [name, name] as const),
      { name: "kind" }
    ),
    format,
    output
  },
  ({ database, format, kind, output }) =>
    Effect.scoped(
      Effect.gen(function* () {
        const context = yield* openStore(targetOf(database))
        const run = (name: Kind, out: Writable) => Effect.provide(exportKind(name, format, out), context)
        if (kind === "all") {
          if (output._tag === "None") {
            return yield* new CommandFailed({ message: "`export all` needs --output <directory> (one file per kind)" })
          }
          const dir = resolve(output.value)
          mkdirSync(dir, { recursive: true })
          for (const name of kindNames) {
            const count = yield* run(name, createWriteStream(join(dir, `${name}.${format}`)))
            yield* Console.error(`${name}: ${count}`)
          }
          return
        }
        const out = output._tag === "None" ? process.stdout : createWriteStream(resolve(output.value))
        const count = yield* run(kind as Kind, out)
        if (output._tag === "Some") yield* Console.error(`${kind}: ${count} written to ${resolve(output.value)}`)
      })
    )
).pipe(Command.withDescription("Write every record of a kind (or all of them) as CSV, JSON or NDJSON, streamed"))
