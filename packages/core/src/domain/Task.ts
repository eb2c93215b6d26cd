import { type Context, Schema } from "effect"
import * as Aggregate from "../aggregate/Aggregate.js"
import * as Filters from "../aggregate/Filters.js"
import * as Sorts from "../aggregate/Sorts.js"
import { entityFields } from "./Entity.js"
import { taskDocument } from "./SearchDocuments.js"
import { ClientId, InteractionId, OpportunityId, ProjectId, TaskId, TeamMemberId } from "./Ids.js"
import type { TransitionTable } from "./Lifecycle.js"
import { LocalDate } from "./LocalDate.js"
import { LongText, Name } from "./Text.js"

export { TaskId } from "./Ids.js"

/** Where a task is in its lifecycle. */
export const TaskStatus = Schema.Literal("todo", "in_progress", "in_review", "done", "blocked", "cancelled")
/** Where a task is in its lifecycle. */
export type TaskStatus = typeof TaskStatus.Type

/** Every task status, in lifecycle order. */
export const TASK_STATUSES: ReadonlyArray<TaskStatus> = TaskStatus.literals

/** Statuses of work still to do: these count as open for deadlines, workload and project completion. */
export const OPEN_TASK_STATUSES: ReadonlyArray<TaskStatus> = ["todo", "in_progress", "in_review", "blocked"]

/** The task lifecycle: `todo → in_progress → in_review → done`, `blocked` from/to the active states,
 * `cancelled` from any open state, and reopening `done → in_progress`. */
export const taskTransitions: TransitionTable<TaskStatus> = {
  todo: ["in_progress", "blocked", "cancelled"],
  in_progress: ["in_review", "blocked", "cancelled"],
  in_review: ["done", "blocked", "cancelled"],
  blocked: ["todo", "in_progress", "in_review", "cancelled"],
  done: ["in_progress"],
  cancelled: []
}

/** How urgent a task is. */
export const TaskPriority = Schema.Literal("low", "medium", "high", "urgent")
/** How urgent a task is. */
export type TaskPriority = typeof TaskPriority.Type

/** Rank of each priority, so sorting by priority orders low → urgent. */
export const priorityRank: { readonly [P in TaskPriority]: number } = { low: 0, medium: 1, high: 2, urgent: 3 }

/** Estimated effort in hours. */
export const Hours = Schema.Number.pipe(Schema.finite(), Schema.between(0, 100_000))

/** A unit of work with an assignee and a deadline, for an organization: in one of its projects (delivery), for one
 * of its opportunities (sales), or on the organization alone (a next step before either exists). */
export class Task extends Schema.Class<Task>("Task")({
  ...entityFields(TaskId),
  projectId: Schema.NullOr(ProjectId),
  opportunityId: Schema.NullOr(OpportunityId),
  clientId: ClientId,
  title: Name,
  description: Schema.NullOr(LongText),
  status: TaskStatus,
  priority: TaskPriority,
  assigneeId: Schema.NullOr(TeamMemberId),
  dueDate: Schema.NullOr(LocalDate),
  estimateHours: Schema.NullOr(Hours),
  originInteractionId: Schema.NullOr(InteractionId),
  completedAt: Schema.NullOr(Schema.DateTimeUtc)
}) {}

/** Input of `Tasks.create`: the task is for a project, an opportunity, or an organization (`clientId`; implied by
 * the others); it starts in `todo` with `medium` priority unless told otherwise. */
export const CreateTaskInput = Schema.Struct({
  projectId: Schema.optional(Schema.NullOr(ProjectId)),
  opportunityId: Schema.optional(Schema.NullOr(OpportunityId)),
  clientId: Schema.optional(ClientId),
  title: Name,
  description: Schema.optional(Schema.NullOr(LongText)),
  priority: Schema.optional(TaskPriority),
  assigneeId: Schema.optional(Schema.NullOr(TeamMemberId)),
  dueDate: Schema.optional(Schema.NullOr(LocalDate)),
  estimateHours: Schema.optional(Schema.NullOr(Hours)),
  /** The interaction this task follows up on (same client). */
  originInteractionId: Schema.optional(Schema.NullOr(InteractionId))
}).pipe(
  Schema.filter((input) =>
    input.projectId != null || input.opportunityId != null || input.clientId !== undefined
      ? true
      : { path: ["projectId"], message: "is required unless opportunityId or clientId says whom the task is for" }
  )
)
/** Input of `Tasks.create`. */
export type CreateTaskInput = typeof CreateTaskInput.Type

