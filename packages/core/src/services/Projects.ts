import { Effect, Either, Schema } from "effect"
import { allocationList, materialCost } from "../domain/Allocation.js"
import { Client } from "../domain/Client.js"
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
  ProjectListQuery,
  projectList,
  type ProjectStatus,
  ProjectTransitionTarget,
  projectTransitions,
  UpdateProjectInput
} from "../domain/Project.js"
import type { ProjectDetail } from "../domain/ProjectDetail.js"
import { OPEN_TASK_STATUSES, Task, taskList } from "../domain/Task.js"
import { WriteOptions } from "../domain/Text.js"
import { invalidField, validate } from "../domain/Validation.js"
import { changesOf } from "../events/Changes.js"
import { Interaction } from "../domain/Interaction.js"
import { ProjectReview } from "../domain/Review.js"
import { ResourceAllocation } from "../domain/Allocation.js"
import { AllocationRepository } from "../ports/AllocationRepository.js"
import { ClientRepository } from "../ports/ClientRepository.js"
import { IdGenerator } from "../ports/IdGenerator.js"
import { InteractionRepository } from "../ports/InteractionRepository.js"
import { ProjectRepository } from "../ports/ProjectRepository.js"
import { ReviewRepository } from "../ports/ReviewRepository.js"
import { TaskRepository } from "../ports/TaskRepository.js"
import { TeamMemberRepository } from "../ports/TeamMemberRepository.js"
import { checkVersion, definedOnly, draft, forEachMatching, load, paginate, reference, splitQuery } from "./internal.js"
import { Interactions } from "./Interactions.js"
import { progressOf } from "./projectRules.js"
import { now, today, UnitOfWork } from "./UnitOfWork.js"

const TransitionInput = Schema.Struct({ to: ProjectTransitionTarget })
const DetailOptions = Schema.Struct({ today: Schema.optional(LocalDateSchema) })

/** Number of recent interactions in the project detail. */
export const DETAIL_RECENT_INTERACTIONS = 10

