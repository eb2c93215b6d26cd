import { Schema } from "effect"
import { entityFields, type ListSpec, timeKey } from "./Entity.js"
import { ClientId, ProjectId, ReviewId, TeamMemberId } from "./Ids.js"
import { pagingFields } from "./Paging.js"
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

/** Filters of a review list. */
export const ReviewFilter = Schema.Struct({ projectId: Schema.optional(ProjectId) })
/** Filters of a review list. */
export type ReviewFilter = typeof ReviewFilter.Type

/** Fields a review list can be sorted by. */
export const ReviewSortField = Schema.Literal("reviewedAt", "createdAt")
/** Fields a review list can be sorted by. */
export type ReviewSortField = typeof ReviewSortField.Type

/** Query of `Reviews.list`. */
export const ReviewListQuery = Schema.Struct({ ...ReviewFilter.fields, ...pagingFields(ReviewSortField) })
/** Query of `Reviews.list`. */
export type ReviewListQuery = typeof ReviewListQuery.Type

/** How reviews are listed: latest first by default. */
export const reviewList: ListSpec<ProjectReview, ReviewSortField> = {
  entity: "review",
  sortKey: (r, field) => (field === "reviewedAt" ? timeKey(r.reviewedAt) : timeKey(r.createdAt)),
  defaultSortBy: "reviewedAt",
  defaultOrder: "desc"
}
