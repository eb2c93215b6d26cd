import { Schema } from "effect"
import { aggregates, type Registered } from "../aggregate/registry.js"
import { EntityType } from "../domain/EntityType.js"
import { ClientId, ProjectId, TeamMemberId } from "../domain/Ids.js"

type EventTypeOf<G> = G extends { readonly eventTypes: ReadonlyArray<infer T> } ? T : never
type NonEmptyArray<T> = readonly [T, ...Array<T>]

/** Every kind of event the CRM records, `<entity>.<what happened>`: the events each aggregate declares. */
export const EventType = Schema.Literal(
  ...(aggregates.flatMap((aggregate) => aggregate.eventTypes) as unknown as NonEmptyArray<EventTypeOf<Registered>>)
)
/** Every kind of event the CRM records. */
export type EventType = typeof EventType.Type

/** One changed field, with its encoded (JSON) value before and after; `null` stands for absent. */
export const FieldChange = Schema.Struct({
  field: Schema.String,
  before: Schema.Unknown,
  after: Schema.Unknown
})
/** One changed field. */
export type FieldChange = typeof FieldChange.Type

/** A committed fact in the event log: the single record of what happened, who did it and when. */
export class DomainEvent extends Schema.Class<DomainEvent>("DomainEvent")({
  /** Position in the log: strictly increasing, gap-free within one store. */
  sequence: Schema.Int.pipe(Schema.greaterThanOrEqualTo(1)),
  occurredAt: Schema.DateTimeUtc,
  /** The team member who acted; `null` for the system. */
  actorId: Schema.NullOr(TeamMemberId),
  type: EventType,
  entityType: EntityType,
  entityId: Schema.String,
  /** The client the entity belongs to, so timelines and feeds can filter without joins. */
  clientId: Schema.NullOr(ClientId),
  projectId: Schema.NullOr(ProjectId),
  /** For task events, the assignee after the change (before it, for a deletion). */
  assigneeId: Schema.NullOr(TeamMemberId),
  changes: Schema.Array(FieldChange)
}) {}

/** An event as a service records it; the unit of work adds actor and time, the log adds the sequence. */
export interface EventDraft {
  readonly type: EventType
  readonly entityType: EntityType
  readonly entityId: string
  readonly clientId: ClientId | null
  readonly projectId: ProjectId | null
  readonly assigneeId: TeamMemberId | null
  readonly changes: ReadonlyArray<FieldChange>
}

/** An event ready to append: everything but its sequence number. */
export type NewEvent = Omit<DomainEvent, "sequence">

/** Which events a reader wants; every given field must match. */
export interface EventFilter {
  readonly clientId?: ClientId | undefined
  readonly projectId?: ProjectId | undefined
  readonly assigneeId?: TeamMemberId | undefined
  readonly entityType?: EntityType | undefined
  readonly entityId?: string | undefined
  /** Entity types to leave out (the timeline shows interactions themselves, not their events). */
  readonly excludeEntityTypes?: ReadonlyArray<EntityType> | undefined
}

/** Whether an event matches a filter: every given field equals the event's, and its type is not excluded. */
export const eventMatches = (filter: EventFilter, event: DomainEvent): boolean =>
  (filter.clientId === undefined || filter.clientId === event.clientId) &&
  (filter.projectId === undefined || filter.projectId === event.projectId) &&
  (filter.assigneeId === undefined || filter.assigneeId === event.assigneeId) &&
  (filter.entityType === undefined || filter.entityType === event.entityType) &&
  (filter.entityId === undefined || filter.entityId === event.entityId) &&
  (filter.excludeEntityTypes === undefined || !filter.excludeEntityTypes.includes(event.entityType))
