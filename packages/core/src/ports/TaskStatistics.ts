import { Context, type Effect } from "effect"
import type { StorageError } from "../domain/Errors.js"
import type { ProjectId } from "../domain/Ids.js"
import type { LocalDate } from "../domain/LocalDate.js"
import type { TaskStats } from "../domain/Progress.js"
import type { WorkloadEntry } from "../domain/Workload.js"

/** The aggregate reads over tasks that tracking needs, answered by the store (indexes, not a scan in core). */
export interface TaskStatisticsService {
  /** Task counts by status of one project, and how many open ones are due before `today`. */
  readonly stats: (projectId: ProjectId, today: LocalDate) => Effect.Effect<TaskStats, StorageError>
  /** Open work per assignee (unassigned as `null`), ordered by assignee id with `null` first. */
  readonly workload: (today: LocalDate) => Effect.Effect<ReadonlyArray<WorkloadEntry>, StorageError>
}

/** The aggregate reads over tasks that tracking needs. */
export class TaskStatistics extends Context.Tag("@agency-crm/core/TaskStatistics")<
  TaskStatistics,
  TaskStatisticsService
>() {}
