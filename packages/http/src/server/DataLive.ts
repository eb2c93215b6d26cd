import {
  Access,
  type Actor,
  DataTransfer,
  ImportOptions,
  type ImportSourceFailed,
  invalidField,
  PersonalData,
  ValidationFailed
} from "@agency-crm/core"
import { csvSource, exportText, mediaTypes } from "@agency-crm/csv"
import { HttpApiBuilder, HttpServerResponse } from "@effect/platform"
import { Effect, Schema, Stream } from "effect"
import { CrmApi } from "../api/Api.js"
import { PayloadTooLarge } from "../api/errors.js"
import { DEFAULT_MAX_IMPORT_BYTES, type RequestLimits } from "./requestGuard.js"

const Mapping = Schema.parseJson(ImportOptions.fields.mapping.from)

const encoder = new TextEncoder()

/** Handlers of the data group: imports streamed from the request body, exports streamed to the response, and a
 * person's data. */
export const DataLive = (limits: RequestLimits = {}) =>
  HttpApiBuilder.group(CrmApi, "data", (handlers) =>
    Effect.gen(function* () {
      const access = yield* Access
      const transfer = yield* DataTransfer
      const personal = yield* PersonalData
      const maxBytes = limits.maxImportBytes ?? DEFAULT_MAX_IMPORT_BYTES
      return handlers
        .handleRaw("import", ({ path, request, urlParams }) =>
          Effect.gen(function* () {
            const mapping =
              urlParams.mapping === undefined
                ? undefined
                : yield* Schema.decodeUnknown(Mapping)(urlParams.mapping).pipe(
                    Effect.mapError(() =>
                      invalidField("mapping", 'must be a JSON object of "column": "field" (or null to ignore it)')
                    )
                  )
            // Refused before a byte of the body is read.
            yield* access.require("data.transfer")
            let received = 0
            let tooLarge = false
            const body = Stream.toAsyncIterable(
              Stream.mapChunks(
                Stream.catchAll(request.stream, () => Stream.fail(new Error("the request body could not be read"))),
                (chunk) => {
                  for (const part of chunk) received += part.byteLength
                  if (received > maxBytes) {
                    tooLarge = true
                    throw new Error(`the body is larger than ${maxBytes} bytes`)
                  }
                  return chunk
                }
              )
            )
            const refuse = (error: ImportSourceFailed) =>
              tooLarge
                ? new PayloadTooLarge({
                    limit: maxBytes,
                    message: `an import over HTTP may send at most ${maxBytes} bytes; use the agency-crm command for larger files`
                  })
                : ValidationFailed.of([{ path: "body", message: error.message }])
            const source = yield* Effect.mapError(csvSource(path.kind, body), refuse)
            const [report] = yield* transfer
              .importRows([source], {
                ...(urlParams.partial === undefined ? {} : { partial: urlParams.partial }),
                ...(urlParams.dryRun === undefined ? {} : { dryRun: urlParams.dryRun }),
                ...(mapping === undefined ? {} : { mapping })
              })
              .pipe(
                Effect.catchTags({
                  ImportSourceFailed: (error) => Effect.fail(refuse(error)),
                  ImportColumnsInvalid: (error) =>
                    Effect.fail(ValidationFailed.of([{ path: "body", message: error.message }]))
                })
              )
            return report!
          })
        )
        .handleRaw("export", ({ path, urlParams }) =>
          Effect.gen(function* () {
            // Checked before the response starts: a refusal is a 403, not a broken stream.
            yield* access.require("data.transfer")
            const format = urlParams.format ?? "csv"
            const context = yield* Effect.context<Actor>()
            const text = exportText(path.kind, format, (cursor) =>
              Effect.provide(transfer.exportPage(path.kind, cursor), context)
            )
            return HttpServerResponse.stream(
              Stream.map(text, (chunk) => encoder.encode(chunk)),
              {
                contentType: mediaTypes[format],
                headers: { "content-disposition": `attachment; filename="${path.kind}.${format}"` }
              }
            )
          })
        )
        .handle("personalData", ({ path }) => personal.exportDocument(path.id))
        .handle("erase", ({ path }) => personal.erase(path.id))
    })
  )
