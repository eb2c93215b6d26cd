import { Effect, Either, Schema } from "effect"
import type { Actor } from "../domain/Actor.js"
import { InvalidTransition, RuleViolated } from "../domain/Errors.js"
import { type ClientId, TaskId, TeamMemberId } from "../domain/Ids.js"
import { checkTransition } from "../domain/Lifecycle.js"
import { CreateTaskInput, Task, taskAggregate, TaskStatus, taskTransitions, UpdateTaskInput } from "../domain/Task.js"
import { WriteOptions } from "../domain/Text.js"
import { validate } from "../domain/Validation.js"
import type { EventType } from "../events/DomainEvent.js"
import { IdGenerator } from "../ports/IdGenerator.js"
import { InteractionRepository } from "../domain/Interaction.js"
import { ClientRepository } from "../domain/Client.js"
import { OpportunityRepository } from "../domain/Opportunity.js"
import { ProjectRepository } from "../domain/Project.js"
import { TeamMemberRepository } from "../domain/TeamMember.js"
import { crudOf } from "./Crud.js"
import { Dependents } from "./Dependents.js"
import { definedOnly, reference } from "./loading.js"
import { openProject } from "./projectRules.js"
import { now, UnitOfWork } from "./UnitOfWork.js"
import { Access, type AccessError } from "./Access.js"

const AssignInput = Schema.Struct({ assigneeId: Schema.NullOr(TeamMemberId) })
const TransitionInput = Schema.Struct({ to: TaskStatus })

