import { DateTime, Effect } from "effect"
import { projectAggregate, ProjectRepository } from "../domain/Project.js"
import { allMatching, allMatchingEach } from "./paging.js"

/** The projects matching `filter` that were running at some time in `[start, end)`: activated before its end, and
 * not completed or cancelled before its start (on hold counts as running). Read as index ranges (running now by
 * status, completed since `start`, cancelled since `start`), so a recent period reads no older history. */
export const runningProjects = (start: DateTime.Utc, end: DateTime.Utc, filter: Record<string, unknown> = {}) =>
  Effect.gen(function* () {
    const projects = yield* ProjectRepository
    // Each range is read in the order of its own field, so the adapter walks that field's index.
    const [now, completed, cancelled] = yield* Effect.all([
      allMatchingEach(projectAggregate.list, "createdAt", "status", ["active", "on_hold"], filter, projects.list),
      allMatching(projectAggregate.list, "completedAt", { ...filter, completedFrom: start }, projects.list),
      allMatching(projectAggregate.list, "cancelledAt", { ...filter, cancelledFrom: start }, projects.list)
    ])
    return [...now, ...completed, ...cancelled].filter(
      (project) => project.activatedAt !== null && DateTime.lessThan(project.activatedAt, end)
    )
  })
