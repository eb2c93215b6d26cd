import { fromIssues } from "@agency-crm/core"
import {
  HttpApiError,
  HttpApp,
  HttpMiddleware,
  HttpServerError,
  HttpServerRequest,
  HttpServerResponse
} from "@effect/platform"
import { Cause, Effect, FiberRef } from "effect"
import { InternalServerError, TooManyRequests } from "../api/errors.js"

/** Where the API records why it failed, for the request log to report with the status the client got. */
interface FailureRecord {
  cause: Cause.Cause<unknown> | undefined
}

const currentFailure = FiberRef.unsafeMake<FailureRecord | null>(null)

/**
 * API-level error handling, before errors are encoded: a request the endpoint schemas refuse (path, query,
 * headers, body) fails with the one `ValidationFailed` shape, one issue per field and no schema dump; a 429
 * carries `Retry-After`; every failure's cause is recorded for the request log; and a defect is answered as an
 * `InternalServerError`.
 */
export const apiErrors = (app: HttpApp.Default<unknown>): HttpApp.Default<unknown> =>
  app.pipe(
    Effect.mapError((error) => (error instanceof HttpApiError.HttpApiDecodeError ? fromIssues(error.issues) : error)),
    Effect.tapError((error) =>
      error instanceof TooManyRequests
        ? HttpApp.appendPreResponseHandler((_request, response) =>
            Effect.succeed(HttpServerResponse.setHeader(response, "retry-after", String(error.retryAfterSeconds)))
          )
        : Effect.void
    ),
    Effect.tapErrorCause((cause) =>
      Effect.map(FiberRef.get(currentFailure), (record) => {
        if (record !== null) record.cause = cause
      })
    ),
    // A defect is logged with its cause (recorded above), never sent: the client gets a tagged body.
    Effect.catchAllDefect(() =>
      Effect.fail(
        new InternalServerError({ message: "the server failed to answer this request; the failure is logged" })
      )
    )
  )

/**
 * Logs requests: every response of status 500 or above at the error level with its cause (whatever the log
 * level, a server error is never silent), and, when `logRequests` is on, every other response at the info level.
 */
export const requestLogging = (logRequests: boolean) =>
  HttpMiddleware.make((app) =>
    Effect.gen(function* () {
      const request = yield* HttpServerRequest.HttpServerRequest
      const record: FailureRecord = { cause: undefined }
      const exit = yield* Effect.exit(Effect.locally(app, currentFailure, record))
      let status: number
      let cause: Cause.Cause<unknown> | undefined
      if (exit._tag === "Success") {
        status = exit.value.status
        cause = record.cause
      } else {
        // What the platform will answer for a failure that escaped the API (a defect, an interruption).
        const [response, stripped] = HttpServerError.causeResponseStripped(exit.cause)
        status = response.status
        cause = stripped._tag === "Some" ? stripped.value : undefined
        // A client that went away gets no answer and is not a server error.
        if (Cause.isInterruptedOnly(exit.cause)) return yield* exit
      }
      const annotations = { "http.method": request.method, "http.url": request.url, "http.status": status }
      if (status >= 500) {
        yield* Effect.logError("server error", cause ?? "no cause recorded").pipe(Effect.annotateLogs(annotations))
      } else if (logRequests) {
        yield* Effect.logInfo("Sent HTTP response").pipe(Effect.annotateLogs(annotations))
      }
      return yield* exit
    })
  )
