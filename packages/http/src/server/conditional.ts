import { VersionConflict, invalidField, type ValidationFailed, type WriteOptions } from "@agency-crm/core"
import { HttpApp, HttpServerResponse } from "@effect/platform"
import { Context, Effect } from "effect"
import { PreconditionFailed, PreconditionRequired } from "../api/errors.js"

/** How the server treats writes on existing entities without `If-Match`. */
export class ConditionalWrites extends Context.Reference<ConditionalWrites>()("@agency-crm/http/ConditionalWrites", {
  defaultValue: () => ({ requireIfMatch: false })
}) {}

/** The ETag of an entity version. */
export const etagOf = (version: number): string => `"${version}"`

/** What an `If-Match` header asks: any current version (`*`), or the one version it names. */
export type IfMatchCondition = { readonly _tag: "Any" } | { readonly _tag: "Version"; readonly version: number }

// Our ETags are versions, which start at 1.
const entityTag = /^(?:W\/)?(?:"([1-9]\d{0,14})"|([1-9]\d{0,14}))$/

/**
 * Reads `If-Match` (RFC 9110): `*`, or entity tags (`"3"`, `W/"3"` or a bare `3`); several tags are accepted when
 * they name one version. Anything else is a 400 on `if-match`.
 */
export const parseIfMatch = (
  header: string | undefined
): Effect.Effect<IfMatchCondition | undefined, ValidationFailed> => {
  if (header === undefined) return Effect.succeed(undefined)
  const trimmed = header.trim()
  if (trimmed === "*") return Effect.succeed({ _tag: "Any" })
  const versions = new Set<number>()
  for (const tag of trimmed.split(",")) {
    const match = entityTag.exec(tag.trim())
    if (match === null) return Effect.fail(invalidField("if-match", 'must be * or the ETag of the entity, e.g. "3"'))
    versions.add(Number(match[1] ?? match[2]))
  }
  if (versions.size > 1) {
    return Effect.fail(invalidField("if-match", "names several versions: send the one ETag you last read, or *"))
  }
  return Effect.succeed({ _tag: "Version", version: [...versions][0]! })
}

/** Sends the entity's version as the response's ETag. */
export const withEtag = <A extends { readonly version: number }>(entity: A): Effect.Effect<A> =>
  Effect.as(
    HttpApp.appendPreResponseHandler((_request, response) =>
      Effect.succeed(HttpServerResponse.setHeader(response, "etag", etagOf(entity.version)))
    ),
    entity
  )

/**
 * Runs a write on an existing entity honouring `If-Match`: a named version that is stale becomes 412 (instead of
 * the core's 409); `*` matches any current version. When the server requires conditional writes, a write
 * without `If-Match` is refused with 428.
 */
export const conditional = <A, E, R>(
  headers: { readonly "if-match"?: string | undefined },
  write: (options: WriteOptions) => Effect.Effect<A, E, R>
): Effect.Effect<A, E | ValidationFailed | PreconditionFailed | PreconditionRequired, R> =>
  Effect.gen(function* () {
    const condition = yield* parseIfMatch(headers["if-match"])
    if (condition === undefined) {
      const { requireIfMatch } = yield* ConditionalWrites
      if (requireIfMatch) {
        return yield* new PreconditionRequired({
          message: "this server requires If-Match on writes to existing entities: send the ETag you last read, or *"
        })
      }
    }
    if (condition?._tag !== "Version") return yield* write({})
    const expected = condition.version
    return yield* Effect.mapError(write({ expectedVersion: expected }), (error): E | PreconditionFailed =>
      error instanceof VersionConflict
        ? new PreconditionFailed({
            expected: error.expected,
            actual: error.actual,
            message: `If-Match ${etagOf(error.expected)} is stale: the entity is at ${etagOf(error.actual)}`
          })
        : error
    )
  })
