import { type Context, Schema } from "effect"
import * as Aggregate from "../aggregate/Aggregate.js"
import * as Filters from "../aggregate/Filters.js"
import * as Sorts from "../aggregate/Sorts.js"
import { entityFields } from "./Entity.js"
import {
  ClientId,
  ContactId,
  InteractionId,
  MarketId,
  OpportunityId,
  OriginationId,
  ProjectId,
  TeamMemberId
} from "./Ids.js"
import type { TransitionTable } from "./Lifecycle.js"
import { LocalDate } from "./LocalDate.js"
import { Money } from "./Money.js"
import { CampaignType, Objectives, Project } from "./Project.js"
import { opportunityDocument } from "./SearchDocuments.js"
import { LongText, Name, ShortText } from "./Text.js"

export { OpportunityId } from "./Ids.js"

/** The stages an open opportunity moves through, in order: generate interest, present the products, size the
 * proposal, negotiate. */
export const OpenStage = Schema.Literal("interest", "presentation", "proposal", "negotiation")
/** A stage of an open opportunity. */
export type OpenStage = typeof OpenStage.Type

/** Every stage: the open ones, the sales order (won), and the three closes without a sale. */
export const OpportunityStage = Schema.Literal(
  ...OpenStage.literals,
  "sales_order",
  "standby",
  "rejected",
  "not_qualified"
)
/** Where an opportunity is. */
export type OpportunityStage = typeof OpportunityStage.Type

/** The open stages in order; moving to an earlier one is moving back. */
export const OPEN_STAGES: ReadonlyArray<OpenStage> = OpenStage.literals

/** Whether a stage is one of the open ones. */
export const isOpenStage = (stage: OpportunityStage): stage is OpenStage =>
  (OPEN_STAGES as ReadonlyArray<string>).includes(stage)

/** The stage transitions: forward one stage, back any number (with a note), and from any open stage to a close
 * without a sale; only negotiation leads to the sales order (`Opportunities.win`), which is final. Standby resumes
 * only to the stage it paused in (`resume`); rejected and not qualified come back to an open stage as a reopen
 * (`reopen`, or a move naming the stage), recorded as one. */
export const opportunityTransitions: TransitionTable<OpportunityStage> = {
  interest: ["presentation", "standby", "rejected", "not_qualified"],
  presentation: ["interest", "proposal", "standby", "rejected", "not_qualified"],
  proposal: ["interest", "presentation", "negotiation", "standby", "rejected", "not_qualified"],
  negotiation: ["interest", "presentation", "proposal", "sales_order", "standby", "rejected", "not_qualified"],
  sales_order: [],
  standby: ["interest", "presentation", "proposal", "negotiation", "rejected", "not_qualified"],
  rejected: ["interest", "presentation", "proposal", "negotiation"],
  not_qualified: ["interest", "presentation", "proposal", "negotiation"]
}

/** The probability (percent) an opportunity takes when it enters a stage, unless one is given. */
export const stageProbability: { readonly [S in OpportunityStage]: number } = {
  interest: 10,
  presentation: 25,
  proposal: 50,
  negotiation: 75,
  sales_order: 100,
  standby: 0,
  rejected: 0,
  not_qualified: 0
}

/** The stages reached once `stage` is reached too: a set, in stage order. */
export const reaching = (
  reached: ReadonlyArray<OpportunityStage>,
  stage: OpportunityStage
): ReadonlyArray<OpportunityStage> => OpportunityStage.literals.filter((s) => s === stage || reached.includes(s))

/** A probability of closing, in percent. */
export const Probability = Schema.Int.pipe(Schema.between(0, 100))

