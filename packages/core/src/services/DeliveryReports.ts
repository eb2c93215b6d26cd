import { Effect } from "effect"
import { AllocationRepository } from "../domain/Allocation.js"
import { type DeliveryReport, DeliveryQuery } from "../domain/DeliveryReports.js"
import { fromDateTime } from "../domain/LocalDate.js"
import { startOf } from "../domain/Period.js"
import { type Project, projectAggregate, ProjectRepository } from "../domain/Project.js"
import { type ProjectBudget, type ProjectsReport, ProjectsReportQuery } from "../domain/ProjectsReport.js"
import { OPEN_TASK_STATUSES, taskAggregate, TaskRepository } from "../domain/Task.js"
import { validate } from "../domain/Validation.js"
import { Access } from "./Access.js"
import { definedOnly } from "./loading.js"
import { allMatching, allMatchingEach } from "./paging.js"
import { daysFrom, groupBy, medianMean } from "./reportMath.js"
import { resourceTotals } from "./resourceTotals.js"
import { runningProjects } from "./runningProjects.js"
import { today } from "./UnitOfWork.js"

/** Reports on delivery over a period `[from, to)`: tasks completed on time and what is overdue now; the running
 * projects' budgets against their allocated cost, and how long completed projects took. */
export class DeliveryReports extends Effect.Service<DeliveryReports>()("@agency-crm/core/DeliveryReports", {
  dependencies: [Access.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const tasks = yield* TaskRepository
    const projects = yield* ProjectRepository
    const allocations = yield* AllocationRepository
    const validateQuery = validate(DeliveryQuery)
    const validateProjects = validate(ProjectsReportQuery)

    const delivery = Effect.fn("DeliveryReports.delivery")(function* (query: DeliveryQuery) {
      const q = yield* validateQuery(query)
      const scope = definedOnly({ clientId: q.clientId, projectId: q.projectId, assigneeId: q.assigneeId })
      const completed = yield* allMatching(
        taskAggregate.list,
        "completedAt",
        { ...scope, status: ["done"], completedFrom: startOf(q.from), completedBefore: startOf(q.to) },
        tasks.list
      )
      const dated = completed.filter((t) => t.dueDate !== null)
      // On time: completed on or before the due date (the UTC date of the completion).
      const onTime = dated.filter((t) => fromDateTime(t.completedAt!) <= t.dueDate!).length
      const day = q.today ?? (yield* today)
      // One read per open status: each is an index range of its own.
      const overdue = yield* allMatchingEach(
        taskAggregate.list,
        "dueDate",
        "status",
        OPEN_TASK_STATUSES,
        { ...scope, dueBefore: day },
        tasks.list
      )
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

    const budgetOf = (project: Project) =>
      Effect.map(
        Effect.provideService(resourceTotals(project.id), AllocationRepository, allocations),
        (totals): ProjectBudget => {
          const budget = project.budget
          const spent =
            budget === null ? 0 : (totals.materialCost.find((c) => c.currency === budget.currency)?.amountMinor ?? 0)
          return {
            projectId: project.id,
            name: project.name,
            status: project.status,
            budget,
            allocatedHours: totals.hours,
            allocatedCost: totals.materialCost,
            remainingMinor: budget === null ? null : budget.amountMinor - spent,
            overBudget: budget !== null && spent > budget.amountMinor
          }
        }
      )

    const projectsReport = Effect.fn("DeliveryReports.projects")(function* (query: ProjectsReportQuery) {
      const q = yield* validateProjects(query)
      const scope = definedOnly({ clientId: q.clientId, managerId: q.managerId, campaignType: q.campaignType })
      const [start, end] = [startOf(q.from), startOf(q.to)]
      const running = yield* Effect.provideService(runningProjects(start, end, scope), ProjectRepository, projects)
      const completed = yield* allMatching(
        projectAggregate.list,
        "completedAt",
        { ...scope, completedFrom: start, completedBefore: end },
        projects.list
      )
      const report: ProjectsReport = {
        running: yield* Effect.forEach(
          [...running].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1)),
          budgetOf
        ),
        completed: completed.length,
        // A project completed before activations were recorded has no start to measure from.
        durationDays: medianMean(
          completed.flatMap((p) => (p.activatedAt === null ? [] : [daysFrom(p.activatedAt, p.completedAt!)]))
        )
      }
      return report
    })

    return access.guard("DeliveryReports", { delivery, projects: projectsReport })
  })
}) {}
