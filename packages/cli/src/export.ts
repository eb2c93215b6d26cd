import { DataTransfer, TransferKind } from "@agency-crm/core"
import { exportText, type Format } from "@agency-crm/csv"
import { Args, Command, Options } from "@effect/cli"
import { Console, Effect } from "effect"
import { createWriteStream, mkdirSync } from "node:fs"
import { join, resolve } from "node:path"
import type { Writable } from "node:stream"
import { databaseOption, targetOf } from "./database.js"
import { CommandFailed } from "./errors.js"
import { writeAll } from "./output.js"
import { openStore } from "./store.js"

const kindNames = TransferKind.literals

/** Streams every entity of `kind` to `out` in `format`; returns how many. */
const exportKind = (kind: TransferKind, format: Format, out: Writable) =>
  Effect.gen(function* () {
    const transfer = yield* DataTransfer
    let count = 0
    yield* writeAll(
      exportText(kind, format, (cursor) =>
        Effect.tap(transfer.exportPage(kind, cursor), (page) => Effect.sync(() => (count += page.items.length)))
      ),
      out
    )
    return count
  }).pipe(Effect.mapError((error) => new CommandFailed({ message: `reading ${kind}: ${error.message}` })))

const format = Options.choice("format", ["csv", "json", "ndjson"]).pipe(
  Options.withDescription("csv (one column per field, nested values as JSON), json (an array) or ndjson"),
  Options.withDefault("csv" as const)
)
const output = Options.text("output").pipe(
  Options.withAlias("o"),
  Options.withDescription("The file to write (a directory for `all`: one file per kind); default stdout"),
  Options.optional
)

/** `agency-crm export <kind|all>`: every entity of a kind, streamed, in the columns `import` reads. */
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
        const run = (name: TransferKind, out: Writable) => Effect.provide(exportKind(name, format, out), context)
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
        const count = yield* run(kind as TransferKind, out)
        if (output._tag === "Some") yield* Console.error(`${kind}: ${count} written to ${resolve(output.value)}`)
      })
    )
).pipe(Command.withDescription("Write every record of a kind (or all of them) as CSV, JSON or NDJSON, streamed"))
