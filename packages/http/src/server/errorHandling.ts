import { fromIssues } from "@agency-crm/core"
import {
  HttpApiError,
  HttpApp,
  HttpMiddleware,
  HttpServerError,
  HttpServerRequest,
  HttpServerResponse
} from "@effect/platform"
import { Cause, Effect, FiberRef, Option } from "effect"
import { InternalServerError, TooManyRequests } from "../api/errors.js"

// Why the API failed, kept in the request's fiber for the request log, which sees only the encoded response.
const lastFailure = FiberRef.unsafeMake<Cause.Cause<unknown> | null>(null)

const internalError = new InternalServerError({
  message: "the server failed to answer this request; the failure is logged"
})

const retryAfter = (seconds: number) =>
  HttpApp.appendPreResponseHandler((_request, response) =>
    Effect.succeed(HttpServerResponse.setHeader(response, "retry-after", String(seconds)))
  )

/**
 * API-level error handling, before errors are encoded (nothing runs on success): a request the endpoint schemas
 * refuse (path, query, headers, body) fails with the one `ValidationFailed` shape, one issue per field and no
 * schema dump; a 429 carries `Retry-After`; every failure's cause is kept for the request log; and a defect is
 * answered as an `InternalServerError`.
 */
export const apiErrors = (app: HttpApp.Default<unknown>): HttpApp.Default<unknown> =>
  Effect.catchAllCause(app, (cause) =>
    Effect.zipRight(
      FiberRef.set(lastFailure, cause),
      Option.match(Cause.failureOption(cause), {
        // A defect (or an interruption) has no error schema: the client gets a tagged body, the log the cause.
        onNone: () => (Cause.isInterruptedOnly(cause) ? Effect.failCause(cause) : Effect.fail(internalError)),
        onSome: (error) => {
          if (error instanceof HttpApiError.HttpApiDecodeError) return Effect.fail(fromIssues(error.issues))
          if (error instanceof TooManyRequests)
            return Effect.zipRight(retryAfter(error.retryAfterSeconds), Effect.fail(error))
          return Effect.failCause(cause)
        }
      })
    )
  )

const annotations = (request: HttpServerRequest.HttpServerRequest, status: number) => ({
  "http.method": request.method,
  "http.url": request.url,
  "http.status": status
})

/**
 * Logs requests: every response of status 500 or above at the error level with its cause (whatever the log
 * level, a server error is never silent), and, when `logRequests` is on, every other response at the info level.
 */
export const requestLogging = (logRequests: boolean) =>
  HttpMiddleware.make((app) =>
    Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) =>
      app.pipe(
        Effect.tap((response) => {
          if (response.status >= 500) {
            return Effect.flatMap(FiberRef.get(lastFailure), (cause) =>
              Effect.logError("server error", cause ?? "no cause recorded").pipe(
                Effect.annotateLogs(annotations(request, response.status))
              )
            )
          }
          return logRequests
            ? Effect.logInfo("Sent HTTP response").pipe(Effect.annotateLogs(annotations(request, response.status)))
            : Effect.void
        }),
        // What the API did not answer itself (an unknown route, a failure that escaped it): the platform answers
        // it with this status.
        Effect.tapErrorCause((cause) => {
          if (Cause.isInterruptedOnly(cause)) return Effect.void
          const [response, stripped] = HttpServerError.causeResponseStripped(cause)
          const logged = annotations(request, response.status)
          if (response.status >= 500) {
            return Effect.logError(
              "server error",
              Option.getOrElse(stripped, () => cause)
            ).pipe(Effect.annotateLogs(logged))
          }
          return logRequests ? Effect.logInfo("Sent HTTP response").pipe(Effect.annotateLogs(logged)) : Effect.void
        })
      )
    )
  )
