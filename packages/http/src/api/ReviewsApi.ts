import { ProjectReview, RecordReviewInput, reviewAggregate, UpdateReviewInput } from "@agency-crm/core"
import { OpenApi } from "@effect/platform"
import { Authentication } from "./Authentication.js"
import { crudGroup, Statuses } from "./crud.js"

/** Intermediate project reviews. */
export const ReviewsApi = crudGroup("reviews", reviewAggregate, {
  noun: "project review",
  entity: ProjectReview,
  created: ProjectReview,
  create: RecordReviewInput,
  update: UpdateReviewInput,
  errors: { create: [Statuses.RuleViolated] }
})
  .middleware(Authentication)
  .annotate(OpenApi.Description, "Intermediate evaluations of projects: progress snapshots and adjustments.")
