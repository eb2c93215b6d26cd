import {
  DEFAULT_IDEMPOTENCY_RETENTION,
  type Idempotency,
  invalidField,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  type RequestOutcome
} from "@agency-crm/core"
import { HttpApp, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { bearerToken } from "./AuthenticationLive.js"
import { Duration, Effect, FiberRef, Option } from "effect"
import { createHash } from "node:crypto"

/** How the server keeps the outcomes of requests made with `Idempotency-Key`. */
export interface IdempotencyOptions {
  /** How long a key answers retries, in milliseconds (at least a day is what clients expect). Default 24 h. */
  readonly retentionMs?: number | undefined
}

/** The request header naming a request's idempotency key. */
export const IDEMPOTENCY_KEY_HEADER = "idempotency-key"

/** The response header marking an answer replayed from an earlier request with the same key. */
export const IDEMPOTENT_REPLAYED_HEADER = "idempotent-replayed"

// Visible ASCII, optionally as a structured-field string (`"…"`), as the IETF draft writes keys.
const KEY = new RegExp(
  `^(?:"([\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]{1,${MAX_IDEMPOTENCY_KEY_LENGTH}})"|([\\x21-\\x7e]{1,${MAX_IDEMPOTENCY_KEY_LENGTH}}))$`
)

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex")
const utf8 = new TextDecoder()

/** Response headers a replay repeats. */
const KEPT_HEADERS = ["etag", "location"] as const

/** What a retry must get back from a response: status, body and the headers that describe them. */
const outcomeOf = (response: HttpServerResponse.HttpServerResponse): RequestOutcome => {
  const body = response.body
  const headers: Record<string, string> = {}
  for (const name of KEPT_HEADERS) {
    const value = response.headers[name]
    if (value !== undefined) headers[name] = value
  }
  if (body._tag === "Empty") return { status: response.status, headers, body: "" }
  // Every body the API answers a POST with is bytes (JSON); anything else is a defect to find in tests.
  if (body._tag !== "Uint8Array") throw new Error(`a POST answered with a ${body._tag} body cannot be replayed`)
  if (body.contentType !== undefined) headers["content-type"] = body.contentType
  return { status: response.status, headers, body: utf8.decode(body.body) }
}

const replay = (outcome: RequestOutcome): HttpServerResponse.HttpServerResponse => {
  const { "content-type": contentType, ...rest } = outcome.headers
  const headers = { ...rest, [IDEMPOTENT_REPLAYED_HEADER]: "true" }
  return outcome.body === "" && contentType === undefined
    ? HttpServerResponse.empty({ status: outcome.status, headers })
    : HttpServerResponse.text(outcome.body, {
        status: outcome.status,
        contentType: contentType ?? "application/json",
        headers
      })
}

/**
 * `Idempotency-Key` on every POST: the first request with a key runs, and its successful answer is stored in the
 * same transaction as its writes; a retry with the same key, target and body gets that answer again (marked
 * `Idempotent-Replayed: true`) without running; the same key with another request is a 422; requests with one key
 * run one after the other. Keys are scoped to the API key that sent them and kept `retentionMs`.
 */
export const idempotent =
  (idempotency: Idempotency, options: IdempotencyOptions = {}) =>
  (app: HttpApp.Default<unknown>): HttpApp.Default<unknown> => {
    const retention =
      options.retentionMs === undefined ? DEFAULT_IDEMPOTENCY_RETENTION : Duration.millis(options.retentionMs)
    const withKey = (request: HttpServerRequest.HttpServerRequest, header: string) =>
      Effect.gen(function* () {
        const match = KEY.exec(header)
        if (match === null) {
          return yield* invalidField(
            IDEMPOTENCY_KEY_HEADER,
            `must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters`
          )
        }
        const token = bearerToken(request.headers.authorization)
        // Without a key to scope it to, the request is refused by authentication anyway.
        if (token === undefined) return yield* app
        const body = yield* Effect.orDie(request.text)
        let response: HttpServerResponse.HttpServerResponse | undefined
        const run = Effect.flatMap(app, (answered) =>
          Effect.gen(function* () {
            // The ETag is added on the way out: apply it here so the stored answer has it.
            const finish = yield* FiberRef.get(HttpApp.currentPreResponseHandlers)
            response = Option.isSome(finish) ? yield* Effect.orDie(finish.value(request, answered)) : answered
            return outcomeOf(response)
          })
        )
        const done = yield* idempotency.once(
          {
            scope: sha256(token),
            key: match[1] ?? match[2]!,
            fingerprint: sha256(`${request.method} ${request.url}\n${body}`)
          },
          run,
          retention
        )
        return done.replayed || response === undefined ? replay(done.outcome) : response
      })
    return Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
      const header = request.headers[IDEMPOTENCY_KEY_HEADER]
      return request.method !== "POST" || header === undefined ? app : withKey(request, header)
    })
  }
