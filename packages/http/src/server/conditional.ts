import { VersionConflict, invalidField, type ValidationFailed, type WriteOptions } from "@agency-crm/core"
import { HttpApp, HttpServerResponse } from "@effect/platform"
import { Effect } from "effect"
import { PreconditionFailed } from "../api/errors.js"

/** The ETag of an entity version. */
export const etagOf = (version: number): string => `"${version}"`

/** Reads `If-Match` (`"3"`, `W/"3"` or `3`) as an expected version; anything else is a 400 on `if-match`. */
export const parseIfMatch = (header: string | undefined): Effect.Effect<number | undefined, ValidationFailed> => {
  if (header === undefined) return Effect.succeed(undefined)
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header)
  return match === null
    ? Effect.fail(invalidField("if-match", 'must be the ETag of the entity, e.g. "3"'))
    : Effect.succeed(Number(match[1]))
}

/** Sends the entity's version as the response's ETag. */
export const withEtag = <A extends { readonly version: number }>(entity: A): Effect.Effect<A> =>
  Effect.as(
    HttpApp.appendPreResponseHandler((_request, response) =>
      Effect.succeed(HttpServerResponse.setHeader(response, "etag", etagOf(entity.version)))
    ),
    entity
  )

/** Runs a write on an existing entity honouring `If-Match`: a stale version becomes 412 instead of 409. */
export const conditional = <A, E, R>(
  headers: { readonly "if-match"?: string | undefined },
  write: (options: WriteOptions) => Effect.Effect<A, E, R>
): Effect.Effect<A, E | ValidationFailed | PreconditionFailed, R> =>
  Effect.flatMap(parseIfMatch(headers["if-match"]), (expectedVersion) =>
    Effect.mapError(write(expectedVersion === undefined ? {} : { expectedVersion }), (error): E | PreconditionFailed =>
      expectedVersion !== undefined && error instanceof VersionConflict
        ? new PreconditionFailed({
            expected: error.expected,
            actual: error.actual,
            message: `If-Match ${etagOf(error.expected)} is stale: the entity is at ${etagOf(error.actual)}`
          })
        : error
    )
  )
