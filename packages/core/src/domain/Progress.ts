import { Schema } from "effect"
import { type LocalDate, daysBetween } from "./LocalDate.js"
import type { Project } from "./Project.js"
import { TASK_STATUSES, TaskStatus } from "./Task.js"

/** How a project is doing against its schedule. */
export const ProjectHealth = Schema.Literal("on_track", "at_risk", "overdue")
/** How a project is doing against its schedule. */
export type ProjectHealth = typeof ProjectHealth.Type

/** Task counts of one project, as a repository reports them. */
export interface TaskStats {
  readonly byStatus: { readonly [S in TaskStatus]: number }
  /** Open tasks whose due date is before the reference day. */
  readonly overdue: number
}

/** Progress of a project at one moment: task counts, share done, overdue tasks and health. */
export const ProjectProgress = Schema.Struct({
  total: Schema.Int,
  byStatus: Schema.Record({ key: TaskStatus, value: Schema.Int }),
  percentDone: Schema.Number,
  overdueTasks: Schema.Int,
  health: ProjectHealth,
  asOf: Schema.String
})
/** Progress of a project at one moment. */
export type ProjectProgress = typeof ProjectProgress.Type

/** Counts with every status at zero. */
export const emptyStatusCounts = (): { [S in TaskStatus]: number } =>
  Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as { [S in TaskStatus]: number }

/** The lag of done work behind elapsed schedule, in percentage points, above which a project is at risk. */
export const AT_RISK_LAG_POINTS = 25

/**
 * Health rules: an unfinished project past its due date is `overdue`; one with overdue tasks, or whose share
 * of done work lags the elapsed share of its schedule by more than 25 points, is `at_risk`; else `on_track`.
 */
export const projectHealth = (
  project: Pick<Project, "status" | "startDate" | "dueDate">,
  percentDone: number,
  overdueTasks: number,
  today: LocalDate
): ProjectHealth => {
  const finished = project.status === "completed" || project.status === "closed" || project.status === "cancelled"
  if (finished) return "on_track"
  if (project.dueDate !== null && project.dueDate < today) return "overdue"
  if (overdueTasks > 0) return "at_risk"
  if (project.startDate !== null && project.dueDate !== null) {
    const span = daysBetween(project.startDate, project.dueDate)
    const elapsed = daysBetween(project.startDate, today)
    if (span > 0 && elapsed > 0) {
      const elapsedPercent = Math.min(100, (elapsed / span) * 100)
      if (elapsedPercent - percentDone > AT_RISK_LAG_POINTS) return "at_risk"
    }
  }
  return "on_track"
}

/** Computes progress from task counts: cancelled tasks do not count toward the total. */
export const computeProgress = (
  project: Pick<Project, "status" | "startDate" | "dueDate">,
  stats: TaskStats,
  today: LocalDate
): ProjectProgress => {
  const total = TASK_STATUSES.reduce((sum, s) => sum + stats.byStatus[s], 0)
  const counted = total - stats.byStatus.cancelled
  const percentDone = counted === 0 ? 0 : Math.round((stats.byStatus.done / counted) * 1000) / 10
  return {
    total,
    byStatus: { ...stats.byStatus },
    percentDone,
    overdueTasks: stats.overdue,
    health: projectHealth(project, percentDone, stats.overdue, today),
    asOf: today
  }
}