/** Projects: one per approved campaign, from planning to delivery, feedback and closure. */
export class Projects extends Effect.Service<Projects>()("@agency-crm/core/Projects", {
  dependencies: [UnitOfWork.Default, Interactions.Default],
  effect: Effect.gen(function* () {
    const projects = yield* ProjectRepository
    const clients = yield* ClientRepository
    const members = yield* TeamMemberRepository
    const tasks = yield* TaskRepository
    const allocations = yield* AllocationRepository
    const reviews = yield* ReviewRepository
    const interactionRepository = yield* InteractionRepository
    const interactions = yield* Interactions
    const ids = yield* IdGenerator
    const uow = yield* UnitOfWork
    const changes = changesOf(Project)
    const clientChanges = changesOf(Client)
    const taskChanges = changesOf(Task)
    const allocationChanges = changesOf(ResourceAllocation)
    const reviewChanges = changesOf(ProjectReview)
    const validateCreate = validate(CreateProjectInput)
    const validateUpdate = validate(UpdateProjectInput)
    const validateQuery = validate(ProjectListQuery)
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

    const get = Effect.fn("Projects.get")(function* (id: ProjectId) {
      return yield* load("project", projects.findById, id)
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
          const project = new Project({
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
            completedAt: null,
            closedAt: null,
            feedbackInteractionId: null,
            version: 1,
            createdAt: at,
            updatedAt: at
          })
          yield* projects.insert(project)
          const refs = { clientId: client.id, projectId: project.id }
          yield* uow.record([draft("project.created", "project", project.id, refs, changes(null, project))])
          // An approved proposal makes the prospect a client.
          if (client.kind === "prospect") {
            const converted = new Client({ ...client, kind: "client", version: client.version + 1, updatedAt: at })
            yield* clients.update(converted)
            yield* uow.record([draft("client.converted", "client", client.id, refs, clientChanges(client, converted))])
          }
          return project
        })
      )
    })

    const list = Effect.fn("Projects.list")(function* (query: ProjectListQuery = {}) {
      const { filter, paging } = splitQuery(yield* validateQuery(query))
      return yield* paginate(projectList, filter, paging, projects.list)
    })

    /** Saves a changed project and records the change as `type`; nothing is written when nothing changed. */
    const save = (
      current: Project,
      fields: Partial<Project>,
      type: "project.updated" | "project.status_changed" | "project.completed" | "project.closed"
    ) =>
      Effect.gen(function* () {
        const next = new Project({ ...current, ...fields, version: current.version + 1, updatedAt: yield* now })
        const diff = changes(current, next)
        if (diff.length === 0) return current
        yield* projects.update(next)
        yield* uow.record([draft(type, "project", next.id, { clientId: next.clientId, projectId: next.id }, diff)])
        return next
      })

    const loadForWrite = (id: ProjectId, expectedVersion: number | undefined) =>
      Effect.tap(get(id), (current) => checkVersion("project", current, expectedVersion))

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
      const valid = definedOnly(yield* validateUpdate(patch))
      const { expectedVersion } = yield* validateOptions(options)
      return yield* uow.write(
        Effect.gen(function* () {
          const current = yield* loadForWrite(id, expectedVersion)
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
          return yield* save(current, valid, "project.updated")
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
          const current = yield* loadForWrite(id, expectedVersion)
          yield* lifecycle(current, valid.to)
          if (valid.to === "cancelled") yield* cancelOpenTasks(current)
          return yield* save(current, { status: valid.to }, "project.status_changed")
        })
      )
    })

    // Cancelling a project cancels its open work too, each task change recorded.
    const cancelOpenTasks = (project: Project) =>
      Effect.gen(function* () {
        const at = yield* now
        const open: Array<Task> = []
        const filter = { projectId: project.id, status: OPEN_TASK_STATUSES }
        yield* forEachMatching(taskList, "createdAt", filter, tasks.list, (batch) =>
          Effect.sync(() => open.push(...batch))
        )
        for (const task of open) {
          const next = new Task({ ...task, status: "cancelled", version: task.version + 1, updatedAt: at })
          yield* tasks.update(next)
          yield* uow.record([
            draft(
              "task.status_changed",
              "task",
              task.id,
              { clientId: task.clientId, projectId: task.projectId, assigneeId: task.assigneeId },
              taskChanges(task, next)
            )
          ])
        }
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
          const current = yield* loadForWrite(id, expectedVersion)
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
          return yield* save(
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
          const current = yield* loadForWrite(id, expectedVersion)
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
          const project = yield* save(
            current,
            { status: "closed", closedAt: yield* now, feedbackInteractionId: feedback.id },
            "project.closed"
          )
          return { project, feedback }
        })
      )
    })

    const remove = Effect.fn("Projects.remove")(function* (id: ProjectId, options: WriteOptions = {}) {
      const { expectedVersion } = yield* validateOptions(options)
      return yield* uow.write(
        Effect.gen(function* () {
          const current = yield* loadForWrite(id, expectedVersion)
          const refs = { clientId: current.clientId, projectId: id }
          // Tasks, allocations and reviews belong to the project; interactions are history and stay.
          const removedTasks = yield* tasks.removeWhere({ projectId: id })
          const removedAllocations = yield* allocations.removeWhere({ projectId: id })
          const removedReviews = yield* reviews.removeWhere({ projectId: id })
          yield* projects.remove(current)
          yield* uow.record([
            ...removedTasks.map((t) =>
              draft("task.deleted", "task", t.id, { ...refs, assigneeId: t.assigneeId }, taskChanges(t, null))
            ),
            ...removedAllocations.map((a) =>
              draft(
                "allocation.deleted",
                "allocation",
                a.id,
                { ...refs, assigneeId: a.kind === "human" ? a.memberId : null },
                allocationChanges(a, null)
              )
            ),
            ...removedReviews.map((r) => draft("review.deleted", "review", r.id, refs, reviewChanges(r, null))),
            draft("project.deleted", "project", id, refs, changes(current, null))
          ])
        })
      )
    })

    const detail = Effect.fn("Projects.detail")(function* (
      id: ProjectId,
      options: { readonly today?: LocalDate } = {}
    ) {
      const valid = yield* validateDetail(options)
      const project = yield* get(id)
      const day = valid.today ?? (yield* today)
      const [client, manager, progress, taskPage, allocationPage, latest, recent] = yield* Effect.all([
        load("client", clients.findById, project.clientId),
        load("team_member", members.findById, project.managerId),
        progressOf(tasks, project, day),
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
      let hours = 0
      const costs = new Map<string, number>()
      yield* forEachMatching(allocationList, "createdAt", { projectId: id }, allocations.list, (batch) =>
        Effect.sync(() => {
          for (const a of batch) {
            if (a.kind === "human") hours += a.hours
            else costs.set(a.unitCost.currency, (costs.get(a.unitCost.currency) ?? 0) + materialCost(a))
          }
        })
      )
      const detail: ProjectDetail = {
        project,
        client,
        manager,
        progress,
        tasks: taskPage,
        allocations: allocationPage,
        resourceTotals: {
          hours,
          materialCost: Array.from(costs, ([currency, amountMinor]) => ({ currency, amountMinor })).sort((a, b) =>
            a.currency < b.currency ? -1 : 1
          )
        },
        latestReview: latest[0] ?? null,
        recentInteractions: recent
      }
      return detail
    })

    return { create, get, list, update, transition, complete, close, remove, detail } as const
  })
}) {}
