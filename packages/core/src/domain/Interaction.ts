import { type Context, Schema } from "effect"
import * as Aggregate from "../aggregate/Aggregate.js"
import * as Filters from "../aggregate/Filters.js"
import * as Sorts from "../aggregate/Sorts.js"
import { entityFields } from "./Entity.js"
import { interactionDocument } from "./SearchDocuments.js"
import { ClientId, ContactId, InteractionId, OpportunityId, ProjectId, TeamMemberId } from "./Ids.js"
import { LocalDate } from "./LocalDate.js"
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
  opportunityId: Schema.NullOr(OpportunityId),
  kind: InteractionKind,
  direction: InteractionDirection,
  occurredAt: Schema.DateTimeUtc,
  summary: Name,
  outcome: Schema.NullOr(LongText),
  nextStep: Schema.NullOr(ShortText),
  satisfaction: Schema.NullOr(Satisfaction),
  loggedById: Schema.NullOr(TeamMemberId),
  /** Whether this is its organization's first contact: its earliest conversation (ties: the lower id), kept
   * with every write of the organization's interactions. */
  firstContact: Schema.Boolean
}) {}

/** The kinds of interaction that are a conversation with the client (feedback and internal notes are not). */
export const CONVERSATION_KINDS = ["meeting", "call", "email", "message", "video_call"] as const

/** Whether an interaction is a conversation with the client, either way. */
export const isConversation = (i: Pick<Interaction, "kind" | "direction">): boolean =>
  (CONVERSATION_KINDS as ReadonlyArray<string>).includes(i.kind) && i.direction !== "internal"

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

/** A task to create from an interaction's next step: in the interaction's project or opportunity when it names
 * one, otherwise on its organization alone. */
export const FollowUpInput = Schema.Struct({
  title: Name,
  assigneeId: Schema.optional(Schema.NullOr(TeamMemberId)),
  dueDate: Schema.optional(Schema.NullOr(LocalDate)),
  priority: Schema.optional(TaskPriority)
})
/** A task to create from an interaction's next step. */
export type FollowUpInput = typeof FollowUpInput.Type

/** Input of `Interactions.log`: against an organization (`clientId`) and/or a contact (a contact alone implies its
 * organization); `followUp` creates the next step's task in the same write. */
export const LogInteractionInput = Schema.Struct({
  clientId: Schema.optional(ClientId),
  kind: InteractionKind,
  summary: Name,
  contactId: Schema.optional(Schema.NullOr(ContactId)),
  projectId: Schema.optional(Schema.NullOr(ProjectId)),
  opportunityId: Schema.optional(Schema.NullOr(OpportunityId)),
  direction: Schema.optional(InteractionDirection),
  occurredAt: Schema.optional(Schema.DateTimeUtc),
  outcome: Schema.optional(Schema.NullOr(LongText)),
  nextStep: Schema.optional(Schema.NullOr(ShortText)),
  satisfaction: Schema.optional(Schema.NullOr(Satisfaction)),
  followUp: Schema.optional(FollowUpInput)
}).pipe(
  Schema.filter(satisfactionMatchesKind),
  Schema.filter((input) =>
    input.clientId !== undefined || input.contactId != null
      ? true
      : { path: ["clientId"], message: "is required unless contactId names the contact it was with" }
  )
)
/** Input of `Interactions.log`. */
export type LogInteractionInput = typeof LogInteractionInput.Type

/** Input of `Interactions.update`: only the given fields change; the client never changes. */
export const UpdateInteractionInput = Schema.Struct({
  kind: Schema.optional(InteractionKind),
  summary: Schema.optional(Name),
  contactId: Schema.optional(Schema.NullOr(ContactId)),
  projectId: Schema.optional(Schema.NullOr(ProjectId)),
  opportunityId: Schema.optional(Schema.NullOr(OpportunityId)),
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

/** Interactions: the record of every communication; `occurredFrom` is inclusive and `occurredBefore` exclusive. */
export const interactionAggregate = Aggregate.define({
  name: "interaction",
  plural: "interactions",
  schema: Interaction,
  id: InteractionId,
  filters: {
    clientId: Filters.eq(ClientId),
    contactId: Filters.eq(ContactId),
    projectId: Filters.eq(ProjectId),
    opportunityId: Filters.eq(OpportunityId),
    kind: Filters.among(InteractionKind),
    direction: Filters.among(InteractionDirection),
    occurredFrom: Filters.from("occurredAt", Schema.DateTimeUtc),
    occurredBefore: Filters.before("occurredAt", Schema.DateTimeUtc),
    loggedById: Filters.eq(TeamMemberId),
    firstContact: Filters.eq(Schema.Boolean)
  },
  sorts: { occurredAt: Sorts.time("occurredAt"), createdAt: Sorts.time("createdAt") },
  defaultSort: { by: "occurredAt", order: "desc" },
  inputs: { create: LogInteractionInput, update: UpdateInteractionInput },
  references: {
    clientId: { to: "client", onDelete: "cascade" },
    // History outlives the contact and the project it mentions, and keeps naming them.
    contactId: { to: "contact", onDelete: "keep" },
    projectId: { to: "project", onDelete: "keep" },
    opportunityId: { to: "opportunity", onDelete: "keep" },
    loggedById: { to: "team_member", onDelete: "restrict" }
  },
  events: ["logged", "updated", "deleted"],
  eventRefs: (i) => ({ clientId: i.clientId, projectId: i.projectId }),
  search: interactionDocument,
  permissions: { read: "crm.read", write: "interaction.write", remove: "interaction.delete" }
})

/** Filters of an interaction list. */
export const InteractionFilter = interactionAggregate.Filter
/** Filters of an interaction list. */
export type InteractionFilter = typeof InteractionFilter.Type

/** Fields an interaction list can be sorted by. */
export const InteractionSortField = interactionAggregate.SortField
/** Fields an interaction list can be sorted by. */
export type InteractionSortField = typeof InteractionSortField.Type

/** Query of an interaction list. */
export const InteractionListQuery = interactionAggregate.ListQuery
/** Query of an interaction list. */
export type InteractionListQuery = typeof InteractionListQuery.Type

/** How interactions are listed. */
export const interactionList = interactionAggregate.list

/** Storage of interactions. */
export const InteractionRepository = interactionAggregate.repository
/** Storage of interactions. */
export type InteractionRepository = Context.Tag.Identifier<typeof InteractionRepository>
