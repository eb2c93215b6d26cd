import { Schema } from "effect"
import { entityFields, type ListSpec, timeKey } from "./Entity.js"
import { ClientId, ContactId, InteractionId, ProjectId, TeamMemberId } from "./Ids.js"
import { LocalDate } from "./LocalDate.js"
import { pagingFields } from "./Paging.js"
import { TaskPriority } from "./Task.js"
import { LongText, Name, ShortText } from "./Text.js"

export { InteractionId } from "./Ids.js"

/** The channel of a communication with a client; `feedback` carries a satisfaction score. */
export const InteractionKind = Schema.Literal("meeting", "call", "email", "message", "video_call", "note", "feedback")
/** The channel of a communication with a client. */
export type InteractionKind = typeof InteractionKind.Type

/** Who started the communication: the client (`inbound`), the agency (`outbound`), or neither (`internal`). */
export const InteractionDirection = Schema.Literal("inbound", "outbound", "internal")
/** Who started the communication. */
export type InteractionDirection = typeof InteractionDirection.Type

/** A client's satisfaction, 1 (very unhappy) to 5 (very happy). */
export const Satisfaction = Schema.Int.pipe(Schema.between(1, 5))

/** A logged communication with a client. Interactions are history: they outlive the contact or project
 * they mention and go only with their client. */
export class Interaction extends Schema.Class<Interaction>("Interaction")({
  ...entityFields(InteractionId),
  clientId: ClientId,
  contactId: Schema.NullOr(ContactId),
  projectId: Schema.NullOr(ProjectId),
  kind: InteractionKind,
  direction: InteractionDirection,
  occurredAt: Schema.DateTimeUtc,
  summary: Name,
  outcome: Schema.NullOr(LongText),
  nextStep: Schema.NullOr(ShortText),
  satisfaction: Schema.NullOr(Satisfaction),
  loggedById: Schema.NullOr(TeamMemberId)
}) {}

const satisfactionMatchesKind = (input: {
  readonly kind?: InteractionKind | undefined
  readonly satisfaction?: number | null | undefined
}) => {
  if (input.kind === "feedback" && input.satisfaction == null) {
    return { path: ["satisfaction"], message: "is required on feedback" }
  }
  if (input.kind !== undefined && input.kind !== "feedback" && input.satisfaction != null) {
    return { path: ["satisfaction"], message: "is only recorded on feedback" }
  }
  return true
}

/** A task to create from an interaction's next step. */
export const FollowUpInput = Schema.Struct({
  title: Name,
  assigneeId: Schema.optional(Schema.NullOr(TeamMemberId)),
  dueDate: Schema.optional(Schema.NullOr(LocalDate)),
  priority: Schema.optional(TaskPriority)
})
/** A task to create from an interaction's next step. */
export type FollowUpInput = typeof FollowUpInput.Type

/** Input of `Interactions.log`; `followUp` creates a task in the interaction's project in the same write. */
export const LogInteractionInput = Schema.Struct({
  clientId: ClientId,
  kind: InteractionKind,
  summary: Name,
  contactId: Schema.optional(Schema.NullOr(ContactId)),
  projectId: Schema.optional(Schema.NullOr(ProjectId)),
  direction: Schema.optional(InteractionDirection),
  occurredAt: Schema.optional(Schema.DateTimeUtc),
  outcome: Schema.optional(Schema.NullOr(LongText)),
  nextStep: Schema.optional(Schema.NullOr(ShortText)),
  satisfaction: Schema.optional(Schema.NullOr(Satisfaction)),
  followUp: Schema.optional(FollowUpInput)
}).pipe(Schema.filter(satisfactionMatchesKind))
/** Input of `Interactions.log`. */
export type LogInteractionInput = typeof LogInteractionInput.Type

/** Input of `Interactions.update`: only the given fields change; the client never changes. */
export const UpdateInteractionInput = Schema.Struct({
  kind: Schema.optional(InteractionKind),
  summary: Schema.optional(Name),
  contactId: Schema.optional(Schema.NullOr(ContactId)),
  projectId: Schema.optional(Schema.NullOr(ProjectId)),
  direction: Schema.optional(InteractionDirection),
  occurredAt: Schema.optional(Schema.DateTimeUtc),
  outcome: Schema.optional(Schema.NullOr(LongText)),
  nextStep: Schema.optional(Schema.NullOr(ShortText)),
  satisfaction: Schema.optional(Schema.NullOr(Satisfaction))
})
/** Input of `Interactions.update`. */
export type UpdateInteractionInput = typeof UpdateInteractionInput.Type

/** Checks the satisfaction rule on a whole interaction (after an update is applied). */
export const satisfactionRule = satisfactionMatchesKind

/** Filters of an interaction list; `occurredFrom` is inclusive and `occurredBefore` exclusive. */
export const InteractionFilter = Schema.Struct({
  clientId: Schema.optional(ClientId),
  contactId: Schema.optional(ContactId),
  projectId: Schema.optional(ProjectId),
  kind: Schema.optional(Schema.Array(InteractionKind).pipe(Schema.minItems(1))),
  occurredFrom: Schema.optional(Schema.DateTimeUtc),
  occurredBefore: Schema.optional(Schema.DateTimeUtc)
})
/** Filters of an interaction list. */
export type InteractionFilter = typeof InteractionFilter.Type

/** Fields an interaction list can be sorted by. */
export const InteractionSortField = Schema.Literal("occurredAt", "createdAt")
/** Fields an interaction list can be sorted by. */
export type InteractionSortField = typeof InteractionSortField.Type

/** Query of `Interactions.list`. */
export const InteractionListQuery = Schema.Struct({
  ...InteractionFilter.fields,
  ...pagingFields(InteractionSortField)
})
/** Query of `Interactions.list`. */
export type InteractionListQuery = typeof InteractionListQuery.Type

/** How interactions are listed: newest first by default. */
export const interactionList: ListSpec<Interaction, InteractionSortField> = {
  entity: "interaction",
  sortKey: (i, field) => (field === "occurredAt" ? timeKey(i.occurredAt) : timeKey(i.createdAt)),
  defaultSortBy: "occurredAt",
  defaultOrder: "desc"
}
