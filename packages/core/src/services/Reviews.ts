import { Effect } from "effect"
import { RuleViolated } from "../domain/Errors.js"
import { ReviewId } from "../domain/Ids.js"
import { fromDateTime } from "../domain/LocalDate.js"
import { RecordReviewInput, reviewAggregate, UpdateReviewInput } from "../domain/Review.js"
import { WriteOptions } from "../domain/Text.js"
import { validate } from "../domain/Validation.js"
import { IdGenerator } from "../ports/IdGenerator.js"
import { ProjectRepository } from "../domain/Project.js"
import { TaskStatistics } from "../ports/TaskStatistics.js"
import { crudOf } from "./Crud.js"
import { Dependents } from "./Dependents.js"
import { reference } from "./loading.js"
import { progressOf } from "./projectRules.js"
import { now, UnitOfWork } from "./UnitOfWork.js"
import { Access } from "./Access.js"

/** Intermediate evaluations of projects: findings, a progress snapshot and the adjustments decided. */
export class Reviews extends Effect.Service<Reviews>()("@agency-crm/core/Reviews", {
  dependencies: [UnitOfWork.Default, Access.Default, Dependents.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const crud = yield* crudOf(reviewAggregate)
    const { writes } = crud
    const { get, list, remove } = crud.operations("Reviews")
    const projects = yield* ProjectRepository
    const tasks = yield* TaskStatistics
    const ids = yield* IdGenerator
    const uow = yield* UnitOfWork
    const validateRecord = validate(RecordReviewInput)

    const record = Effect.fn("Reviews.record")(function* (input: RecordReviewInput) {
      const valid = yield* validateRecord(input)
      return yield* uow.write(
        Effect.gen(function* () {
          const project = yield* reference("projectId", "project", projects.findById, valid.projectId)
          if (project.status === "closed" || project.status === "cancelled") {
            return yield* RuleViolated.of(
              "project_finished",
              `project ${project.id} is ${project.status}; it takes no more reviews`
            )
          }
          const at = yield* now
          const reviewedAt = valid.reviewedAt ?? at
          const review = crud.model.make({
            id: ReviewId.make(yield* ids.next),
            projectId: project.id,
            clientId: project.clientId,
            reviewerId: yield* uow.actorId,
            reviewedAt,
            summary: valid.summary,
            adjustments: valid.adjustments ?? [],
            progress: yield* progressOf(tasks, project, fromDateTime(reviewedAt)),
            version: 1,
            createdAt: at,
            updatedAt: at
          })
          yield* writes.insert(review, "review.recorded")
          return review
        })
      )
    })

    const update = Effect.fn("Reviews.update")(function* (
      id: ReviewId,
      patch: UpdateReviewInput,
      options: WriteOptions = {}
    ) {
      return yield* crud.update(id, patch, options)
    })

    return access.guard("Reviews", { record, get, list, update, remove })
  })
}) {}
