import {
  CreateTaskInput,
  InvalidTransition,
  NotFound,
  ReferencedEntityMissing,
  RuleViolated,
  Task,
  TaskId,
  TaskStatus,
  TeamMemberId,
  UpdateTaskInput,
  VersionConflict
} from "@agency-crm/core"
import { HttpApiEndpoint, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { Authentication } from "./Authentication.js"
import { crudGroup, IdPath, IfMatch } from "./crud.js"
import { PreconditionFailed, PreconditionRequired } from "./errors.js"
import { strict } from "./params.js"
import { TaskParams } from "./queries.js"

/** Body of `POST /tasks/:id/assign`. */
export const AssignBody = Schema.Struct({ assigneeId: Schema.NullOr(TeamMemberId) })

/** Body of `POST /tasks/:id/transition`. */
export const TaskTransitionBody = Schema.Struct({ to: TaskStatus })

const write = <const Name extends string>(name: Name) =>
  HttpApiEndpoint.post(name, `/tasks/:id/${name}`)
    .setPath(IdPath(TaskId))
    .setHeaders(IfMatch)
    .addSuccess(Task)
    .addError(NotFound, { status: 404 })
    .addError(VersionConflict, { status: 409 })
    .addError(PreconditionFailed, { status: 412 })
    .addError(PreconditionRequired, { status: 428 })

/** Tasks of projects. */
export const TasksApi = crudGroup("tasks", {
  path: "/tasks",
  noun: "task",
  plural: "tasks",
  entity: Task,
  created: Task,
  id: TaskId,
  params: TaskParams,
  create: CreateTaskInput,
  update: UpdateTaskInput
})
  .add(
    write("assign")
      .setPayload(strict(AssignBody))
      .annotate(OpenApi.Summary, "Assign or unassign a task")
      .annotate(
        OpenApi.Description,
        "Members may take an unassigned task or give back their own; assigning to others is for managers and admins."
      )
  )
  .add(
    write("transition")
      .setPayload(strict(TaskTransitionBody))
      .addError(InvalidTransition, { status: 409 })
      .annotate(OpenApi.Summary, "Move a task through its lifecycle")
      .annotate(
        OpenApi.Description,
        "todo → in_progress → in_review → done, blocked from and to the active states, cancelled from any open one."
      )
  )
  .addError(ReferencedEntityMissing, { status: 422 })
  .addError(RuleViolated, { status: 422 })
  .middleware(Authentication)
  .annotate(OpenApi.Description, "Tasks of projects: assignees, deadlines and the task lifecycle.")
