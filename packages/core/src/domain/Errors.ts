import { Schema } from "effect"
import { EntityType } from "./EntityType.js"
import { Permission } from "./Policy.js"
import { Role } from "./Role.js"

/** The entity does not exist. */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", {
  entity: EntityType,
  id: Schema.String,
  message: Schema.String
}) {
  /** A `NotFound` for the given entity and id. */
  static of(entity: EntityType, id: string): NotFound {
    return new NotFound({ entity, id, message: `${entity} ${id} was not found` })
  }
}

/** One failing field of an input. */
export const ValidationIssue = Schema.Struct({
  /** Dotted path of the failing field, e.g. `followUp.title` or `objectives.2`; empty for the whole input. */
  path: Schema.String,
  message: Schema.String
})

/** One failing field of an input. */
export type ValidationIssue = typeof ValidationIssue.Type

/** The input was rejected; `issues` names every failing field. */
export class ValidationFailed extends Schema.TaggedError<ValidationFailed>()("ValidationFailed", {
  issues: Schema.Array(ValidationIssue),
  message: Schema.String
}) {
  /** A `ValidationFailed` carrying the given issues. */
  static of(issues: ReadonlyArray<ValidationIssue>): ValidationFailed {
    const summary = issues.map((i) => (i.path === "" ? i.message : `${i.path}: ${i.message}`)).join("; ")
    return new ValidationFailed({ issues, message: `Invalid input: ${summary}` })
  }
}

/** The lifecycle does not allow this status change; `allowed` lists where the entity may go instead. */
export class InvalidTransition extends Schema.TaggedError<InvalidTransition>()("InvalidTransition", {
  entity: EntityType,
  id: Schema.String,
  from: Schema.String,
  to: Schema.String,
  allowed: Schema.Array(Schema.String),
  message: Schema.String
}) {
  /** An `InvalidTransition` for the given move. */
  static of(entity: EntityType, id: string, from: string, to: string, allowed: ReadonlyArray<string>) {
    const next = allowed.length === 0 ? "none" : allowed.join(", ")
    return new InvalidTransition({
      entity,
      id,
      from,
      to,
      allowed,
      message: `${entity} ${id} cannot move from ${from} to ${to} (allowed: ${next})`
    })
  }
}

/** The entity changed since the caller read it (optimistic concurrency). */
export class VersionConflict extends Schema.TaggedError<VersionConflict>()("VersionConflict", {
  entity: EntityType,
  id: Schema.String,
  expected: Schema.Int,
  actual: Schema.Int,
  message: Schema.String
}) {
  /** A `VersionConflict` between the version the caller expected and the stored one. */
  static of(entity: EntityType, id: string, expected: number, actual: number): VersionConflict {
    return new VersionConflict({
      entity,
      id,
      expected,
      actual,
      message: `${entity} ${id} is at version ${actual}, not ${expected}; reload it and retry`
    })
  }
}

/** An id in the input points at an entity that does not exist. */
export class ReferencedEntityMissing extends Schema.TaggedError<ReferencedEntityMissing>()("ReferencedEntityMissing", {
  field: Schema.String,
  entity: EntityType,
  id: Schema.String,
  message: Schema.String
}) {
  /** A `ReferencedEntityMissing` for the input field that holds the dangling id. */
  static of(field: string, entity: EntityType, id: string): ReferencedEntityMissing {
    return new ReferencedEntityMissing({ field, entity, id, message: `${field}: ${entity} ${id} does not exist` })
  }
}

/** How many entities of one type depend on another. */
export const Dependents = Schema.Struct({ entity: EntityType, count: Schema.Int })

/** The entity cannot be deleted while others depend on it. */
export class HasDependents extends Schema.TaggedError<HasDependents>()("HasDependents", {
  entity: EntityType,
  id: Schema.String,
  dependents: Schema.Array(Dependents),
  message: Schema.String
}) {
  /** A `HasDependents` listing what still depends on the entity, with a hint of what to do instead. */
  static of(
    entity: EntityType,
    id: string,
    dependents: ReadonlyArray<typeof Dependents.Type>,
    instead: string = "delete those first"
  ): HasDependents {
    const list = dependents.map((d) => `${d.count} ${d.entity}`).join(", ")
    return new HasDependents({
      entity,
      id,
      dependents,
      message: `${entity} ${id} cannot be deleted: ${list} depend on it; ${instead}`
    })
  }
}