/** Input of `Tasks.update`: only the given fields change; status moves through `Tasks.transition`. */
export const UpdateTaskInput = Schema.Struct({
  title: Schema.optional(Name),
  description: Schema.optional(Schema.NullOr(LongText)),
  priority: Schema.optional(TaskPriority),
  assigneeId: Schema.optional(Schema.NullOr(TeamMemberId)),
  dueDate: Schema.optional(Schema.NullOr(LocalDate)),
  estimateHours: Schema.optional(Schema.NullOr(Hours))
})
/** Input of `Tasks.update`. */
export type UpdateTaskInput = typeof UpdateTaskInput.Type

/** Tasks: the work of projects, opportunities and organizations; `dueFrom` is inclusive and `dueBefore`
 * exclusive, and both skip undated tasks. */
export const taskAggregate = Aggregate.define({
  name: "task",
  plural: "tasks",
  schema: Task,
  id: TaskId,
  filters: {
    projectId: Filters.eq(ProjectId),
    opportunityId: Filters.eq(OpportunityId),
    clientId: Filters.eq(ClientId),
    assigneeId: Filters.eq(TeamMemberId),
    unassigned: Filters.isNull("assigneeId"),
    status: Filters.among(TaskStatus),
    priority: Filters.among(TaskPriority),
    dueFrom: Filters.from("dueDate", LocalDate),
    dueBefore: Filters.before("dueDate", LocalDate),
    completedFrom: Filters.from("completedAt", Schema.DateTimeUtc),
    completedBefore: Filters.before("completedAt", Schema.DateTimeUtc),
    originInteractionId: Filters.eq(InteractionId),
    createdFrom: Filters.from("createdAt", Schema.DateTimeUtc),
    fromInteraction: Filters.isSet("originInteractionId")
  },
  sorts: {
    createdAt: Sorts.time("createdAt"),
    updatedAt: Sorts.time("updatedAt"),
    dueDate: Sorts.value("dueDate", { nullable: true }),
    priority: Sorts.rank("priority", priorityRank, "priorityRank"),
    title: Sorts.text("title", "titleKey"),
    completedAt: Sorts.time("completedAt", { nullable: true })
  },
  defaultSort: { by: "createdAt", order: "asc" },
  inputs: { create: CreateTaskInput, update: UpdateTaskInput },
  references: {
    projectId: { to: "project", onDelete: "cascade" },
    opportunityId: { to: "opportunity", onDelete: "cascade" },
    clientId: { to: "client", onDelete: "cascade" },
    assigneeId: { to: "team_member", onDelete: "restrict" },
    originInteractionId: { to: "interaction", onDelete: "setNull" }
  },
  events: ["created", "updated", "assigned", "status_changed", "deleted"],
  eventRefs: (t) => ({ clientId: t.clientId, projectId: t.projectId, assigneeId: t.assigneeId }),
  search: taskDocument,
  permissions: { read: "crm.read", write: "task.write", remove: "task.delete" }
})

/** Filters of a task list. */
export const TaskFilter = taskAggregate.Filter
/** Filters of a task list. */
export type TaskFilter = typeof TaskFilter.Type

/** Fields a task list can be sorted by. */
export const TaskSortField = taskAggregate.SortField
/** Fields a task list can be sorted by. */
export type TaskSortField = typeof TaskSortField.Type

/** Query of a task list. */
export const TaskListQuery = taskAggregate.ListQuery
/** Query of a task list. */
export type TaskListQuery = typeof TaskListQuery.Type

/** How tasks are listed. */
export const taskList = taskAggregate.list

/** Whether a task still has work to do. */
export const isOpenTask = (status: TaskStatus): boolean => OPEN_TASK_STATUSES.includes(status)

/** Storage of tasks. */
export const TaskRepository = taskAggregate.repository
/** Storage of tasks. */
export type TaskRepository = Context.Tag.Identifier<typeof TaskRepository>
