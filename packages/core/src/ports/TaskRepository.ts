import { Context, type Effect } from "effect"
import type { StorageError } from "../domain/Errors.js"
import type { ProjectId, TaskId } from "../domain/Ids.js"
import type { LocalDate } from "../domain/LocalDate.js"
import type { TaskStats } from "../domain/Progress.js"
import type { Task, TaskFilter, TaskSortField } from "../domain/Task.js"
import type { WorkloadEntry } from "../domain/Workload.js"
import type { Repository } from "./Repository.js"

/** Storage of tasks, with the aggregate reads that tracking needs. */
export interface TaskRepositoryService extends Repository<Task, TaskId, TaskFilter, TaskSortField> {
  /** Task counts by status of one project, and how many open ones are due before `today`. */
  readonly stats: (projectId: ProjectId, today: LocalDate) => Effect.Effect<TaskStats, StorageError>
  /** Open work per assignee (unassigned as `null`), ordered by assignee id with `null` first. */
  readonly workload: (today: LocalDate) => Effect.Effect<ReadonlyArray<WorkloadEntry>, StorageError>
}

/** Storage of tasks. */
export class TaskRepository extends Context.Tag("@agency-crm/core/TaskRepository")<
  TaskRepository,
  TaskRepositoryService
>() {}
