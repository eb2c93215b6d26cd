import { Effect, Either, Schema } from "effect"
import type { Actor } from "../domain/Actor.js"
import { InvalidTransition, RuleViolated } from "../domain/Errors.js"
import { TaskId, TeamMemberId } from "../domain/Ids.js"
import { checkTransition } from "../domain/Lifecycle.js"
import { CreateTaskInput, Task, taskAggregate, TaskStatus, taskTransitions, UpdateTaskInput } from "../domain/Task.js"
import { WriteOptions } from "../domain/Text.js"
import { validate } from "../domain/Validation.js"
import type { EventType } from "../events/DomainEvent.js"
import { IdGenerator } from "../ports/IdGenerator.js"
import { InteractionRepository } from "../domain/Interaction.js"
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

/** Tasks of projects: creation, assignment, deadlines and the task lifecycle. */
export class Tasks extends Effect.Service<Tasks>()("@agency-crm/core/Tasks", {
  dependencies: [UnitOfWork.Default, Access.Default, Dependents.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const crud = yield* crudOf(taskAggregate)
    const projects = yield* ProjectRepository
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

    const create = Effect.fn("Tasks.create")(function* (input: CreateTaskInput) {
      const valid = yield* validateCreate(input)
      return yield* uow.write(
        Effect.gen(function* () {
          const project = yield* openProject(projects, "projectId", valid.projectId)
          yield* checkAssignee("assigneeId", valid.assigneeId)
          yield* access.requireAssignment(null, valid.assigneeId ?? null)
          if (valid.originInteractionId != null) {
            const origin = yield* reference(
              "originInteractionId",
              "interaction",
              interactions.findById,
              valid.originInteractionId
            )
            if (origin.clientId !== project.clientId) {
              return yield* RuleViolated.of(
                "interaction_of_other_client",
                `originInteractionId: interaction ${origin.id} belongs to another client than project ${project.id}`
              )
            }
          }
          const at = yield* now
          const task = crud.model.make({
            id: TaskId.make(yield* ids.next),
            projectId: project.id,
            clientId: project.clientId,
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

    /** Applies a change to a task of an open project in one write, recorded as `type`. */
    const change = (
      id: TaskId,
      expectedVersion: number | undefined,
      type: EventType,
      apply: (current: Task) => Effect.Effect<Partial<Task>, InvalidTransition | AccessError, Actor>
    ) =>
      uow.write(
        Effect.gen(function* () {
          const current = yield* writes.loadForWrite(id, expectedVersion)
          yield* openProject(projects, "projectId", current.projectId)
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
