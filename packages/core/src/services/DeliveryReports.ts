import { DateTime, Effect } from "effect"
import { type DeliveryReport, DeliveryQuery } from "../domain/DeliveryReports.js"
import { fromDateTime, type LocalDate } from "../domain/LocalDate.js"
import { OPEN_TASK_STATUSES, type Task, taskAggregate, TaskRepository } from "../domain/Task.js"
import { validate } from "../domain/Validation.js"
import { Access } from "./Access.js"
import { forEachMatching } from "./paging.js"
import { today } from "./UnitOfWork.js"

const startOf = (date: LocalDate) => DateTime.unsafeMake(`${date}T00:00:00Z`)

/** Reports on delivery over a period `[from, to)`: tasks completed on time, and what is overdue now. */
export class DeliveryReports extends Effect.Service<DeliveryReports>()("@agency-crm/core/DeliveryReports", {
  dependencies: [Access.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const tasks = yield* TaskRepository
    const validateQuery = validate(DeliveryQuery)

    const tasksWhere = (filter: Record<string, unknown>, sortBy: "createdAt" | "dueDate") =>
      Effect.gen(function* () {
        const rows: Array<Task> = []
        yield* forEachMatching(taskAggregate.list, sortBy, filter, tasks.list, (batch) =>
          Effect.sync(() => rows.push(...batch))
        )
        return rows
      })

    const delivery = Effect.fn("DeliveryReports.delivery")(function* (query: DeliveryQuery) {
      const q = yield* validateQuery(query)
      const scope = {
        ...(q.clientId === undefined ? {} : { clientId: q.clientId }),
        ...(q.projectId === undefined ? {} : { projectId: q.projectId }),
        ...(q.assigneeId === undefined ? {} : { assigneeId: q.assigneeId })
      }
      const completed = yield* tasksWhere(
        { ...scope, status: ["done"], completedFrom: startOf(q.from), completedBefore: startOf(q.to) },
        "createdAt"
      )
      const dated = completed.filter((t) => t.dueDate !== null)
      // On time: completed on or before the due date (the UTC date of the completion).
      const onTime = dated.filter((t) => fromDateTime(t.completedAt!) <= t.dueDate!).length
      const day = q.today ?? (yield* today)
      const overdue = yield* tasksWhere({ ...scope, status: OPEN_TASK_STATUSES, dueBefore: day }, "dueDate")
      const byAssignee = new Map<Task["assigneeId"], number>()
      for (const t of overdue) byAssignee.set(t.assigneeId, (byAssignee.get(t.assigneeId) ?? 0) + 1)
      const report: DeliveryReport = {
        completed: completed.length,
        withDueDate: dated.length,
        onTime,
        late: dated.length - onTime,
        onTimeRate: dated.length === 0 ? null : onTime / dated.length,
        overdueNow: Array.from(byAssignee, ([assigneeId, count]) => ({ assigneeId, count })).sort((a, b) =>
          a.assigneeId === b.assigneeId
            ? 0
            : a.assigneeId === null
              ? 1
              : b.assigneeId === null
                ? -1
                : a.assigneeId < b.assigneeId
                  ? -1
                  : 1
        )
      }
      return report
    })

    return access.guard("DeliveryReports", { delivery })
  })
}) {}
