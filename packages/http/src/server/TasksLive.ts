import { Tasks } from "@agency-crm/core"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { CrmApi } from "../api/Api.js"
import { compiledResponses } from "./compiledResponses.js"
import { crudHandlers } from "./crudHandlers.js"
import { conditional, withEtag } from "./conditional.js"

/** Handlers of the tasks group. */
export const TasksLive = HttpApiBuilder.group(CrmApi, "tasks", (handlers) =>
  Effect.map(
    Effect.gen(function* () {
      const tasks = yield* Tasks
      return crudHandlers(handlers, tasks)
        .handle("assign", ({ headers, path, payload }) =>
          Effect.flatMap(
            conditional(headers, (options) => tasks.assign(path.id, payload.assigneeId, options)),
            withEtag
          )
        )
        .handle("transition", ({ headers, path, payload }) =>
          Effect.flatMap(
            conditional(headers, (options) => tasks.transition(path.id, payload.to, options)),
            withEtag
          )
        )
    }),
    compiledResponses
  )
)
