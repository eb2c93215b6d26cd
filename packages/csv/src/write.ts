import { type Page, toCell, transferColumns, type TransferKind } from "@agency-crm/core"
import { stringify } from "csv-stringify/sync"
import { Effect, Option, Stream } from "effect"

/** Export formats: CSV (one column per field, nested values as JSON, empty for null), one JSON array, or one JSON
 * object a line. */
export type Format = "csv" | "json" | "ndjson"

/** The media type of each format. */
export const mediaTypes: Readonly<Record<Format, string>> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json",
  ndjson: "application/x-ndjson"
}

/** One page of encoded entities, and the cursor of the next (`null` on the last page). */
export type Pages<E, R> = (cursor: string | null) => Effect.Effect<Page<Record<string, unknown>>, E, R>

/** Every page `pages` gives, one after the other, read only as the consumer pulls. */
const allPages = <E, R>(pages: Pages<E, R>) =>
  Stream.paginateChunkEffect<string | null, Record<string, unknown>, E, R>(null, (cursor) =>
    Effect.map(pages(cursor), (page) => [
      page.items as never,
      page.nextCursor === null ? Option.none() : Option.some(page.nextCursor)
    ])
  )

/**
 * The text of an export of `kind` in `format`, a page at a time (memory stays flat however many entities there
 * are). CSV (`csv-stringify`) has a header of the kind's fields in declaration order: the columns import reads.
 */
export const exportText = <E, R>(
  kind: TransferKind,
  format: Format,
  pages: Pages<E, R>
): Stream.Stream<string, E, R> => {
  const rows = Stream.chunks(allPages(pages))
  switch (format) {
    case "csv": {
      const columns = transferColumns(kind)
      const header = stringify([columns as Array<string>])
      return Stream.concat(
        Stream.succeed(header),
        Stream.map(rows, (chunk) =>
          stringify(
            Array.from(chunk, (row) => columns.map((column) => toCell(row[column]))),
            { cast: { boolean: String } }
          )
        )
      )
    }
    case "ndjson":
      return Stream.map(rows, (chunk) => Array.from(chunk, (row) => `${JSON.stringify(row)}\n`).join(""))
    case "json":
      return Stream.suspend(() => {
        let first = true
        const body = Stream.map(rows, (chunk) =>
          Array.from(chunk, (row) => {
            const text = `${first ? "" : ","}\n${JSON.stringify(row)}`
            first = false
            return text
          }).join("")
        )
        return Stream.concat(Stream.concat(Stream.succeed("["), body), Stream.succeed("\n]\n"))
      })
  }
}
