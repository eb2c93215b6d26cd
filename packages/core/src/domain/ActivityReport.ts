import { Schema } from "effect"
import { ClientId, TeamMemberId } from "./Ids.js"
import { InteractionKind } from "./Interaction.js"
import { periodFields, periodInOrder } from "./Period.js"
import { Share } from "./ReportFigures.js"

/** The query of the relationship-activity report: the period `[from, to)` (UTC dates), optionally one
 * organization or the interactions one team member logged. */
export const ActivityQuery = Schema.Struct({
  ...periodFields,
  clientId: Schema.optional(ClientId),
  memberId: Schema.optional(TeamMemberId)
}).pipe(Schema.filter(periodInOrder))
/** The query of the relationship-activity report. */
export type ActivityQuery = typeof ActivityQuery.Type

/** What an interaction led to, the first that holds: an opportunity opened from it, a next step (recorded, or a
 * follow-up task made from it), an outcome noted, or nothing recorded. */
export const InteractionResult = Schema.Literal("opportunity", "next_step", "outcome", "none")
/** What an interaction led to. */
export type InteractionResult = typeof InteractionResult.Type

/** Interactions counted by kind and by result, and the first contacts among them. */
export const ActivityCounts = Schema.Struct({
  interactions: Schema.Int,
  /** Every kind, zeros included, in the order of `InteractionKind`. */
  byKind: Schema.Array(Schema.Struct({ kind: InteractionKind, count: Schema.Int })),
  /** Every result, zeros included, in the order of `InteractionResult`. */
  byResult: Schema.Array(Schema.Struct({ result: InteractionResult, count: Schema.Int })),
  /** Interactions that were their organization's first contact: its first conversation (meeting, call, e-mail,
   * message or video call) inbound or outbound. */
  firstContacts: Schema.Int,
  /** First contacts whose organization has an opportunity created at or after them. */
  firstContactsWithOpportunity: Schema.Int,
  /** `firstContactsWithOpportunity ÷ firstContacts`; `null` when there were none. */
  firstContactConversion: Share
})
/** Interactions counted by kind and by result, and the first contacts among them. */
export type ActivityCounts = typeof ActivityCounts.Type

/** Relationship activity: the interactions that occurred in the period, in total and per member who logged them
 * (ordered by id; logged by no member under `null`, last). */
export const ActivityReport = Schema.Struct({
  total: ActivityCounts,
  byMember: Schema.Array(Schema.Struct({ memberId: Schema.NullOr(TeamMemberId), activity: ActivityCounts }))
})
/** Relationship activity. */
export type ActivityReport = typeof ActivityReport.Type
