import { HttpIncomingMessage, HttpMiddleware, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { Effect, Option } from "effect"

/** Default cap on request bodies: 1 MiB, far above any CRM write. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

/** Refuses a declared body larger than the cap with 413, and caps streamed bodies as they are read. */
export const bodyLimit = (maxBytes: number) =>
  HttpMiddleware.make((app) =>
    Effect.gen(function* () {
      const request = yield* HttpServerRequest.HttpServerRequest
      const declared = Number(request.headers["content-length"] ?? "0")
      if (Number.isFinite(declared) && declared > maxBytes) {
        return HttpServerResponse.unsafeJson(
          {
            _tag: "PayloadTooLarge",
            limit: maxBytes,
            message: `request body of ${declared} bytes exceeds the limit of ${maxBytes} bytes`
          },
          { status: 413 }
        )
      }
      return yield* HttpIncomingMessage.withMaxBodySize(app, Option.some(maxBytes))
    })
  )
