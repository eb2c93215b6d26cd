import { Effect } from "effect"
import { type ProjectId, type TeamMemberId } from "../domain/Ids.js"
import { addDays } from "../domain/LocalDate.js"
import { OPEN_TASK_STATUSES, taskList } from "../domain/Task.js"
import { AsOf, AssigneeWorkQuery, DEFAULT_DUE_SOON_DAYS, DueSoonQuery, OverdueQuery } from "../domain/Tracking.js"
import { validate } from "../domain/Validation.js"
import { ProjectRepository } from "../domain/Project.js"
import { TaskRepository } from "../domain/Task.js"
import { TaskStatistics } from "../ports/TaskStatistics.js"
import { TeamMemberRepository } from "../domain/TeamMember.js"
import { load } from "./loading.js"
import { paginate } from "./paging.js"
import { progressOf } from "./projectRules.js"
import { today } from "./UnitOfWork.js"
import { Access } from "./Access.js"

/** Real-time tracking of deadlines and workload: overdue and due-soon tasks, open work, project progress. */
export class Tracking extends Effect.Service<Tracking>()("@agency-crm/core/Tracking", {
  dependencies: [Access.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const tasks = yield* TaskRepository
    const statistics = yield* TaskStatistics
    const projects = yield* ProjectRepository
    const members = yield* TeamMemberRepository
    const validateOverdue = validate(OverdueQuery)
    const validateDueSoon = validate(DueSoonQuery)
    const validateAssignee = validate(AssigneeWorkQuery)
    const validateAsOf = validate(AsOf)

    const byDueDate = (limit: number | undefined, cursor: string | undefined) => ({
      sortBy: "dueDate" as const,
      order: "asc" as const,
      limit,
      cursor
    })

    const overdue = Effect.fn("Tracking.overdue")(function* (query: OverdueQuery = {}) {
      const q = yield* validateOverdue(query)
      const day = q.today ?? (yield* today)
      const filter = { status: OPEN_TASK_STATUSES, dueBefore: day, projectId: q.projectId, assigneeId: q.assigneeId }
      return yield* paginate(taskList, filter, byDueDate(q.limit, q.cursor), tasks.list)
    })

    const dueSoon = Effect.fn("Tracking.dueSoon")(function* (query: DueSoonQuery = {}) {
      const q = yield* validateDueSoon(query)
      const day = q.today ?? (yield* today)
      const filter = {
        status: OPEN_TASK_STATUSES,
        dueFrom: day,
        dueBefore: addDays(day, (q.days ?? DEFAULT_DUE_SOON_DAYS) + 1),
        projectId: q.projectId,
        assigneeId: q.assigneeId
      }
      return yield* paginate(taskList, filter, byDueDate(q.limit, q.cursor), tasks.list)
    })

    const workload = Effect.fn("Tracking.workload")(function* (options: AsOf = {}) {
      const valid = yield* validateAsOf(options)
      return yield* statistics.workload(valid.today ?? (yield* today))
    })

    const assigneeWork = Effect.fn("Tracking.assigneeWork")(function* (
      memberId: TeamMemberId,
      query: AssigneeWorkQuery = {}
    ) {
      const q = yield* validateAssignee(query)
      yield* load("team_member", members.findById, memberId)
      const filter = { assigneeId: memberId, status: OPEN_TASK_STATUSES }
      return yield* paginate(taskList, filter, byDueDate(q.limit, q.cursor), tasks.list)
    })

    const progress = Effect.fn("Tracking.progress")(function* (projectId: ProjectId, options: AsOf = {}) {
      const valid = yield* validateAsOf(options)
      const project = yield* load("project", projects.findById, projectId)
      return yield* progressOf(statistics, project, valid.today ?? (yield* today))
    })

    return access.guard("Tracking", { overdue, dueSoon, workload, assigneeWork, progress })
  })
}) {}
