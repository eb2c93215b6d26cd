import { Schema } from "effect"
import { Allocation } from "./Allocation.js"
import { Client } from "./Client.js"
import { Interaction } from "./Interaction.js"
import { Money } from "./Money.js"
import { Page } from "./Paging.js"
import { ProjectProgress } from "./Progress.js"
import { Project } from "./Project.js"
import { ProjectReview } from "./Review.js"
import { Task } from "./Task.js"
import { TeamMember } from "./TeamMember.js"

/** Totals of what is allocated to a project: hours of people, and material cost per currency. */
export const ResourceTotals = Schema.Struct({
  hours: Schema.Number,
  materialCost: Schema.Array(Money)
})
/** Totals of what is allocated to a project. */
export type ResourceTotals = typeof ResourceTotals.Type

/** Everything about one project in a single read: the "project detail" view. Tasks and allocations are
 * the first page (200 at most, tasks by due date); `nextCursor` continues through `Tasks.list` /
 * `Allocations.list` with the same sort. */
export const ProjectDetail = Schema.Struct({
  project: Project,
  client: Client,
  manager: TeamMember,
  progress: ProjectProgress,
  tasks: Page(Task),
  allocations: Page(Allocation),
  resourceTotals: ResourceTotals,
  latestReview: Schema.NullOr(ProjectReview),
  recentInteractions: Schema.Array(Interaction)
})
/** Everything about one project in a single read. */
export type ProjectDetail = typeof ProjectDetail.Type
