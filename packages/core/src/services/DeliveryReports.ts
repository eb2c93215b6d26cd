import { Effect } from "effect"
import { type DeliveryReport, DeliveryQuery } from "../domain/DeliveryReports.js"
import { fromDateTime } from "../domain/LocalDate.js"
import { startOf } from "../domain/Period.js"
import { OPEN_TASK_STATUSES, taskAggregate, TaskRepository } from "../domain/Task.js"
import { validate } from "../domain/Validation.js"
import { Access } from "./Access.js"
import { allMatching } from "./paging.js"
import { groupBy } from "./reportMath.js"
import { today } from "./UnitOfWork.js"

/** Reports on delivery over a period `[from, to)`: tasks completed on time, and what is overdue now. */
export class DeliveryReports extends Effect.Service<DeliveryReports>()("@agency-crm/core/DeliveryReports", {
  dependencies: [Access.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const tasks = yield* TaskRepository
    const validateQuery = validate(DeliveryQuery)

    const tasksWhere = (filter: Record<string, unknown>, sortBy: "createdAt" | "dueDate") =>
      allMatching(taskAggregate.list, sortBy, filter, tasks.list)

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
      const report: DeliveryReport = {
        completed: completed.length,
        withDueDate: dated.length,
        onTime,
        late: dated.length - onTime,
        onTimeRate: dated.length === 0 ? null : onTime / dated.length,
        overdueNow: groupBy(overdue, (t) => t.assigneeId).map(([assigneeId, tasks]) => ({
          assigneeId,
          count: tasks.length
        }))
      }
      return report
    })

    return access.guard("DeliveryReports", { delivery })
  })
}) {}
