import {
  CloseProjectInput,
  CompleteProjectInput,
  CreateProjectInput,
  Interaction,
  LocalDate,
  Project,
  projectAggregate,
  ProjectDetail,
  ProjectId,
  ProjectProgress,
  ProjectTransitionTarget,
  TimelinePage,
  UpdateProjectInput
} from "@agency-crm/core"
import { HttpApiEndpoint, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { Authentication } from "./Authentication.js"
import { addErrors, conditionalErrors, crudGroup, IdPath, IfMatch, postErrors, Statuses } from "./crud.js"
import { strict } from "./params.js"
import { TimelineParams } from "./TimelineApi.js"

const path = IdPath(ProjectId)
const AsOfParams = Schema.Struct({ today: Schema.optional(LocalDate) })

/** Body of `POST /projects/:id/transition`. */
export const ProjectTransitionBody = Schema.Struct({ to: ProjectTransitionTarget })

/** Result of closing a project: the closed project and its feedback interaction. */
export const ClosedProject = Schema.Struct({ project: Project, feedback: Interaction })

const write = <const Name extends string>(name: Name, segment: string) =>
  addErrors(HttpApiEndpoint.post(name, `/projects/:id/${segment}`).setPath(path).setHeaders(IfMatch), [
    ...postErrors,
    ...conditionalErrors,
    Statuses.InvalidTransition
  ])

/** Projects: one per approved campaign, through its lifecycle. */
export const ProjectsApi = crudGroup("projects", projectAggregate, {
  entity: Project,
  created: Project,
  create: CreateProjectInput,
  update: UpdateProjectInput,
  // The first project converts its prospect to a client, which a concurrent write may move.
  errors: {
    create: [Statuses.RuleViolated, Statuses.NotFound, Statuses.VersionConflict],
    update: [Statuses.RuleViolated]
  }
})
  .add(
    write("transition", "transition")
      .setPayload(strict(ProjectTransitionBody))
      .addSuccess(Project)
      .annotate(OpenApi.Summary, "Move a project to active, on hold or cancelled")
      .annotate(OpenApi.Description, "Cancelling a project cancels its open tasks.")
  )
  .add(
    write("complete", "complete")
      .setPayload(strict(CompleteProjectInput))
      .addSuccess(Project)
      .addError(Statuses.OpenTasksRemain)
      .annotate(OpenApi.Summary, "Complete a project with its final report")
      .annotate(OpenApi.Description, "Fails with the list of open tasks while any remain.")
  )
  .add(
    addErrors(write("close", "close").setPayload(strict(CloseProjectInput)), [
      Statuses.RuleViolated,
      Statuses.ReferencedEntityMissing
    ])
      .addSuccess(ClosedProject)
      .annotate(OpenApi.Summary, "Close a completed project with the client's feedback")
      .annotate(
        OpenApi.Description,
        "Logs the feedback interaction (with its 1–5 satisfaction) and closes the project in one write."
      )
  )
  .add(
    HttpApiEndpoint.get("detail", "/projects/:id/detail")
      .setPath(path)
      .setUrlParams(AsOfParams)
      .addSuccess(ProjectDetail)
      .addError(Statuses.NotFound)
      .annotate(OpenApi.Summary, "Project detail in one call")
      .annotate(
        OpenApi.Description,
        "Project, client, manager, progress, tasks, allocations, latest review, recent interactions."
      )
  )
  .add(
    HttpApiEndpoint.get("progress", "/projects/:id/progress")
      .setPath(path)
      .setUrlParams(AsOfParams)
      .addSuccess(ProjectProgress)
      .addError(Statuses.NotFound)
      .annotate(OpenApi.Summary, "Progress and health of a project")
      .annotate(
        OpenApi.Description,
        "Tasks by status, share done, overdue tasks and health, as of today (UTC, or `today`)."
      )
  )
  .add(
    HttpApiEndpoint.get("timeline", "/projects/:id/timeline")
      .setPath(path)
      .setUrlParams(TimelineParams)
      .addSuccess(TimelinePage)
      .addError(Statuses.NotFound)
      .annotate(OpenApi.Summary, "Timeline of a project")
      .annotate(OpenApi.Description, "Interactions (when they occurred) and recorded changes, newest first.")
  )
  .middleware(Authentication)
  .annotate(
    OpenApi.Description,
    "One project per approved campaign, through its lifecycle, with its detail, progress and timeline."
  )
