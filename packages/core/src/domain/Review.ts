import { type Context, Schema } from "effect"
import * as Aggregate from "../aggregate/Aggregate.js"
import * as Filters from "../aggregate/Filters.js"
import * as Sorts from "../aggregate/Sorts.js"
import { entityFields } from "./Entity.js"
import { ClientId, ProjectId, ReviewId, TeamMemberId } from "./Ids.js"
import { ProjectProgress } from "./Progress.js"
import { LongText, ShortText } from "./Text.js"

export { ReviewId } from "./Ids.js"

/** Non-blank review text of at most 10 000 characters. */
const ReviewSummary = LongText.pipe(Schema.filter((s) => s.trim().length > 0 || "must not be blank"))

/** Adjustments decided at a review, one line each. */
export const Adjustments = Schema.Array(ShortText).pipe(Schema.maxItems(50))

/** An intermediate evaluation of a project: what was found, the progress then, and what changes. */
export class ProjectReview extends Schema.Class<ProjectReview>("ProjectReview")({
  ...entityFields(ReviewId),
  projectId: ProjectId,
  clientId: ClientId,
  reviewerId: Schema.NullOr(TeamMemberId),
  reviewedAt: Schema.DateTimeUtc,
  summary: ReviewSummary,
  adjustments: Adjustments,
  progress: ProjectProgress
}) {}

/** Input of `Reviews.record`; the progress snapshot is taken by the service at that moment. */
export const RecordReviewInput = Schema.Struct({
  projectId: ProjectId,
  summary: ReviewSummary,
  adjustments: Schema.optional(Adjustments),
  reviewedAt: Schema.optional(Schema.DateTimeUtc)
})
/** Input of `Reviews.record`. */
export type RecordReviewInput = typeof RecordReviewInput.Type

/** Input of `Reviews.update`: the text of a review can be corrected; its snapshot cannot. */
export const UpdateReviewInput = Schema.Struct({
  summary: Schema.optional(ReviewSummary),
  adjustments: Schema.optional(Adjustments)
})
/** Input of `Reviews.update`. */
export type UpdateReviewInput = typeof UpdateReviewInput.Type

/** Reviews: intermediate evaluations of a project, deleted with it. */
export const reviewAggregate = Aggregate.define({
  name: "review",
  plural: "reviews",
  schema: ProjectReview,
  id: ReviewId,
  filters: { projectId: Filters.eq(ProjectId), clientId: Filters.eq(ClientId), reviewerId: Filters.eq(TeamMemberId) },
  sorts: { reviewedAt: Sorts.time("reviewedAt"), createdAt: Sorts.time("createdAt") },
  defaultSort: { by: "reviewedAt", order: "desc" },
  inputs: { create: RecordReviewInput, update: UpdateReviewInput },
  references: {
    projectId: { to: "project", onDelete: "cascade" },
    clientId: { to: "client", onDelete: "cascade" },
    reviewerId: { to: "team_member", onDelete: "restrict" }
  },
  events: ["recorded", "updated", "deleted"],
  eventRefs: (r) => ({ clientId: r.clientId, projectId: r.projectId }),
  permissions: { read: "crm.read", write: "review.manage", remove: "review.manage" }
})

/** Filters of a review list. */
export const ReviewFilter = reviewAggregate.Filter
/** Filters of a review list. */
export type ReviewFilter = typeof ReviewFilter.Type

/** Fields a review list can be sorted by. */
export const ReviewSortField = reviewAggregate.SortField
/** Fields a review list can be sorted by. */
export type ReviewSortField = typeof ReviewSortField.Type

/** Query of a review list. */
export const ReviewListQuery = reviewAggregate.ListQuery
/** Query of a review list. */
export type ReviewListQuery = typeof ReviewListQuery.Type

/** How reviews are listed. */
export const reviewList = reviewAggregate.list

/** Storage of reviews. */
export const ReviewRepository = reviewAggregate.repository
/** Storage of reviews. */
export type ReviewRepository = Context.Tag.Identifier<typeof ReviewRepository>
