import { DataTransfer, type ImportReject, type ImportReport, type ImportSource, TransferKind } from "@agency-crm/core"
import { csvSource } from "@agency-crm/csv"
import { Args, Command, Options } from "@effect/cli"
import { stringify } from "csv-stringify/sync"
import { Console, Effect, Option, Schema } from "effect"
import { closeSync, createReadStream, existsSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs"
import { basename, dirname, join, resolve } from "node:path"
import { databaseOption, targetOf } from "./database.js"
import { CommandFailed } from "./errors.js"
import { type Progress, progress } from "./progress.js"
import { openStore } from "./store.js"

const kindNames = TransferKind.literals

const Mapping = Schema.parseJson(Schema.Record({ key: Schema.String, value: Schema.NullOr(Schema.String) }))

/** `--map Column=field` pairs and a `--mapping` file, as one mapping (the flags win). */
const mappingOf = (pairs: ReadonlyArray<string>, file: Option.Option<string>) =>
  Effect.gen(function* () {
    const mapping: Record<string, string | null> = {}
    if (Option.isSome(file)) {
      const text = yield* Effect.try({
        try: () => readFileSync(resolve(file.value), "utf8"),
        catch: (error) => new CommandFailed({ message: `cannot read ${file.value}: ${(error as Error).message}` })
      })
      Object.assign(
        mapping,
        yield* Schema.decodeUnknown(Mapping)(text).pipe(
          Effect.mapError(
            () =>
              new CommandFailed({
                message: `${file.value} is not a mapping: it must be a JSON object of "column": "field" (or null to ignore)`
              })
          )
        )
      )
    }
    for (const pair of pairs) {
      const at = pair.lastIndexOf("=")
      if (at <= 0) {
        return yield* new CommandFailed({ message: `--map ${pair}: write it as Column=field (Column= ignores it)` })
      }
      const field = pair.slice(at + 1).trim()
      mapping[pair.slice(0, at)] = field === "" ? null : field
    }
    return mapping
  })

/** Appends rejects to a CSV beside the input (line, field, message), created at the first one. */
const rejectsFile = (path: string) => {
  let fd: number | null = null
  return {
    path,
    write: (reject: ImportReject) =>
      Effect.sync(() => {
        if (fd === null) {
          fd = openSync(path, "w")
          writeSync(fd, stringify([["line", "field", "message"]]))
        }
        writeSync(fd, stringify([[reject.line, reject.field, reject.message]]))
      }),
    close: () => {
      if (fd !== null) closeSync(fd)
      fd = null
    },
    written: () => fd !== null
  }
}

/** The file's bytes, counted for the progress display as they are read. */
async function* counted(path: string, shown: Progress) {
  for await (const chunk of createReadStream(path)) {
    shown.bytes((chunk as Buffer).length)
    yield chunk as Buffer
  }
}

const summary = (report: ImportReport) =>
  `${report.kind}: ${report.rows} rows, ${report.imported} imported, ${report.unchanged} unchanged, ${report.rejectedRows} rejected`

/** `agency-crm import <kind|all> <file|directory>`: CSV rows into the CRM, validated like the API's writes. */
export const importCommand = Command.make(
  "import",
  {
    database: databaseOption,
    kind: Args.choice(
      [...kindNames, "all"].map((name) => [name, name] as const),
      { name: "kind" }
    ),
    path: Args.text({ name: "file" }).pipe(
      Args.withDescription("The CSV file (for `all`, a directory of <kind>.csv files as `export all` writes)")
    ),
    map: Options.text("map").pipe(
      Options.withDescription("Column=field: read the column as that field (Column= ignores it); repeat per column"),
      Options.repeated
    ),
    mapping: Options.file("mapping", { exists: "yes" }).pipe(
      Options.withDescription('A JSON file of {"Column": "field" or null}, for many columns'),
      Options.optional
    ),
    dryRun: Options.boolean("dry-run").pipe(Options.withDescription("Check every row and report; store nothing")),
    partial: Options.boolean("partial").pipe(
      Options.withDescription("Keep the good rows when some are rejected (default: all or nothing)")
    )
  },
  ({ database, dryRun, kind, map, mapping, partial, path }) =>
    Effect.scoped(
      Effect.gen(function* () {
        const input = resolve(path)
        const files: Array<{ kind: TransferKind; file: string; rejects: string }> = []
        if (kind === "all") {
          if (!existsSync(input) || !statSync(input).isDirectory()) {
            return yield* new CommandFailed({ message: `${path} is not a directory of <kind>.csv files` })
          }
          for (const name of kindNames) {
            const file = join(input, `${name}.csv`)
            if (existsSync(file)) files.push({ kind: name, file, rejects: join(input, `${name}.rejects.csv`) })
          }
          if (files.length === 0) return yield* new CommandFailed({ message: `${path} holds no <kind>.csv file` })
        } else {
          if (!existsSync(input) || !statSync(input).isFile()) {
            return yield* new CommandFailed({ message: `${path} is not a file` })
          }
          const stem = basename(input).replace(/\.csv$/i, "")
          files.push({ kind: kind as TransferKind, file: input, rejects: join(dirname(input), `${stem}.rejects.csv`) })
        }
        const columnMapping = yield* mappingOf(map, mapping)
        const context = yield* openStore(targetOf(database))
        const sinks = new Map(files.map(({ kind, rejects }) => [kind, rejectsFile(rejects)]))
        // A rejects file from an earlier run would describe rows this run may have accepted.
        for (const { rejects } of files) rmSync(rejects, { force: true })
        const displays: Array<Progress> = []
        const sources: Array<ImportSource> = []
        for (const { file, kind } of files) {
          const shown = progress(kind, statSync(file).size)
          displays.push(shown)
          sources.push(
            yield* csvSource(kind, counted(file, shown), shown.row).pipe(
              Effect.mapError((error) => new CommandFailed({ message: `${file}: ${error.message}` }))
            )
          )
        }
        const transfer = yield* Effect.provide(DataTransfer, context)
        const outcome = yield* transfer
          .importRows(sources, { partial, dryRun, mapping: columnMapping }, (kind, reject) =>
            sinks.get(kind)!.write(reject)
          )
          .pipe(Effect.provide(context), Effect.either)
        for (const shown of displays) shown.stop()
        for (const sink of sinks.values()) sink.close()
        const rejectsNote = [...sinks.values()]
          .filter((sink) => sink.written())
          .map((sink) => sink.path)
          .join(", ")
        if (outcome._tag === "Right") {
          for (const report of outcome.right) yield* Console.error(summary(report))
          if (rejectsNote !== "") yield* Console.error(`rejects: ${rejectsNote}`)
          const rejected = outcome.right.some((report) => report.rejectedRows > 0)
          if (dryRun) {
            yield* Console.error("dry run: nothing stored")
            if (rejected) return yield* new CommandFailed({ message: "some rows would be rejected" })
          }
          return
        }
        const error = outcome.left
        if (error._tag === "ImportRejected") {
          for (const report of error.reports) yield* Console.error(summary(report))
          return yield* new CommandFailed({
            message: `${error.message}${rejectsNote === "" ? "" : `; every reject is in ${rejectsNote}`} (--partial keeps the good rows)`
          })
        }
        return yield* new CommandFailed({ message: error.message })
      })
    )
).pipe(
  Command.withDescription(
    "Read CSV rows into the CRM, each checked as the API checks a write; all or nothing unless --partial, rejects written beside the file"
  )
)
