import { Search, Timeline, Tracking } from "@agency-crm/core"
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { CrmApi } from "../api/Api.js"
import { compiledResponses } from "./compiledResponses.js"

/** Handlers of the tracking group. */
export const TrackingLive = HttpApiBuilder.group(CrmApi, "tracking", (handlers) =>
  Effect.map(
    Effect.map(Tracking, (tracking) =>
      handlers
        .handle("overdue", ({ urlParams }) => tracking.overdue(urlParams))
        .handle("dueSoon", ({ urlParams }) => tracking.dueSoon(urlParams))
        .handle("workload", ({ urlParams }) => tracking.workload(urlParams))
    ),
    compiledResponses
  )
)

/** Handlers of the history group. */
export const HistoryLive = HttpApiBuilder.group(CrmApi, "history", (handlers) =>
  Effect.map(
    Effect.map(Timeline, (timeline) =>
      handlers.handle("history", ({ path, urlParams }) => timeline.history(path.entityType, path.entityId, urlParams))
    ),
    compiledResponses
  )
)

/** Handlers of the search group. */
export const SearchLive = HttpApiBuilder.group(CrmApi, "search", (handlers) =>
  Effect.map(
    Effect.map(Search, (search) => handlers.handle("search", ({ urlParams }) => search.search(urlParams))),
    compiledResponses
  )
)
