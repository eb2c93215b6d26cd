import { type ImportSource, ImportSourceFailed, type SourceRow, type TransferKind } from "@agency-crm/core"
import { type Parser, parse } from "csv-parse"
import { Effect, Stream } from "effect"

/** Bytes or text as a file or a request body delivers them. */
export type Input = AsyncIterable<Uint8Array | string>

interface Parsed {
  readonly record: ReadonlyArray<string>
  readonly raw: string
  readonly info: { readonly lines: number }
}

// A decoder meeting bytes that are not UTF-8 puts U+FFFD in their place; the cell is refused rather than stored so.
const REPLACEMENT = "\uFFFD"

const failed = (error: unknown) =>
  new ImportSourceFailed({ message: `not readable as CSV: ${error instanceof Error ? error.message : String(error)}` })

// Records are handed on in batches of what the parser holds: one asynchronous step per batch, not per row.
const BATCH = 512

/** The parser's records, a batch at a time, as they become readable; a parser error ends the iteration with it. */
async function* batchesOf(parser: Parser): AsyncGenerator<Array<Parsed>> {
  let ended = false
  let failure: Error | undefined
  parser.once("end", () => (ended = true))
  parser.once("error", (error) => (failure = error))
  for (;;) {
    const batch: Array<Parsed> = []
    let record: Parsed | null
    while (batch.length < BATCH && (record = parser.read() as Parsed | null) !== null) batch.push(record)
    if (batch.length > 0) {
      yield batch
      continue
    }
    if (failure !== undefined) throw failure
    if (ended) return
    await new Promise<void>((resume) => {
      const wake = () => {
        parser.off("readable", wake)
        parser.off("end", wake)
        parser.off("error", wake)
        resume()
      }
      parser.on("readable", wake)
      parser.on("end", wake)
      parser.on("error", wake)
    })
  }
}

/** The lines a raw record spans beyond its first: its line breaks, less the one that ends it. */
const extraLines = (raw: string) => {
  let breaks = 0
  for (let i = 0; i < raw.length; i++) if (raw.charCodeAt(i) === 10) breaks++
  return raw.endsWith("\n") ? breaks - 1 : breaks
}

/**
 * Reads CSV (`csv-parse`: RFC 4180 quoting, line breaks inside quotes, a UTF-8 byte-order mark skipped) into an
 * import source of `kind`: the first record is the header; each row keeps the line it starts on; a cell holding bytes
 * that are not UTF-8, or a row with more or fewer cells than the header, is reported as unreadable.
 */
export const csvSource = (
  kind: TransferKind,
  input: Input,
  onRecord: () => void = () => {}
): Effect.Effect<ImportSource, ImportSourceFailed> =>
  Effect.gen(function* () {
    const parser = parse({ bom: true, raw: true, info: true, relax_column_count: true, skip_empty_lines: true })
    // Feeds the parser from the input, with backpressure: a chunk waits until the parser has taken the one before.
    void (async () => {
      try {
        for await (const chunk of input) {
          if (!parser.write(chunk)) await new Promise<void>((resume) => parser.once("drain", resume))
        }
        parser.end()
      } catch (error) {
        parser.destroy(error instanceof Error ? error : new Error(String(error)))
      }
    })()
    const records = batchesOf(parser)[Symbol.asyncIterator]()
    const first = yield* Effect.tryPromise({ try: () => records.next(), catch: failed })
    const header = first.done === true ? undefined : first.value[0]
    if (header === undefined) {
      return yield* new ImportSourceFailed({ message: "the file is empty: it needs a header row" })
    }
    const rest = first.done === true ? [] : first.value.slice(1)
    const columns = header.record.map((column) => column.trim())
    const toRow = ({ info, raw, record }: Parsed): SourceRow => {
      onRecord()
      const line = info.lines - extraLines(raw)
      const cells: Record<string, string> = {}
      const unreadable: Array<{ column: string; message: string }> = []
      columns.forEach((column, i) => {
        const text = record[i] ?? ""
        if (text.includes(REPLACEMENT)) unreadable.push({ column, message: "holds bytes that are not UTF-8 text" })
        cells[column] = text
      })
      if (record.length !== columns.length) {
        unreadable.push({
          column: "",
          message: `has ${record.length} cells where the header has ${columns.length}`
        })
      }
      return { line, cells, unreadable }
    }
    const rows = Stream.concat(
      Stream.succeed(rest),
      Stream.fromAsyncIterable({ [Symbol.asyncIterator]: () => records }, failed)
    ).pipe(
      Stream.mapConcat((batch) => batch.map(toRow)),
      Stream.ensuring(Effect.sync(() => parser.destroy()))
    )
    return { kind, columns, rows }
  })
