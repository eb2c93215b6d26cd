import { Effect, Either, Schema } from "effect"
import { allocationList } from "../domain/Allocation.js"
import { InvalidTransition, OpenTasksRemain, RuleViolated } from "../domain/Errors.js"
import { ProjectId, type TeamMemberId } from "../domain/Ids.js"
import { interactionList } from "../domain/Interaction.js"
import { checkTransition } from "../domain/Lifecycle.js"
import type { LocalDate } from "../domain/LocalDate.js"
import { LocalDate as LocalDateSchema } from "../domain/LocalDate.js"
import { MAX_LIMIT } from "../domain/Paging.js"
import {
  CloseProjectInput,
  CompleteProjectInput,
  CreateProjectInput,
  Project,
  projectAggregate,
  type ProjectStatus,
  ProjectTransitionTarget,
  projectTransitions,
  UpdateProjectInput
} from "../domain/Project.js"
import type { ProjectDetail } from "../domain/ProjectDetail.js"
import { OPEN_TASK_STATUSES, Task, taskList } from "../domain/Task.js"
import { WriteOptions } from "../domain/Text.js"
import { invalidField, validate } from "../domain/Validation.js"
import { Interaction } from "../domain/Interaction.js"
import { AllocationRepository } from "../domain/Allocation.js"
import { ClientRepository } from "../domain/Client.js"
import { IdGenerator } from "../ports/IdGenerator.js"
import { InteractionRepository } from "../domain/Interaction.js"
import { ReviewRepository } from "../domain/Review.js"
import { TaskRepository } from "../domain/Task.js"
import { TeamMemberRepository } from "../domain/TeamMember.js"
import { clientAggregate } from "../domain/Client.js"
import { taskAggregate } from "../domain/Task.js"
import { TaskStatistics } from "../ports/TaskStatistics.js"
import { crudOf } from "./Crud.js"
import { Dependents } from "./Dependents.js"
import { entityWrites } from "./entityWrites.js"
import { load, reference } from "./loading.js"
import { forEachMatching, paginate } from "./paging.js"
import { resourceTotals } from "./resourceTotals.js"
import { Interactions } from "./Interactions.js"
import { progressOf } from "./projectRules.js"
import { now, today, UnitOfWork } from "./UnitOfWork.js"
import { Access } from "./Access.js"

const TransitionInput = Schema.Struct({ to: ProjectTransitionTarget })
const DetailOptions = Schema.Struct({ today: Schema.optional(LocalDateSchema) })

/** Number of recent interactions in the project detail. */
export const DETAIL_RECENT_INTERACTIONS = 10

