import { OpenApi } from "@effect/platform"
import {
  ProjectReview,
  RecordReviewInput,
  ReferencedEntityMissing,
  ReviewId,
  RuleViolated,
  UpdateReviewInput
} from "@agency-crm/core"
import { Authentication } from "./Authentication.js"
import { crudGroup } from "./crud.js"
import { ReviewParams } from "./queries.js"

/** Intermediate project reviews. */
export const ReviewsApi = crudGroup("reviews", {
  path: "/reviews",
  noun: "project review",
  plural: "project reviews",
  entity: ProjectReview,
  created: ProjectReview,
  id: ReviewId,
  params: ReviewParams,
  create: RecordReviewInput,
  update: UpdateReviewInput
})
  .addError(ReferencedEntityMissing, { status: 422 })
  .addError(RuleViolated, { status: 422 })
  .middleware(Authentication)
  .annotate(OpenApi.Description, "Intermediate evaluations of projects: progress snapshots and adjustments.")
