import { Schema } from "effect"

// All ids live in one module because aggregates reference each other (a project names its feedback
// interaction, an interaction names its project); splitting them would create import cycles.

/** Id of a team member (time-ordered UUID). */
export const TeamMemberId = Schema.UUID.pipe(Schema.brand("TeamMemberId"))
/** Id of a team member. */
export type TeamMemberId = typeof TeamMemberId.Type

/** Id of a client organisation (time-ordered UUID). */
export const ClientId = Schema.UUID.pipe(Schema.brand("ClientId"))
/** Id of a client organisation. */
export type ClientId = typeof ClientId.Type

/** Id of a contact person (time-ordered UUID). */
export const ContactId = Schema.UUID.pipe(Schema.brand("ContactId"))
/** Id of a contact person. */
export type ContactId = typeof ContactId.Type

/** Id of a project (time-ordered UUID). */
export const ProjectId = Schema.UUID.pipe(Schema.brand("ProjectId"))
/** Id of a project. */
export type ProjectId = typeof ProjectId.Type

/** Id of a task (time-ordered UUID). */
export const TaskId = Schema.UUID.pipe(Schema.brand("TaskId"))
/** Id of a task. */
export type TaskId = typeof TaskId.Type

/** Id of a resource allocation (time-ordered UUID). */
export const AllocationId = Schema.UUID.pipe(Schema.brand("AllocationId"))
/** Id of a resource allocation. */
export type AllocationId = typeof AllocationId.Type

/** Id of an interaction (time-ordered UUID). */
export const InteractionId = Schema.UUID.pipe(Schema.brand("InteractionId"))
/** Id of an interaction. */
export type InteractionId = typeof InteractionId.Type

/** Id of a project review (time-ordered UUID). */
export const ReviewId = Schema.UUID.pipe(Schema.brand("ReviewId"))
/** Id of a project review. */
export type ReviewId = typeof ReviewId.Type

/** Id of an API key (time-ordered UUID). */
export const ApiKeyId = Schema.UUID.pipe(Schema.brand("ApiKeyId"))
/** Id of an API key. */
export type ApiKeyId = typeof ApiKeyId.Type

/** Id of a lead source (time-ordered UUID; the default set has fixed ids). */
export const OriginationId = Schema.UUID.pipe(Schema.brand("OriginationId"))
/** Id of a lead source. */
export type OriginationId = typeof OriginationId.Type

/** Id of a market (time-ordered UUID; the default set has fixed ids). */
export const MarketId = Schema.UUID.pipe(Schema.brand("MarketId"))
/** Id of a market. */
export type MarketId = typeof MarketId.Type

/** Id of a position (time-ordered UUID; the default set has fixed ids). */
export const PositionId = Schema.UUID.pipe(Schema.brand("PositionId"))
/** Id of a position. */
export type PositionId = typeof PositionId.Type

/** Id of a sales opportunity (time-ordered UUID). */
export const OpportunityId = Schema.UUID.pipe(Schema.brand("OpportunityId"))
/** Id of a sales opportunity. */
export type OpportunityId = typeof OpportunityId.Type

/** Id of a recorded stage change of an opportunity (time-ordered UUID). */
export const StageChangeId = Schema.UUID.pipe(Schema.brand("StageChangeId"))
/** Id of a recorded stage change. */
export type StageChangeId = typeof StageChangeId.Type
