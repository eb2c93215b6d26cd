import {
  emptyStatusCounts,
  type LocalDate,
  OPEN_TASK_STATUSES,
  type ProjectId,
  TaskStatistics,
  TaskStatus,
  TeamMemberId
} from "@agency-crm/core"
import { Effect, Schema } from "effect"
import { inList, type Db } from "./sql.js"

const open = inList("status", OPEN_TASK_STATUSES).text
const StatusCount = Schema.Struct({ status: TaskStatus, n: Schema.Number, overdue: Schema.Number })
const WorkloadRow = Schema.Struct({
  assigneeId: Schema.NullOr(TeamMemberId),
  open: Schema.Number,
  overdue: Schema.Number
})

/** The aggregate reads of tracking, answered from covering indexes. */
export const makeTaskStatistics = (db: Db) =>
  TaskStatistics.of({
    stats: (projectId: ProjectId, today: LocalDate) =>
      Effect.map(
        db.runDecoded(
          StatusCount,
          "tasks.stats",
          `SELECT status, COUNT(*) AS n, SUM(CASE WHEN dueDate < ? AND ${open} THEN 1 ELSE 0 END) AS overdue
            FROM tasks WHERE projectId = ? GROUP BY status`,
          [today, projectId]
        ),
        (rows) => {
          const byStatus = emptyStatusCounts()
          let overdue = 0
          for (const row of rows) {
            byStatus[row.status] = row.n
            overdue += row.overdue
          }
          return { byStatus, overdue }
        }
      ),
    workload: (today: LocalDate) =>
      db.runDecoded(
        WorkloadRow,
        "tasks.workload",
        `SELECT assigneeId, COUNT(*) AS open, SUM(CASE WHEN dueDate < ? THEN 1 ELSE 0 END) AS overdue
          FROM tasks WHERE ${open} GROUP BY assigneeId ORDER BY assigneeId NULLS FIRST`,
        [today]
      )
  })
