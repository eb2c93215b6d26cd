import { Cursor, LocalDate, MAX_LIMIT, Page, ProjectId, Task, TeamMemberId, WorkloadEntry } from "@agency-crm/core"
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { Authentication } from "./Authentication.js"
import { IntParam } from "./params.js"

const deadlineParams = {
  today: Schema.optional(LocalDate),
  projectId: Schema.optional(ProjectId),
  assigneeId: Schema.optional(TeamMemberId),
  limit: Schema.optional(IntParam(1, MAX_LIMIT)),
  cursor: Schema.optional(Cursor)
}

/** `GET /tracking/overdue` parameters. */
export const OverdueParams = Schema.Struct(deadlineParams)

/** `GET /tracking/due-soon` parameters. */
export const DueSoonParams = Schema.Struct({ ...deadlineParams, days: Schema.optional(IntParam(0, 366)) })

/** Real-time tracking of deadlines and workload. */
export const TrackingApi = HttpApiGroup.make("tracking")
  .add(
    HttpApiEndpoint.get("overdue", "/tracking/overdue")
      .setUrlParams(OverdueParams)
      .addSuccess(Page(Task))
      .annotate(OpenApi.Summary, "Overdue tasks")
      .annotate(OpenApi.Description, "Open tasks due before today (UTC, or `today`), earliest first.")
  )
  .add(
    HttpApiEndpoint.get("dueSoon", "/tracking/due-soon")
      .setUrlParams(DueSoonParams)
      .addSuccess(Page(Task))
      .annotate(OpenApi.Summary, "Tasks due soon")
      .annotate(OpenApi.Description, "Open tasks due from today through `days` days later (default 7), earliest first.")
  )
  .add(
    HttpApiEndpoint.get("workload", "/tracking/workload")
      .setUrlParams(Schema.Struct({ today: Schema.optional(LocalDate) }))
      .addSuccess(Schema.Array(WorkloadEntry))
      .annotate(OpenApi.Summary, "Open and overdue tasks per assignee")
      .annotate(
        OpenApi.Description,
        "One entry per assignee (and one for unassigned tasks), as of today (UTC, or `today`)."
      )
  )
  .middleware(Authentication)
  .annotate(OpenApi.Description, "Real-time tracking of deadlines and workload.")
