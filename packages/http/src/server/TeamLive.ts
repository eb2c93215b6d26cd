import { Actor, Team, Tracking, UnknownActor } from "@agency-crm/core"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { CrmApi } from "../api/Api.js"
import { compiledResponses } from "./compiledResponses.js"
import { conditional, withEtag } from "./conditional.js"

/** Handlers of the team group. */
export const TeamLive = HttpApiBuilder.group(CrmApi, "team", (handlers) =>
  Effect.map(
    Effect.gen(function* () {
      const team = yield* Team
      const tracking = yield* Tracking
      return handlers
        .handle("list", ({ urlParams }) => team.list(urlParams))
        .handle("create", ({ payload }) => Effect.flatMap(team.create(payload), withEtag))
        .handle("get", ({ path }) => Effect.flatMap(team.get(path.id), withEtag))
        .handle("update", ({ headers, path, payload }) =>
          Effect.flatMap(
            conditional(headers, (options) => team.update(path.id, payload, options)),
            withEtag
          )
        )
        .handle("remove", ({ headers, path }) => conditional(headers, (options) => team.remove(path.id, options)))
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