/** A sales opportunity with an organization, from the first interest to the sales order or a close. */
export class Opportunity extends Schema.Class<Opportunity>("Opportunity")({
  ...entityFields(OpportunityId),
  name: Name,
  clientId: ClientId,
  contactId: Schema.NullOr(ContactId),
  ownerId: TeamMemberId,
  stage: OpportunityStage,
  /** The open stage it was in before its close: standby resumes to it, a reopen defaults to it. */
  resumeStage: Schema.NullOr(OpenStage),
  probability: Probability,
  amount: Schema.NullOr(Money),
  expectedCloseDate: Schema.NullOr(LocalDate),
  originationId: Schema.NullOr(OriginationId),
  marketId: Schema.NullOr(MarketId),
  originInteractionId: Schema.NullOr(InteractionId),
  notes: Schema.NullOr(LongText),
  stageChangedAt: Schema.DateTimeUtc,
  /** Every stage it has been in, in stage order: what the stage funnel counts, kept with each change. */
  reachedStages: Schema.Array(OpportunityStage),
  closedAt: Schema.NullOr(Schema.DateTimeUtc),
  salesOrderNumber: Schema.NullOr(ShortText),
  salesOrderAmount: Schema.NullOr(Money),
  salesOrderDate: Schema.NullOr(LocalDate),
  /** The project opened from the sales order. */
  projectId: Schema.NullOr(ProjectId)
}) {}

/** Input of `Opportunities.create`. The organization comes from `clientId`, or from the interaction it is created
 * from (`originInteractionId`), as do the contact; the owner defaults to the actor, origination and market to the
 * organization's, the probability to the stage's. */
export const CreateOpportunityInput = Schema.Struct({
  name: Name,
  clientId: Schema.optional(ClientId),
  contactId: Schema.optional(Schema.NullOr(ContactId)),
  ownerId: Schema.optional(TeamMemberId),
  stage: Schema.optional(OpenStage),
  probability: Schema.optional(Probability),
  amount: Schema.optional(Schema.NullOr(Money)),
  expectedCloseDate: Schema.optional(Schema.NullOr(LocalDate)),
  originationId: Schema.optional(Schema.NullOr(OriginationId)),
  marketId: Schema.optional(Schema.NullOr(MarketId)),
  originInteractionId: Schema.optional(Schema.NullOr(InteractionId)),
  notes: Schema.optional(Schema.NullOr(LongText))
}).pipe(
  Schema.filter((input) =>
    input.clientId !== undefined || input.originInteractionId != null
      ? true
      : { path: ["clientId"], message: "is required unless originInteractionId names the interaction it comes from" }
  )
)
/** Input of `Opportunities.create`. */
export type CreateOpportunityInput = typeof CreateOpportunityInput.Type

/** Input of `Opportunities.update`: only the given fields change; the stage moves through its own operations. */
export const UpdateOpportunityInput = Schema.Struct({
  name: Schema.optional(Name),
  contactId: Schema.optional(Schema.NullOr(ContactId)),
  ownerId: Schema.optional(TeamMemberId),
  probability: Schema.optional(Probability),
  amount: Schema.optional(Schema.NullOr(Money)),
  expectedCloseDate: Schema.optional(Schema.NullOr(LocalDate)),
  originationId: Schema.optional(Schema.NullOr(OriginationId)),
  marketId: Schema.optional(Schema.NullOr(MarketId)),
  notes: Schema.optional(Schema.NullOr(LongText))
})
/** Input of `Opportunities.update`. */
export type UpdateOpportunityInput = typeof UpdateOpportunityInput.Type

/** Stages `Opportunities.move` takes an opportunity to (the sales order is `win`'s). */
export const MoveTarget = Schema.Literal(...OpenStage.literals, "standby", "rejected", "not_qualified")
/** Stages `Opportunities.move` takes an opportunity to. */
export type MoveTarget = typeof MoveTarget.Type

/** Input of `Opportunities.move`: the stage, a note (required when moving back), and a probability that replaces
 * the stage's default. */
