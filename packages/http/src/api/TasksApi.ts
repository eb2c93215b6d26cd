import {
  CreateTaskInput,
  Task,
  taskAggregate,
  TaskId,
  TaskStatus,
  TeamMemberId,
  UpdateTaskInput
} from "@agency-crm/core"
import { HttpApiEndpoint, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { Authentication } from "./Authentication.js"
import { addErrors, conditionalErrors, crudGroup, IdPath, IfMatch, postErrors, Statuses } from "./crud.js"
import { strict } from "./params.js"

/** Body of `POST /tasks/:id/assign`. */
export const AssignBody = Schema.Struct({ assigneeId: Schema.NullOr(TeamMemberId) })

/** Body of `POST /tasks/:id/transition`. */
export const TaskTransitionBody = Schema.Struct({ to: TaskStatus })

const write = <const Name extends string>(name: Name) =>
  addErrors(
    HttpApiEndpoint.post(name, `/tasks/:id/${name}`).setPath(IdPath(TaskId)).setHeaders(IfMatch).addSuccess(Task),
    [
      ...postErrors,
      ...conditionalErrors,
      Statuses.RuleViolated,
      Statuses.ReferencedEntityMissing,
      Statuses.InvalidTransition
    ]
  )

/** Tasks of projects, opportunities and organizations. */
export const TasksApi = crudGroup("tasks", taskAggregate, {
  entity: Task,
  created: Task,
  create: CreateTaskInput,
  update: UpdateTaskInput,
  errors: { create: [Statuses.RuleViolated], update: [Statuses.RuleViolated, Statuses.InvalidTransition] }
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
      .annotate(OpenApi.Summary, "Move a task through its lifecycle")
      .annotate(
        OpenApi.Description,
        "todo → in_progress → in_review → done, blocked from and to the active states, cancelled from any open one."
      )
  )
  .middleware(Authentication)
  .annotate(
    OpenApi.Description,
    "Tasks of projects, opportunities and organizations: assignees, deadlines and the task lifecycle."
  )
