import { Effect } from "effect"
import type { LocalDate } from "../domain/LocalDate.js"
import { computeProgress, type ProjectProgress } from "../domain/Progress.js"
import type { TaskStatisticsService } from "../ports/TaskStatistics.js"
import { RuleViolated, type ReferencedEntityMissing, type StorageError } from "../domain/Errors.js"
import type { ProjectId } from "../domain/Ids.js"
import { OPEN_PROJECT_STATUSES, type Project } from "../domain/Project.js"
import type { ProjectRepository } from "../domain/Project.js"
import type { Context } from "effect"
import { reference } from "./loading.js"

/** Reads the project named by an input field and checks it still takes new work (planned, active, on hold). */
export const openProject = (
  projects: Context.Tag.Service<typeof ProjectRepository>,
  field: string,
  projectId: ProjectId
): Effect.Effect<Project, ReferencedEntityMissing | RuleViolated | StorageError> =>
  Effect.flatMap(reference(field, "project", projects.findById, projectId), (project) =>
    OPEN_PROJECT_STATUSES.includes(project.status)
      ? Effect.succeed(project)
      : Effect.fail(
          RuleViolated.of(
            "project_not_open",
            `project ${projectId} is ${project.status}; it takes no more changes of its work`
          )
        )
  )

/** The progress of a project as of `day`, from its task counts. */
export const progressOf = (
  tasks: TaskStatisticsService,
  project: Project,
  day: LocalDate
): Effect.Effect<ProjectProgress, StorageError> =>
  Effect.map(tasks.stats(project.id, day), (stats) => computeProgress(project, stats, day))