/** Tasks of projects, opportunities and organizations: creation, assignment, deadlines and the task lifecycle. */
export class Tasks extends Effect.Service<Tasks>()("@agency-crm/core/Tasks", {
  dependencies: [UnitOfWork.Default, Access.Default, Dependents.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const crud = yield* crudOf(taskAggregate)
    const projects = yield* ProjectRepository
    const opportunities = yield* OpportunityRepository
    const clients = yield* ClientRepository
    const members = yield* TeamMemberRepository
    const interactions = yield* InteractionRepository
    const ids = yield* IdGenerator
    const uow = yield* UnitOfWork
    const { writes } = crud
    const { get, list, remove } = crud.operations("Tasks")
    const validateCreate = validate(CreateTaskInput)
    const validateUpdate = validate(UpdateTaskInput)
    const validateOptions = validate(WriteOptions)
    const validateAssign = validate(AssignInput)
    const validateTransition = validate(TransitionInput)

    const checkAssignee = (field: string, assigneeId: TeamMemberId | null | undefined) =>
      Effect.gen(function* () {
        if (assigneeId == null) return
        const member = yield* reference(field, "team_member", members.findById, assigneeId)
        if (!member.active) {
          return yield* RuleViolated.of("assignee_inactive", `${field}: team member ${assigneeId} is deactivated`)
        }
      })

    // Everything a task names belongs to one organization: the first named one, the others checked against it.
    const sameClient = (field: string, entity: string, id: string, clientId: ClientId, expected: ClientId | null) =>
      expected === null || expected === clientId
        ? Effect.succeed(clientId)
        : RuleViolated.of(`${entity}_of_other_client`, `${field}: ${entity} ${id} belongs to another client`)

    const create = Effect.fn("Tasks.create")(function* (input: CreateTaskInput) {
      const valid = yield* validateCreate(input)
      return yield* uow.write(
        Effect.gen(function* () {
          let clientId: ClientId | null = null
          if (valid.clientId !== undefined) {
            clientId = (yield* reference("clientId", "client", clients.findById, valid.clientId)).id
          }
          const projectId = valid.projectId ?? null
          if (projectId !== null) {
            const project = yield* openProject(projects, "projectId", projectId)
            clientId = yield* sameClient("projectId", "project", projectId, project.clientId, clientId)
          }
          const opportunityId = valid.opportunityId ?? null
          if (opportunityId !== null) {
            const opportunity = yield* reference("opportunityId", "opportunity", opportunities.findById, opportunityId)
            clientId = yield* sameClient("opportunityId", "opportunity", opportunityId, opportunity.clientId, clientId)
          }
          // The input schema requires one of the three, so an organization was found.
          const owner = clientId!
          yield* checkAssignee("assigneeId", valid.assigneeId)
          yield* access.requireAssignment(null, valid.assigneeId ?? null)
          if (valid.originInteractionId != null) {
            const origin = yield* reference(
              "originInteractionId",
              "interaction",
              interactions.findById,
              valid.originInteractionId
            )
            if (origin.clientId !== owner) {
              return yield* RuleViolated.of(
                "interaction_of_other_client",
                `originInteractionId: interaction ${origin.id} belongs to another client than the task`
              )
            }
          }
          const at = yield* now
          const task = crud.model.make({
            id: TaskId.make(yield* ids.next),
            projectId,
            opportunityId,
            clientId: owner,
            title: valid.title,
            description: valid.description ?? null,
            status: "todo",
            priority: valid.priority ?? "medium",
            assigneeId: valid.assigneeId ?? null,
            dueDate: valid.dueDate ?? null,
            estimateHours: valid.estimateHours ?? null,
            originInteractionId: valid.originInteractionId ?? null,
            completedAt: null,
            version: 1,
            createdAt: at,
            updatedAt: at
          })
          yield* writes.insert(task, "task.created")
          return task
        })
      )
    })

    /** Applies a change to a task (of an open project, when it has one) in one write, recorded as `type`. */
    const change = (
      id: TaskId,
      expectedVersion: number | undefined,
      type: EventType,
      apply: (current: Task) => Effect.Effect<Partial<Task>, InvalidTransition | AccessError, Actor>
    ) =>
      uow.write(
        Effect.gen(function* () {
          const current = yield* writes.loadForWrite(id, expectedVersion)
          if (current.projectId !== null) yield* openProject(projects, "projectId", current.projectId)
          return yield* writes.save(current, yield* apply(current), type)
        })
      )

    const update = Effect.fn("Tasks.update")(function* (
      id: TaskId,
      patch: UpdateTaskInput,
      options: WriteOptions = {}
    ) {
      const valid = definedOnly(yield* validateUpdate(patch))
      const { expectedVersion } = yield* validateOptions(options)
      return yield* uow.write(
        Effect.zipRight(
          checkAssignee("assigneeId", valid.assigneeId),
          change(id, expectedVersion, "task.updated", (current) =>
            valid.assigneeId === undefined
              ? Effect.succeed(valid)
              : Effect.as(access.requireAssignment(current.assigneeId, valid.assigneeId), valid)
          )
        )
      )
    })

    const assign = Effect.fn("Tasks.assign")(function* (
      id: TaskId,
      assigneeId: TeamMemberId | null,
      options: WriteOptions = {}
    ) {
      const valid = yield* validateAssign({ assigneeId })
      const { expectedVersion } = yield* validateOptions(options)
      return yield* uow.write(
        Effect.zipRight(
          checkAssignee("assigneeId", valid.assigneeId),
          change(id, expectedVersion, "task.assigned", () => Effect.succeed({ assigneeId: valid.assigneeId }))
        )
      )
    })

    const transition = Effect.fn("Tasks.transition")(function* (
      id: TaskId,
      to: TaskStatus,
      options: WriteOptions = {}
    ) {
      const valid = yield* validateTransition({ to })
      const { expectedVersion } = yield* validateOptions(options)
      const at = yield* now
      return yield* change(id, expectedVersion, "task.status_changed", (current) =>
        Either.match(checkTransition(taskTransitions, current.status, valid.to), {
          onLeft: (refused) => Effect.fail(InvalidTransition.of("task", id, refused.from, refused.to, refused.allowed)),
          onRight: (status) => Effect.succeed({ status, completedAt: status === "done" ? at : null })
        })
      )
    })

    return access.guard("Tasks", { create, get, list, update, assign, transition, remove })
  })
}) {}
