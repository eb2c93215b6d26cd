import { Actor, TeamMemberId } from "@agency-crm/core"
import { HttpServerRequest } from "@effect/platform"
import { Effect, Layer, Option, Schema } from "effect"
import { ActorFromHeader } from "../api/ActorMiddleware.js"
import { Unauthenticated } from "../api/errors.js"

const decodeMemberId = Schema.decodeUnknownOption(TeamMemberId)

/** The acting identity from `X-Actor-Id`: a team member id, or `system`. */
export const ActorFromHeaderLive = Layer.succeed(
  ActorFromHeader,
  Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    const header = request.headers["x-actor-id"]
    if (header === undefined || header === "") {
      return yield* new Unauthenticated({ message: "missing X-Actor-Id header: the id of the acting team member" })
    }
    if (header === "system") return Actor.system
    return yield* Option.match(decodeMemberId(header), {
      onNone: () => Effect.fail(new Unauthenticated({ message: "X-Actor-Id is not a team member id" })),
      onSome: (id) => Effect.succeed(Actor.member(id))
    })
  })
)