export const MoveOpportunityInput = Schema.Struct({
  to: MoveTarget,
  note: Schema.optional(Schema.NullOr(LongText)),
  probability: Schema.optional(Probability)
})
/** Input of `Opportunities.move`. */
export type MoveOpportunityInput = typeof MoveOpportunityInput.Type

/** Input of `Opportunities.resume`: a note. */
export const ResumeOpportunityInput = Schema.Struct({ note: Schema.optional(Schema.NullOr(LongText)) })
/** Input of `Opportunities.resume`. */
export type ResumeOpportunityInput = typeof ResumeOpportunityInput.Type

/** Input of `Opportunities.reopen`: the stage (defaults to the one it closed in) and a note. */
export const ReopenOpportunityInput = Schema.Struct({
  to: Schema.optional(OpenStage),
  note: Schema.optional(Schema.NullOr(LongText))
})
/** Input of `Opportunities.reopen`. */
export type ReopenOpportunityInput = typeof ReopenOpportunityInput.Type

/** The sales order a won opportunity records. */
export const SalesOrderInput = Schema.Struct({
  /** Defaults to the next `SO-<year>-<n>`. */
  number: Schema.optional(Name),
  /** Defaults to the opportunity's amount. */
  amount: Schema.optional(Money),
  /** Defaults to today. */
  date: Schema.optional(LocalDate)
})

/** The first project of the campaign, opened from the sales order. */
export const ProjectFromSaleInput = Schema.Struct({
  name: Schema.optional(Name),
  campaignType: CampaignType,
  managerId: TeamMemberId,
  description: Schema.optional(Schema.NullOr(LongText)),
  objectives: Schema.optional(Objectives),
  startDate: Schema.optional(Schema.NullOr(LocalDate)),
  dueDate: Schema.optional(Schema.NullOr(LocalDate))
})

/** Input of `Opportunities.win`: the sales order, and optionally the project to open from it (its budget is the
 * order's amount). */
export const WinOpportunityInput = Schema.Struct({
  salesOrder: Schema.optional(SalesOrderInput),
  project: Schema.optional(ProjectFromSaleInput),
  note: Schema.optional(Schema.NullOr(LongText))
})
/** Input of `Opportunities.win`. */
export type WinOpportunityInput = typeof WinOpportunityInput.Type

/** Opportunities: listed by organization, owner, stage, source, market, and by expected close date, creation,
 * close and sales-order date (each `…From` inclusive, `…Before` exclusive). */
export const opportunityAggregate = Aggregate.define({
  name: "opportunity",
  plural: "opportunities",
  schema: Opportunity,
  id: OpportunityId,
  filters: {
    clientId: Filters.eq(ClientId),
    contactId: Filters.eq(ContactId),
    ownerId: Filters.eq(TeamMemberId),
    stage: Filters.among(OpportunityStage),
    originationId: Filters.eq(OriginationId),
    marketId: Filters.eq(MarketId),
    closeFrom: Filters.from("expectedCloseDate", LocalDate),
    closeBefore: Filters.before("expectedCloseDate", LocalDate),
    createdFrom: Filters.from("createdAt", Schema.DateTimeUtc),
    createdBefore: Filters.before("createdAt", Schema.DateTimeUtc),
    closedFrom: Filters.from("closedAt", Schema.DateTimeUtc),
    closedBefore: Filters.before("closedAt", Schema.DateTimeUtc),
    soldFrom: Filters.from("salesOrderDate", LocalDate),
    soldBefore: Filters.before("salesOrderDate", LocalDate),
    stageChangedFrom: Filters.from("stageChangedAt", Schema.DateTimeUtc),
    stageChangedBefore: Filters.before("stageChangedAt", Schema.DateTimeUtc),
    originInteractionId: Filters.eq(InteractionId),
    fromInteraction: Filters.isSet("originInteractionId"),
    projectId: Filters.eq(ProjectId),
    salesOrderNumber: Filters.eq(ShortText)
  },
  sorts: {
    createdAt: Sorts.time("createdAt"),
    updatedAt: Sorts.time("updatedAt"),
    name: Sorts.text("name", "nameKey"),
    expectedCloseDate: Sorts.value("expectedCloseDate", { nullable: true }),
    stageChangedAt: Sorts.time("stageChangedAt"),
    closedAt: Sorts.time("closedAt", { nullable: true }),
    salesOrderDate: Sorts.value("salesOrderDate", { nullable: true })
  },
  defaultSort: { by: "createdAt", order: "desc" },
  inputs: { create: CreateOpportunityInput, update: UpdateOpportunityInput },
  references: {
    clientId: { to: "client", onDelete: "cascade" },
    contactId: { to: "contact", onDelete: "setNull" },
    ownerId: { to: "team_member", onDelete: "restrict" },
    originationId: { to: "origination", onDelete: "restrict" },
    marketId: { to: "market", onDelete: "restrict" },
    originInteractionId: { to: "interaction", onDelete: "setNull" },
    projectId: { to: "project", onDelete: "setNull" }
  },
  events: ["created", "updated", "stage_changed", "reopened", "won", "deleted"],
  eventRefs: (o) => ({ clientId: o.clientId, projectId: o.projectId }),
  search: opportunityDocument,
  permissions: { read: "crm.read", write: "opportunity.write", remove: "opportunity.delete" },
  uniqueFilters: ["salesOrderNumber"]
})

