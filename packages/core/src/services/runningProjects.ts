import { DateTime, Effect } from "effect"
import { type Project, projectAggregate, ProjectRepository } from "../domain/Project.js"
import { allMatching } from "./paging.js"

/** Whether a project ran at some time since `start`: it has not been completed or cancelled before then. */
const ranSince = (project: Project, start: DateTime.Utc) => {
  const ended = project.completedAt ?? project.cancelledAt
  return ended === null || DateTime.greaterThanOrEqualTo(ended, start)
}

/** The projects matching `filter` that were running at some time in `[start, end)`: activated before its end, and
 * not completed or cancelled before its start (on hold counts as running). */
export const runningProjects = (start: DateTime.Utc, end: DateTime.Utc, filter: Record<string, unknown> = {}) =>
  Effect.gen(function* () {
    const projects = yield* ProjectRepository
    const activated = yield* allMatching(
      projectAggregate.list,
      "createdAt",
      { ...filter, activatedBefore: end },
      projects.list
    )
    return activated.filter((project) => ranSince(project, start))
  })
