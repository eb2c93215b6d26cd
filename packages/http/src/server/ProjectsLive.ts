import { Projects, Timeline, Tracking } from "@agency-crm/core"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { CrmApi } from "../api/Api.js"
import { compiledResponses } from "./compiledResponses.js"
import { crudHandlers } from "./crudHandlers.js"
import { conditional, withEtag } from "./conditional.js"

/** Handlers of the projects group. */
export const ProjectsLive = HttpApiBuilder.group(CrmApi, "projects", (handlers) =>
  Effect.map(
    Effect.gen(function* () {
      const projects = yield* Projects
      const tracking = yield* Tracking
      const timeline = yield* Timeline
      return crudHandlers(handlers, projects)
        .handle("transition", ({ headers, path, payload }) =>
          Effect.flatMap(
            conditional(headers, (options) => projects.transition(path.id, payload.to, options)),
            withEtag
          )
        )
        .handle("complete", ({ headers, path, payload }) =>
          Effect.flatMap(
            conditional(headers, (options) => projects.complete(path.id, payload, options)),
            withEtag
          )
        )
        .handle("close", ({ headers, path, payload }) =>
          Effect.tap(
            conditional(headers, (options) => projects.close(path.id, payload, options)),
            (closed) => withEtag(closed.project)
          )
        )
        .handle("detail", ({ path, urlParams }) => projects.detail(path.id, urlParams))
        .handle("progress", ({ path, urlParams }) => tracking.progress(path.id, urlParams))
        .handle("timeline", ({ path, urlParams }) => timeline.project(path.id, urlParams))
    }),
    compiledResponses
  )
)
