import { type Context, Schema } from "effect"
import * as Aggregate from "../aggregate/Aggregate.js"
import * as Filters from "../aggregate/Filters.js"
import * as Sorts from "../aggregate/Sorts.js"
import { entityFields } from "./Entity.js"
import { ClientId, OpportunityId, StageChangeId, TeamMemberId } from "./Ids.js"
import { OpportunityStage } from "./Opportunity.js"
import { LongText } from "./Text.js"

export { StageChangeId } from "./Ids.js"

/** How a stage change moved an opportunity. */
export const StageChangeKind = Schema.Literal(
  "created",
  "advanced",
  "moved_back",
  "paused",
  "resumed",
  "closed",
  "reopened",
  "won"
)
/** How a stage change moved an opportunity. */
export type StageChangeKind = typeof StageChangeKind.Type

/** One entry of an opportunity's stage history: when, who, from, to, and why; kept for reporting. */
export class StageChange extends Schema.Class<StageChange>("StageChange")({
  ...entityFields(StageChangeId),
  opportunityId: OpportunityId,
  clientId: ClientId,
  kind: StageChangeKind,
  /** `null` on the entry that records the creation. */
  fromStage: Schema.NullOr(OpportunityStage),
  toStage: OpportunityStage,
  changedAt: Schema.DateTimeUtc,
  changedById: Schema.NullOr(TeamMemberId),
  note: Schema.NullOr(LongText)
}) {}

/** The stage history: written by `Opportunities` only, read per opportunity or over a period. */
export const stageChangeAggregate = Aggregate.define({
  name: "stage_change",
  plural: "stage_changes",
  schema: StageChange,
  id: StageChangeId,
  filters: {
    opportunityId: Filters.eq(OpportunityId),
    clientId: Filters.eq(ClientId),
    changedById: Filters.eq(TeamMemberId),
    toStage: Filters.among(OpportunityStage),
    changedFrom: Filters.from("changedAt", Schema.DateTimeUtc),
    changedBefore: Filters.before("changedAt", Schema.DateTimeUtc)
  },
  sorts: { changedAt: Sorts.time("changedAt") },
  defaultSort: { by: "changedAt", order: "asc" },
  inputs: { create: Schema.Struct({}) },
  references: {
    opportunityId: { to: "opportunity", onDelete: "cascade" },
    clientId: { to: "client", onDelete: "cascade" },
    changedById: { to: "team_member", onDelete: "restrict" }
  },
  events: ["recorded", "deleted"],
  // The opportunity's own `stage_changed` event is what timelines show; this entry is the reporting record.
  eventRefs: () => ({}),
  permissions: { read: "crm.read", write: "opportunity.write", remove: "opportunity.delete" }
})

/** Query of a stage history. */
export const StageChangeListQuery = stageChangeAggregate.ListQuery
/** Query of a stage history. */
export type StageChangeListQuery = typeof StageChangeListQuery.Type

/** Storage of the stage history. */
export const StageChangeRepository = stageChangeAggregate.repository
/** Storage of the stage history. */
export type StageChangeRepository = Context.Tag.Identifier<typeof StageChangeRepository>
