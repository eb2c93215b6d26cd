import type { DateTime } from "effect"
import { Effect } from "effect"
import { projectAggregate, ProjectRepository } from "../domain/Project.js"
import { allMatching } from "./paging.js"

/** The projects matching `filter` that were running at some time in `[start, end)`: activated before its end, and
 * not completed or cancelled before its start (on hold counts as running). Read as three index ranges (running
 * now, completed since `start`, cancelled since `start`), so a recent period reads no older history. */
export const runningProjects = (start: DateTime.Utc, end: DateTime.Utc, filter: Record<string, unknown> = {}) =>
  Effect.gen(function* () {
    const projects = yield* ProjectRepository
    const where = (range: Record<string, unknown>) =>
      allMatching(projectAggregate.list, "createdAt", { ...filter, ...range, activatedBefore: end }, projects.list)
    const [now, completed, cancelled] = yield* Effect.all([
      where({ status: ["active", "on_hold"] }),
      where({ completedFrom: start }),
      where({ cancelledFrom: start })
    ])
    return [...now, ...completed, ...cancelled]
  })
