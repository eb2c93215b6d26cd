import { Effect, Option, Schema, Stream } from "effect"
import type { Actor } from "../domain/Actor.js"
import { Forbidden, type StorageError, type UnknownActor } from "../domain/Errors.js"
import { EntityType } from "../domain/EntityType.js"
import { OpportunityId, TaskId, TeamMemberId } from "../domain/Ids.js"
import type { AnyAggregate } from "../aggregate/Aggregate.js"
import { aggregateOf } from "../aggregate/registry.js"
import { pascalCase } from "../aggregate/names.js"
import { currentOperation } from "./WriteChecks.js"
import type { Role } from "../domain/Role.js"
import { type Permission, scopeOf } from "../domain/Policy.js"
import type { TeamMember } from "../domain/TeamMember.js"
import { OpportunityRepository } from "../domain/Opportunity.js"
import { TaskRepository } from "../domain/Task.js"
import { type GuardedService, type OperationRule, operationPolicy } from "./operationPolicy.js"
import { UnitOfWork } from "./UnitOfWork.js"

/** The failures authorization adds to an operation. */
export type AccessError = Forbidden | UnknownActor | StorageError

type AnyOperation =
  | ((...args: ReadonlyArray<any>) => Effect.Effect<any, any, any>)
  | ((...args: ReadonlyArray<any>) => Stream.Stream<any, any, any>)

/** An operation after `Access.guard`: it needs an `Actor` and may fail with `AccessError`. */
// Effects are streams too (of one element), so the Effect case must come first.
export type Guarded<F> = F extends (...args: infer Args) => Effect.Effect<infer A, infer E, infer R>
  ? (...args: Args) => Effect.Effect<A, E | AccessError, R | Actor>
  : F extends (...args: infer Args) => Stream.Stream<infer A, infer E, infer R>
    ? (...args: Args) => Stream.Stream<A, E | AccessError, R | Actor>
    : never

type Rules<S extends GuardedService> = (typeof operationPolicy)[S]
type OperationsOf<S extends GuardedService> = { readonly [K in keyof Rules<S>]: AnyOperation }
type NoExtra<S extends GuardedService, Ops> = { readonly [K in Exclude<keyof Ops, keyof Rules<S>>]: never }
type GuardedOperations<S extends GuardedService, Ops> = {
  readonly [K in keyof Ops]: K extends keyof Rules<S>
    ? Rules<S>[K] extends "public"
      ? Ops[K]
      : Guarded<Ops[K]>
    : never
}

const ENTITY_TYPES: ReadonlyArray<EntityType> = EntityType.literals

// The plain operations every aggregate's service has.
type PlainOperation = "create" | "get" | "list" | "update" | "remove"

/** What reading an entity of a type requires (its aggregate declares it); its events and history require the same. */
const readPermission = (entityType: EntityType): Permission => aggregateOf[entityType].permissions.read

/** Whether `role` may read entities of `entityType` (and their events). */
const canRead = (role: Role, entityType: EntityType): boolean => scopeOf(role, readPermission(entityType)) === "any"
const decodeTaskId = Schema.decodeUnknownOption(TaskId)
const decodeAssignee = Schema.decodeUnknownOption(Schema.NullOr(TeamMemberId))
const decodeOpportunityId = Schema.decodeUnknownOption(OpportunityId)

// The owner an input names, if any (`ownerId` of a create or an update).
const ownerNamed = (input: unknown): unknown =>
  typeof input === "object" && input !== null && "ownerId" in input ? input.ownerId : undefined

const ASSIGNMENT_RULE =
  "members may take an unassigned task or give back their own; assigning tasks to others is for managers and admins"

