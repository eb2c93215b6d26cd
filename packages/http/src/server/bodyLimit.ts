import { HttpIncomingMessage, HttpMiddleware, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { Effect, Either, Option } from "effect"

/** Default cap on request bodies: 1 MiB, far above any CRM write. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

const tooLarge = (maxBytes: number, detail: string) =>
  HttpServerResponse.unsafeJson(
    { _tag: "PayloadTooLarge", limit: maxBytes, message: `${detail} exceeds the limit of ${maxBytes} bytes` },
    { status: 413 }
  )

const notJson = (detail: string) =>
  HttpServerResponse.unsafeJson(
    { _tag: "HttpApiDecodeError", issues: [], message: `the request body is not valid JSON: ${detail}` },
    { status: 400 }
  )

/**
 * Guards request bodies before the API decodes them: a declared body over the cap is refused with 413
 * unread; a streamed (chunked) one is read only up to the cap, where the platform resets the connection;
 * and a JSON body that does not parse gets a 400 with a tagged error (the platform would answer an empty
 * 400). The body text is cached on the request, so the API reads it once.
 */
export const bodyLimit = (maxBytes: number) =>
  HttpMiddleware.make((app) =>
    Effect.gen(function* () {
      const request = yield* HttpServerRequest.HttpServerRequest
      const declared = Number(request.headers["content-length"] ?? "0")
      if (Number.isFinite(declared) && declared > maxBytes)
        return tooLarge(maxBytes, `request body of ${declared} bytes`)
      const json = (request.headers["content-type"] ?? "").includes("json")
      if (json && request.method !== "GET" && request.method !== "HEAD") {
        const text = yield* Effect.either(HttpIncomingMessage.withMaxBodySize(request.text, Option.some(maxBytes)))
        if (Either.isLeft(text)) {
          // Only the size cap is a 413 (if the connection is still there to hear it); an unreadable body is a 400.
          const cause = String((text.left as { readonly cause?: unknown }).cause ?? text.left)
          return /max|exceed|too large|limit/i.test(cause)
            ? tooLarge(maxBytes, "request body")
            : notJson(`the body could not be read (${cause})`)
        }
        if (text.right !== "") {
          try {
            JSON.parse(text.right)
          } catch (error) {
            return notJson(error instanceof Error ? error.message : String(error))
          }
        }
      }
      return yield* app
    })
  )
