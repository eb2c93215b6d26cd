import { Actor, ApiKeys } from "@agency-crm/core"
import { HttpServerRequest } from "@effect/platform"
import { Effect, Layer, Redacted } from "effect"
import { Authentication } from "../api/Authentication.js"
import { TooManyRequests, Unauthenticated } from "../api/errors.js"
import { type AuthThrottleOptions, makeAuthThrottle } from "./authThrottle.js"
import { makeClientAddresses } from "./clientAddress.js"

const BEARER = /^Bearer ([^\s]+)$/

/** The API key an `Authorization` header carries (`Bearer <key>`), or `undefined` when it is not one. */
export const bearerToken = (header: string | undefined): string | undefined =>
  header === undefined ? undefined : BEARER.exec(header)?.[1]

/** API-key authentication, with failed attempts throttled per client address. */
export const AuthenticationLive = (options: AuthThrottleOptions = {}) =>
  Layer.effect(
    Authentication,
    Effect.gen(function* () {
      const keys = yield* ApiKeys
      const throttle = makeAuthThrottle(options)
      const clientOf = makeClientAddresses(options.trustedProxies)
      return {
        // The platform's bearer decoding only strips a prefix; the raw header is checked here.
        apiKey: (_: Redacted.Redacted) =>
          Effect.gen(function* () {
            const request = yield* HttpServerRequest.HttpServerRequest
            const header = request.headers.authorization
            // A request without credentials guesses nothing: it is not counted.
            if (header === undefined || header === "") {
              return yield* new Unauthenticated({ message: "missing Authorization header: expected Bearer <API key>" })
            }
            const { bucket } = clientOf(request)
            const refuse = (message: string) =>
              Effect.gen(function* () {
                yield* throttle.fail(bucket)
                const wait = yield* throttle.retryAfter(bucket)
                if (wait === 0) return yield* new Unauthenticated({ message })
                return yield* new TooManyRequests({
                  retryAfterSeconds: wait,
                  message: `too many failed authentications from this address; retry in ${wait} s (${message})`
                })
              })
            const token = bearerToken(header)
            if (token === undefined) return yield* refuse("malformed Authorization header: expected Bearer <API key>")
            // A valid key is never refused for its address's failures.
            const authenticated = yield* keys.authenticate(token).pipe(
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