/** Authorization: checks the actor's role against `operationPolicy` before every service operation. */
export class Access extends Effect.Service<Access>()("@agency-crm/core/Access", {
  dependencies: [UnitOfWork.Default],
  effect: Effect.gen(function* () {
    const uow = yield* UnitOfWork
    const tasks = yield* TaskRepository
    const opportunities = yield* OpportunityRepository

    const deny = (member: TeamMember, permission: Permission, detail?: string) =>
      Effect.fail(Forbidden.of(permission, member.id, member.role, detail))

    /** Fails with `Forbidden` unless the actor holds `permission` for every entity. */
    const require = (permission: Permission): Effect.Effect<void, AccessError, Actor> =>
      Effect.flatMap(uow.principal, (principal) => {
        if (principal._tag === "System") return Effect.void
        const scope = scopeOf(principal.member.role, permission)
        if (scope === "any") return Effect.void
        return deny(
          principal.member,
          permission,
          scope === "own" ? "it is granted only for tasks assigned to them or to no one" : undefined
        )
      })

    /** The member to check ownership for: `None` when the actor holds `permission` for every entity (or is the
     * system), the member when their role holds it for their own only; `Forbidden` when it does not hold it. */
    const ownScope = (permission: Permission): Effect.Effect<Option.Option<TeamMember>, AccessError, Actor> =>
      Effect.flatMap(uow.principal, (principal) => {
        if (principal._tag === "System") return Effect.succeedNone
        const scope = scopeOf(principal.member.role, permission)
        if (scope === undefined) return deny(principal.member, permission)
        return Effect.succeed(scope === "any" ? Option.none() : Option.some(principal.member))
      })

    /** Fails with `Forbidden` unless the actor holds `permission` for the task `taskId`: for every task, or for
     * its own tasks when this one is assigned to the actor or to no one. */
    const requireForTask = (permission: Permission, taskId: unknown): Effect.Effect<void, AccessError, Actor> =>
      Effect.gen(function* () {
        const own = yield* ownScope(permission)
        if (Option.isNone(own)) return
        const member = own.value
        // A malformed or missing task is the operation's own ValidationFailed or NotFound to report.
        const id = decodeTaskId(taskId)
        const task = Option.isNone(id) ? Option.none() : yield* tasks.findById(id.value)
        if (Option.isSome(task) && task.value.assigneeId !== null && task.value.assigneeId !== member.id) {
          return yield* deny(member, permission, `task ${task.value.id} is assigned to another team member`)
        }
      })

    /** Fails with `Forbidden` unless the actor may move a task's assignment from `from` to `to`: anyone with
     * `task.assign` for every task; with it for their own tasks only, when both ends are the actor or no one. */
    const requireAssignment = (
      from: TeamMemberId | null,
      to: TeamMemberId | null
    ): Effect.Effect<void, AccessError, Actor> =>
      Effect.flatMap(uow.principal, (principal) => {
        if (principal._tag === "System" || from === to) return Effect.void
        const { member } = principal
        const scope = scopeOf(member.role, "task.assign")
        if (scope === "any") return Effect.void
        const ownOrNone = (id: TeamMemberId | null) => id === null || id === member.id
        if (scope === "own" && ownOrNone(from) && ownOrNone(to)) return Effect.void
        return deny(member, "task.assign", scope === "own" ? ASSIGNMENT_RULE : undefined)
      })

    /** Fails with `Forbidden` unless the actor may assign the task `taskId` to `to` (see `requireAssignment`). */
    const requireForAssignment = (taskId: unknown, to: unknown): Effect.Effect<void, AccessError, Actor> =>
      Effect.gen(function* () {
        if (Option.isNone(yield* ownScope("task.assign"))) return
        // A malformed or missing task or assignee is the operation's own ValidationFailed or NotFound to report.
        const id = decodeTaskId(taskId)
        const assignee = decodeAssignee(to)
        const task = Option.isNone(id) ? Option.none() : yield* tasks.findById(id.value)
        if (Option.isNone(task) || Option.isNone(assignee)) return
        yield* requireAssignment(task.value.assigneeId, assignee.value)
      })

    /** Fails with `Forbidden` unless the actor holds `permission` for the opportunity `target` names (an id) and
     * for any owner the inputs name: for every opportunity, or for their own when the role holds it as `own`. */
    const requireForOpportunity = (
      permission: Permission,
      args: ReadonlyArray<unknown>
    ): Effect.Effect<void, AccessError, Actor> =>
      Effect.gen(function* () {
        const own = yield* ownScope(permission)
        if (Option.isNone(own)) return
        const member = own.value
        // A malformed or missing opportunity is the operation's own ValidationFailed or NotFound to report.
        const id = decodeOpportunityId(args[0])
        const current = Option.isNone(id) ? Option.none() : yield* opportunities.findById(id.value)
        if (Option.isSome(current) && current.value.ownerId !== member.id) {
          return yield* deny(member, permission, `opportunity ${current.value.id} is owned by another team member`)
        }
        for (const input of args) {
          const owner = ownerNamed(input)
          if (owner !== undefined && owner !== member.id) {
            return yield* deny(member, permission, "members work their own opportunities; only they can be the owner")
          }
        }
      })

    /** The entity types the actor may not read, and so whose events and history stay hidden from them. */
    const unreadable: Effect.Effect<ReadonlyArray<EntityType>, AccessError, Actor> = Effect.map(
      uow.principal,
      (principal) =>
        principal._tag === "System" ? [] : ENTITY_TYPES.filter((type) => !canRead(principal.member.role, type))
    )

    /** Fails with `Forbidden` unless the actor may read entities of `entityType`. */
    const requireRead = (entityType: EntityType) => require(readPermission(entityType))

    const check = (rule: Exclude<OperationRule, "public">, args: ReadonlyArray<unknown>) => {
      if (typeof rule === "string") return require(rule)
      switch (rule.ownership) {
        case "none":
          return require(rule.permission)
        case "task":
          return requireForTask(rule.permission, args[0])
        case "opportunity":
          return requireForOpportunity(rule.permission, args)
        case "assignment":
          return requireForAssignment(args[0], args[1])
      }
    }

    const guardWith = (
      service: string,
      rules: Readonly<Record<string, OperationRule>>,
      operations: Record<string, AnyOperation>
    ) => {
      const guarded: Record<string, unknown> = {}
      for (const [name, operation] of Object.entries(operations)) {
        const rule = rules[name]
        if (rule === undefined) throw new Error(`no permission rule for the operation ${name}`)
        if (rule === "public") {
          guarded[name] = operation
          continue
        }
        const permission = typeof rule === "string" ? rule : rule.permission
        guarded[name] = (...args: ReadonlyArray<unknown>) => {
          const result: Effect.Effect<unknown, unknown, unknown> | Stream.Stream<unknown, unknown, unknown> = operation(
            ...args
          )
          if (!Effect.isEffect(result)) return Stream.unwrap(Effect.as(check(rule, args), result))
          const effect = Effect.zipRight(check(rule, args), result)
          // Plugin checks inside the write see which operation made each change, and with what input.
          return permission === "crm.read" || (typeof rule === "object" && rule.ownership === "none")
            ? effect
            : uow.write(Effect.locally(effect, currentOperation, { name: `${service}.${name}`, input: args }))
        }
      }
      return guarded
    }

    /** Wraps every operation of a service with the permission `operationPolicy` gives it. Writes are checked
     * inside their transaction, so the role and task ownership checked are the ones the write sees. */
    const guard = <S extends GuardedService, Ops extends OperationsOf<S>>(
      service: S,
      operations: Ops & NoExtra<S, Ops>
    ): GuardedOperations<S, Ops> =>
      guardWith(service, operationPolicy[service], operations as Record<string, AnyOperation>) as GuardedOperations<
        S,
        Ops
      >

    /** Wraps the plain operations of an aggregate's service with the permissions its declaration gives them; any
     * other operation is a write. */
    const guardAggregate = <Ops extends { readonly [K in PlainOperation]: AnyOperation }>(
      aggregate: AnyAggregate,
      operations: Ops
    ): { readonly [K in keyof Ops]: Guarded<Ops[K]> } => {
      const { read, remove, write } = aggregate.permissions
      const rules: Record<string, OperationRule> = {
        ...Object.fromEntries(Object.keys(operations).map((name) => [name, write])),
        create: write,
        get: read,
        list: read,
        update: write,
        remove
      }
      return guardWith(pascalCase(aggregate.plural), rules, operations as unknown as Record<string, AnyOperation>) as {
        readonly [K in keyof Ops]: Guarded<Ops[K]>
      }
    }

    return {
      require,
      requireForTask,
      requireAssignment,
      requireForOpportunity,
      unreadable,
      requireRead,
      guard,
      guardAggregate
    } as const
  })
}) {}
