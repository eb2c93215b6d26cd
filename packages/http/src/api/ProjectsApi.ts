import {
  CloseProjectInput,
  CompleteProjectInput,
  CreateProjectInput,
  Interaction,
  InvalidTransition,
  LocalDate,
  NotFound,
  OpenTasksRemain,
  Project,
  ProjectDetail,
  ProjectId,
  ProjectProgress,
  ProjectTransitionTarget,
  ReferencedEntityMissing,
  RuleViolated,
  TimelinePage,
  UpdateProjectInput,
  VersionConflict
} from "@agency-crm/core"
import { HttpApiEndpoint, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { Authentication } from "./Authentication.js"
import { crudGroup, IdPath, IfMatch } from "./crud.js"
import { PreconditionFailed, PreconditionRequired } from "./errors.js"
import { strict } from "./params.js"
import { ProjectParams } from "./queries.js"
import { TimelineParams } from "./TimelineApi.js"

const path = IdPath(ProjectId)
const AsOfParams = Schema.Struct({ today: Schema.optional(LocalDate) })

/** Body of `POST /projects/:id/transition`. */
export const ProjectTransitionBody = Schema.Struct({ to: ProjectTransitionTarget })

/** Result of closing a project: the closed project and its feedback interaction. */
export const ClosedProject = Schema.Struct({ project: Project, feedback: Interaction })

const write = <const Name extends string>(name: Name, segment: string) =>
  HttpApiEndpoint.post(name, `/projects/:id/${segment}`)
    .setPath(path)
    .setHeaders(IfMatch)
    .addError(NotFound, { status: 404 })
    .addError(VersionConflict, { status: 409 })
    .addError(PreconditionFailed, { status: 412 })
    .addError(PreconditionRequired, { status: 428 })
    .addError(InvalidTransition, { status: 409 })

/** Projects: one per approved campaign, through its lifecycle. */
export const ProjectsApi = crudGroup("projects", {
  path: "/projects",
  noun: "project",
  plural: "projects",
  entity: Project,
  created: Project,
  id: ProjectId,
  params: ProjectParams,
  create: CreateProjectInput,
  update: UpdateProjectInput
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
      .addError(OpenTasksRemain, { status: 422 })
      .annotate(OpenApi.Summary, "Complete a project with its final report")
      .annotate(OpenApi.Description, "Fails with the list of open tasks while any remain.")
  )
  .add(
    write("close", "close")
      .setPayload(strict(CloseProjectInput))
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
      .addError(NotFound, { status: 404 })
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
      .addError(NotFound, { status: 404 })
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
      .addError(NotFound, { status: 404 })
      .annotate(OpenApi.Summary, "Timeline of a project")
      .annotate(OpenApi.Description, "Interactions (when they occurred) and recorded changes, newest first.")
  )
  .addError(ReferencedEntityMissing, { status: 422 })
  .addError(RuleViolated, { status: 422 })
  .middleware(Authentication)
  .annotate(
    OpenApi.Description,
    "One project per approved campaign, through its lifecycle, with its detail, progress and timeline."
  )