/** A unique value is already taken. */
export class AlreadyExists extends Schema.TaggedError<AlreadyExists>()("AlreadyExists", {
  entity: EntityType,
  field: Schema.String,
  value: Schema.String,
  message: Schema.String
}) {
  /** An `AlreadyExists` for the field whose value collides. */
  static of(entity: EntityType, field: string, value: string): AlreadyExists {
    return new AlreadyExists({ entity, field, value, message: `a ${entity} with ${field} ${value} already exists` })
  }
}

/** The business rules forbid the operation in the current state; `rule` is a stable machine-readable code. */
export class RuleViolated extends Schema.TaggedError<RuleViolated>()("RuleViolated", {
  rule: Schema.String,
  message: Schema.String
}) {
  /** A `RuleViolated` with its rule code and explanation. */
  static of(rule: string, message: string): RuleViolated {
    return new RuleViolated({ rule, message })
  }
}

/** The acting identity is not an active team member. */
export class UnknownActor extends Schema.TaggedError<UnknownActor>()("UnknownActor", {
  actorId: Schema.String,
  message: Schema.String
}) {
  /** An `UnknownActor` for the given member id. */
  static of(actorId: string): UnknownActor {
    return new UnknownActor({ actorId, message: `actor ${actorId} is not an active team member` })
  }
}

/** The acting team member's role does not grant the permission the operation needs. */
export class Forbidden extends Schema.TaggedError<Forbidden>()("Forbidden", {
  permission: Permission,
  actorId: Schema.String,
  role: Role,
  message: Schema.String
}) {
  /** A `Forbidden` for the given actor, role and missing permission; `detail` says why when the grant is scoped. */
  static of(permission: Permission, actorId: string, role: Role, detail?: string): Forbidden {
    const why = detail === undefined ? "" : `: ${detail}`
    return new Forbidden({
      permission,
      actorId,
      role,
      message: `team member ${actorId} (${role}) lacks permission ${permission}${why}`
    })
  }
}

/** Why an API key was refused. */
export const AuthenticationFailure = Schema.Literal("malformed", "unknown", "revoked", "member_inactive")
/** Why an API key was refused. */
export type AuthenticationFailure = typeof AuthenticationFailure.Type

/** The presented API key does not authenticate anyone; `reason` says why. */
export class AuthenticationFailed extends Schema.TaggedError<AuthenticationFailed>()("AuthenticationFailed", {
  reason: AuthenticationFailure,
  message: Schema.String
}) {
  private static readonly messages: Record<AuthenticationFailure, string> = {
    malformed: "the API key is malformed",
    unknown: "the API key is not valid",
    revoked: "the API key has been revoked",
    member_inactive: "the API key belongs to a deactivated team member"
  }
  /** An `AuthenticationFailed` for the given reason. */
  static of(reason: AuthenticationFailure): AuthenticationFailed {
    return new AuthenticationFailed({ reason, message: AuthenticationFailed.messages[reason] })
  }
}

/** The storage adapter failed for a reason outside the domain (I/O, driver, corrupt row). */
export class StorageError extends Schema.TaggedError<StorageError>()("StorageError", {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect)
}) {}

/** A task that is still open, as listed by `OpenTasksRemain`. */
export const OpenTaskRef = Schema.Struct({ id: Schema.String, title: Schema.String, status: Schema.String })

/** A project cannot complete while it has open tasks; `openTasks` lists them (up to 200 of `total`). */
export class OpenTasksRemain extends Schema.TaggedError<OpenTasksRemain>()("OpenTasksRemain", {
  projectId: Schema.String,
  openTasks: Schema.Array(OpenTaskRef),
  total: Schema.Int,
  message: Schema.String
}) {
  /** An `OpenTasksRemain` listing the open tasks. */
  static of(projectId: string, openTasks: ReadonlyArray<typeof OpenTaskRef.Type>, total: number): OpenTasksRemain {
    return new OpenTasksRemain({
      projectId,
      openTasks,
      total,
      message: `project ${projectId} has ${total} open task(s); finish or cancel them before completing it`
    })
  }
}
