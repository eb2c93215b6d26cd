import { Actor, ApiKeys } from "@agency-crm/core"
import { HttpServerRequest } from "@effect/platform"
import { Effect, Layer, Redacted } from "effect"
import { Authentication } from "../api/Authentication.js"
import { TooManyRequests, Unauthenticated } from "../api/errors.js"
import { type AuthThrottleOptions, makeAuthThrottle } from "./authThrottle.js"

const BEARER = /^Bearer ([^\s]+)$/

/** API-key authentication, with failed attempts throttled per client address. */
export const AuthenticationLive = (options: AuthThrottleOptions = {}) =>
  Layer.effect(
    Authentication,
    Effect.gen(function* () {
      const keys = yield* ApiKeys
      const throttle = makeAuthThrottle(options)
      return {
        // The platform's bearer decoding only strips a prefix; the raw header is checked here.
        apiKey: (_: Redacted.Redacted) =>
          Effect.gen(function* () {
            const request = yield* HttpServerRequest.HttpServerRequest
            const address = request.remoteAddress._tag === "Some" ? request.remoteAddress.value : "unknown"
            const wait = yield* throttle.retryAfter(address)
            if (wait > 0) {
              return yield* new TooManyRequests({
                retryAfterSeconds: wait,
                message: `too many failed authentications from this address; retry in ${wait} s`
              })
            }
            const header = request.headers.authorization
            if (header === undefined || header === "") {
              return yield* new Unauthenticated({ message: "missing Authorization header: expected Bearer <API key>" })
            }
            const match = BEARER.exec(header)
            const refuse = (message: string) =>
              Effect.zipRight(throttle.fail(address), new Unauthenticated({ message }))
            if (match === null) return yield* refuse("malformed Authorization header: expected Bearer <API key>")
            const authenticated = yield* keys.authenticate(match[1]!).pipe(
              Effect.catchTags({
                AuthenticationFailed: (failed) => refuse(failed.message),
                StorageError: (error) => Effect.die(error)
              })
            )
            return Actor.authenticated(authenticated.member, authenticated.keyId)
          })
      }
    })
  )