/** Projects: one per approved campaign, from planning to delivery, feedback and closure. */
export class Projects extends Effect.Service<Projects>()("@agency-crm/core/Projects", {
  dependencies: [UnitOfWork.Default, Access.Default, Dependents.Default, Interactions.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const crud = yield* crudOf(projectAggregate)
    const { writes } = crud
    const { get, list, remove } = crud.operations("Projects")
    const statistics = yield* TaskStatistics
    const clients = yield* ClientRepository
    const members = yield* TeamMemberRepository
    const tasks = yield* TaskRepository
    const allocations = yield* AllocationRepository
    const reviews = yield* ReviewRepository
    const interactionRepository = yield* InteractionRepository
    const interactions = yield* Interactions
    const ids = yield* IdGenerator
    const uow = yield* UnitOfWork
    const clientWrites = entityWrites({ aggregate: clientAggregate, repository: clients, record: uow.record })
    const taskWrites = entityWrites({ aggregate: taskAggregate, repository: tasks, record: uow.record })
    const validateCreate = validate(CreateProjectInput)
    const validateOptions = validate(WriteOptions)
    const validateTransition = validate(TransitionInput)
    const validateComplete = validate(CompleteProjectInput)
    const validateClose = validate(CloseProjectInput)
    const validateDetail = validate(DetailOptions)

    const checkManager = (managerId: TeamMemberId) =>
      Effect.gen(function* () {
        const manager = yield* reference("managerId", "team_member", members.findById, managerId)
        if (!manager.active) {
          return yield* RuleViolated.of("manager_inactive", `managerId: team member ${managerId} is deactivated`)
        }
        return manager
      })

    const create = Effect.fn("Projects.create")(function* (input: CreateProjectInput) {
      const valid = yield* validateCreate(input)
      return yield* uow.write(
        Effect.gen(function* () {
          const client = yield* reference("clientId", "client", clients.findById, valid.clientId)
          if (client.archivedAt !== null) {
            return yield* RuleViolated.of("client_archived", `client ${client.id} is archived; restore it first`)
          }
          yield* checkManager(valid.managerId)
          const at = yield* now
          const project = crud.model.make({
            id: ProjectId.make(yield* ids.next),
            clientId: client.id,
            name: valid.name,
            campaignType: valid.campaignType,
            description: valid.description ?? null,
            objectives: valid.objectives ?? [],
            budget: valid.budget ?? null,
            startDate: valid.startDate ?? null,
            dueDate: valid.dueDate ?? null,
            managerId: valid.managerId,
            status: "planned",
            reportReference: null,
            deliveredOn: null,
            activatedAt: null,
            completedAt: null,
            cancelledAt: null,
            closedAt: null,
            feedbackInteractionId: null,
            version: 1,
            createdAt: at,
            updatedAt: at
          })
          yield* writes.insert(project, "project.created")
          // An approved proposal makes the prospect a client.
          if (client.kind === "prospect") yield* clientWrites.save(client, { kind: "client" }, "client.converted")
          return project
        })
      )
    })

    const lifecycle = (current: Project, to: ProjectStatus) =>
      Either.match(checkTransition(projectTransitions, current.status, to), {
        onLeft: (refused) =>
          Effect.fail(InvalidTransition.of("project", current.id, refused.from, refused.to, refused.allowed)),
        onRight: () => Effect.void
      })

    const update = Effect.fn("Projects.update")(function* (
      id: ProjectId,
      patch: UpdateProjectInput,
      options: WriteOptions = {}
    ) {
      return yield* crud.update(id, patch, options, (current, valid) =>
        Effect.gen(function* () {
          if (current.status === "closed" || current.status === "cancelled") {
            return yield* RuleViolated.of(
              "project_finished",
              `project ${id} is ${current.status}; it can no longer change`
            )
          }
          if (valid.managerId !== undefined) yield* checkManager(valid.managerId)
          const startDate = valid.startDate !== undefined ? valid.startDate : current.startDate
          const dueDate = valid.dueDate !== undefined ? valid.dueDate : current.dueDate
          if (startDate !== null && dueDate !== null && dueDate < startDate) {
            return yield* invalidField("dueDate", "must not be before startDate")
          }
        })
      )
    })

    const transition = Effect.fn("Projects.transition")(function* (
      id: ProjectId,
      to: ProjectTransitionTarget,
      options: WriteOptions = {}
    ) {
      const valid = yield* validateTransition({ to })
      const { expectedVersion } = yield* validateOptions(options)
      return yield* uow.write(
        Effect.gen(function* () {
          const current = yield* writes.loadForWrite(id, expectedVersion)
          yield* lifecycle(current, valid.to)
          if (valid.to === "cancelled") yield* cancelOpenTasks(current)
          // Reports measure a project from its first activation to its completion or cancellation.
          const at = yield* now
          const stamps =
            valid.to === "active" && current.activatedAt === null
              ? { activatedAt: at }
              : valid.to === "cancelled"
                ? { cancelledAt: at }
                : {}
          return yield* writes.save(current, { status: valid.to, ...stamps }, "project.status_changed")
        })
      )
    })

    // Cancelling a project cancels its open work too, each task change recorded.
    const cancelOpenTasks = (project: Project) =>
      Effect.gen(function* () {
        const open: Array<Task> = []
        const filter = { projectId: project.id, status: OPEN_TASK_STATUSES }
        yield* forEachMatching(taskList, "createdAt", filter, tasks.list, (batch) =>
          Effect.sync(() => open.push(...batch))
        )
        for (const task of open) yield* taskWrites.save(task, { status: "cancelled" }, "task.status_changed")
      })

    const complete = Effect.fn("Projects.complete")(function* (
      id: ProjectId,
      input: CompleteProjectInput,
      options: WriteOptions = {}
    ) {
      const valid = yield* validateComplete(input)
      const { expectedVersion } = yield* validateOptions(options)
      return yield* uow.write(
        Effect.gen(function* () {
          const current = yield* writes.loadForWrite(id, expectedVersion)
          yield* lifecycle(current, "completed")
          const openFilter = { projectId: id, status: OPEN_TASK_STATUSES }
          const open = yield* tasks.list({
            filter: openFilter,
            sortBy: "createdAt",
            order: "asc",
            limit: MAX_LIMIT,
            after: null
          })
          if (open.length > 0) {
            const total = open.length < MAX_LIMIT ? open.length : yield* tasks.count(openFilter)
            return yield* OpenTasksRemain.of(
              id,
              open.map((t) => ({ id: t.id, title: t.title, status: t.status })),
              total
            )
          }
          return yield* writes.save(
            current,
            {
              status: "completed",
              reportReference: valid.reportReference,
              deliveredOn: valid.deliveredOn,
              completedAt: yield* now
            },
            "project.completed"
          )
        })
      )
    })

    const close = Effect.fn("Projects.close")(function* (
      id: ProjectId,
      input: CloseProjectInput,
      options: WriteOptions = {}
    ) {
      const valid = yield* validateClose(input)
      const { expectedVersion } = yield* validateOptions(options)
      return yield* uow.write(
        Effect.gen(function* () {
          const current = yield* writes.loadForWrite(id, expectedVersion)
          yield* lifecycle(current, "closed")
          let feedback: Interaction
          if ("feedback" in valid) {
            const f = valid.feedback
            const logged = yield* interactions.log({
              clientId: current.clientId,
              projectId: id,
              kind: "feedback",
              direction: "inbound",
              summary: f.summary,
              satisfaction: f.satisfaction,
              contactId: f.contactId ?? null,
              outcome: f.outcome ?? null,
              nextStep: f.futureOpportunities ?? null,
              ...(f.occurredAt === undefined ? {} : { occurredAt: f.occurredAt })
            })
            feedback = logged.interaction
          } else {
            feedback = yield* reference(
              "feedbackInteractionId",
              "interaction",
              interactionRepository.findById,
              valid.feedbackInteractionId
            )
            if (feedback.kind !== "feedback" || feedback.projectId !== id) {
              return yield* RuleViolated.of(
                "feedback_not_for_project",
                `feedbackInteractionId: interaction ${feedback.id} is not a feedback interaction of project ${id}`
              )
            }
          }
          const project = yield* writes.save(
            current,
            { status: "closed", closedAt: yield* now, feedbackInteractionId: feedback.id },
            "project.closed"
          )
          return { project, feedback }
        })
      )
    })

    const detail = Effect.fn("Projects.detail")(function* (
      id: ProjectId,
      options: { readonly today?: LocalDate | undefined } = {}
    ) {
      const valid = yield* validateDetail(options)
      const project = yield* get(id)
      const day = valid.today ?? (yield* today)
      const [client, manager, progress, taskPage, allocationPage, latest, recent] = yield* Effect.all([
        load("client", clients.findById, project.clientId),
        load("team_member", members.findById, project.managerId),
        progressOf(statistics, project, day),
        paginate(taskList, { projectId: id }, { sortBy: "dueDate", order: "asc", limit: MAX_LIMIT }, tasks.list),
        paginate(allocationList, { projectId: id }, { limit: MAX_LIMIT }, allocations.list),
        reviews.list({ filter: { projectId: id }, sortBy: "reviewedAt", order: "desc", limit: 1, after: null }),
        interactionRepository.list({
          filter: { projectId: id },
          sortBy: interactionList.defaultSortBy,
          order: "desc",
          limit: DETAIL_RECENT_INTERACTIONS,
          after: null
        })
      ])
      const totals = yield* Effect.provideService(resourceTotals(id), AllocationRepository, allocations)
      const detail: ProjectDetail = {
        project,
        client,
        manager,
        progress,
        tasks: taskPage,
        allocations: allocationPage,
        resourceTotals: totals,
        latestReview: latest[0] ?? null,
        recentInteractions: recent
      }
      return detail
    })

    return access.guard("Projects", { create, get, list, update, transition, complete, close, remove, detail })
  })
}) {}