/** Filters of an opportunity list. */
export const OpportunityFilter = opportunityAggregate.Filter
/** Filters of an opportunity list. */
export type OpportunityFilter = typeof OpportunityFilter.Type

/** Fields an opportunity list can be sorted by. */
export const OpportunitySortField = opportunityAggregate.SortField
/** Fields an opportunity list can be sorted by. */
export type OpportunitySortField = typeof OpportunitySortField.Type

/** Query of an opportunity list. */
export const OpportunityListQuery = opportunityAggregate.ListQuery
/** Query of an opportunity list. */
export type OpportunityListQuery = typeof OpportunityListQuery.Type

/** How opportunities are listed. */
export const opportunityList = opportunityAggregate.list

/** Storage of opportunities. */
export const OpportunityRepository = opportunityAggregate.repository
/** Storage of opportunities. */
export type OpportunityRepository = Context.Tag.Identifier<typeof OpportunityRepository>

/** Filters of the pipeline view: owner, source, market and expected close period (`closeFrom` inclusive,
 * `closeBefore` exclusive). */
export const PipelineQuery = Schema.Struct({
  ownerId: Schema.optional(TeamMemberId),
  originationId: Schema.optional(OriginationId),
  marketId: Schema.optional(MarketId),
  closeFrom: Schema.optional(LocalDate),
  closeBefore: Schema.optional(LocalDate)
})
/** Filters of the pipeline view. */
export type PipelineQuery = typeof PipelineQuery.Type

/** The amounts of one stage in one currency: the total, and the total weighted by each opportunity's probability
 * (rounded to the minor unit once, after summing). */
export const PipelineAmount = Schema.Struct({
  currency: Schema.String,
  totalMinor: Schema.Int,
  weightedMinor: Schema.Int
})

/** One stage of the pipeline: its open opportunities' count and amounts per currency (those without an amount
 * count, but add nothing). */
export const PipelineStage = Schema.Struct({
  stage: OpenStage,
  count: Schema.Int,
  amounts: Schema.Array(PipelineAmount)
})

/** What winning answers: the opportunity with its sales order, and the project opened from it, if any. */
export const WonOpportunity = Schema.Struct({ opportunity: Opportunity, project: Schema.NullOr(Project) })

/** The pipeline: every open stage in order, with its figures. */
export const Pipeline = Schema.Struct({ stages: Schema.Array(PipelineStage) })
/** The pipeline. */
export type Pipeline = typeof Pipeline.Type
