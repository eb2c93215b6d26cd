import { Actor, Team, Tracking, UnknownActor } from "@agency-crm/core"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { CrmApi } from "../api/Api.js"
import { compiledResponses } from "./compiledResponses.js"
import { crudHandlers } from "./crudHandlers.js"
import { withEtag } from "./conditional.js"

/** Handlers of the team group. */
export const TeamLive = HttpApiBuilder.group(CrmApi, "team", (handlers) =>
  Effect.map(
    Effect.gen(function* () {
      const team = yield* Team
      const tracking = yield* Tracking
      return crudHandlers(handlers, team)
        .handle("work", ({ path, urlParams }) => tracking.assigneeWork(path.id, urlParams))
        .handle("me", () =>
          Effect.flatMap(Actor, (actor) =>
            actor._tag === "Member"
              ? Effect.flatMap(team.get(actor.memberId), withEtag)
              : Effect.fail(UnknownActor.of("system"))
          )
        )
    }),
    compiledResponses
  )
)
