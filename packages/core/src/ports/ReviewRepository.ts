import { Context } from "effect"
import type { ProjectReview, ReviewFilter, ReviewSortField } from "../domain/Review.js"
import type { ReviewId } from "../domain/Ids.js"
import type { Repository } from "./Repository.js"

/** Storage of project reviews. */
export interface ReviewRepositoryService extends Repository<ProjectReview, ReviewId, ReviewFilter, ReviewSortField> {}

/** Storage of project reviews. */
export class ReviewRepository extends Context.Tag("@agency-crm/core/ReviewRepository")<
  ReviewRepository,
  ReviewRepositoryService
>() {}
