import {
  type DomainEvent,
  type Project,
  type ProjectId,
  Plugins,
  Projects,
  RuleViolated,
  Tasks,
  LocalDates
} from "@agency-crm/core"
import { apiWith, withEndpoints } from "@agency-crm/http"
import { HttpApiBuilder } from "@effect/platform"
import { Context, Effect } from "effect"
import { ChecklistProgress, ChecklistsApi } from "./api.js"
import { ChecklistSettings } from "./settings.js"

/** The checklists of the running plugin, for its endpoints. */
export class Checklists extends Context.Tag("@agency-crm/example-plugin/Checklists")<
  Checklists,
  { readonly settings: ChecklistSettings }
>() {}

const statusChange = (event: DomainEvent) => event.changes.find((change) => change.field === "status")

/** Creates the checklist's tasks that the project does not have yet (by title), so handling an event twice — after a
 * crash, the consumer sees it again — creates nothing twice. */
const createChecklist = (settings: ChecklistSettings, projectId: ProjectId) =>
  Effect.gen(function* () {
    const project = yield* (yield* Projects).get(projectId)
    const items = settings.checklists[project.campaignType] ?? []
    if (items.length === 0) return
    const tasks = yield* Tasks
    const existing = yield* tasks.list({ projectId, limit: 200 })
    const titles = new Set(existing.items.map((task) => task.title))
    const start = project.startDate ?? LocalDates.fromDateTime(project.activatedAt ?? project.updatedAt)
    for (const item of items) {
      if (titles.has(item.title)) continue
      yield* tasks.create({
        projectId,
        title: item.title,
        ...(item.dueInDays === undefined ? {} : { dueDate: LocalDates.addDays(start, item.dueInDays) })
      })
    }
  })

/** The core part: refuses to start a project of a budget-bound campaign type without a budget, and creates the
 * campaign's checklist when a project starts. */
export const checklistsCore = Plugins.define({
  name: "checklists",
  settings: ChecklistSettings,
  make: (settings) =>
    Effect.succeed({
      checks: [
        Plugins.check("project.status_changed", ({ after }) =>
          after !== null &&
          after.status === "active" &&
          after.budget === null &&
          settings.requireBudgetFor.includes(after.campaignType)
            ? Effect.fail(
                RuleViolated.of(
                  "checklists.budget_required",
                  `a ${after.campaignType} project needs a budget before it starts`
                )
              )
            : Effect.void
        )
      ],
      consumers: [
        {
          name: "starter",
          events: ["project.status_changed"] as const,
          handle: (event: DomainEvent) => {
            const change = statusChange(event)
            return change?.before === "planned" && change.after === "active"
              ? createChecklist(settings, event.entityId as ProjectId)
              : Effect.void
          }
        }
      ],
      services: Context.make(Checklists, { settings })
    })
})

const progressOf = (settings: ChecklistSettings, project: Project) =>
  Effect.gen(function* () {
    const items = settings.checklists[project.campaignType] ?? []
    const tasks = yield* (yield* Tasks).list({ projectId: project.id, limit: 200 })
    const byTitle = new Map(tasks.items.map((task) => [task.title, task.status]))
    const rows = items.map((item) => ({ title: item.title, status: byTitle.get(item.title) ?? ("missing" as const) }))
    return new ChecklistProgress({
      projectId: project.id,
      campaignType: project.campaignType,
      items: rows,
      done: rows.filter((row) => row.status === "done").length,
      total: rows.length
    })
  })

/** The handlers of the checklists endpoints. */
export const ChecklistsHandlers = HttpApiBuilder.group(apiWith([ChecklistsApi]), "checklists", (handlers) =>
  Effect.map(Checklists, ({ settings }) =>
    handlers
      .handle("template", ({ path }) => Effect.succeed(settings.checklists[path.campaignType] ?? []))
      .handle("progress", ({ path }) =>
        Effect.flatMap(
          Effect.flatMap(Projects, (projects) => projects.get(path.id)),
          (project) => progressOf(settings, project)
        )
      )
  )
)

/** The checklists plugin, with its endpoints: add `checklists({ … })` to the server's plugin list. */
export const checklists = (settings: typeof ChecklistSettings.Encoded) =>
  withEndpoints(checklistsCore(settings), { group: ChecklistsApi, handlers: ChecklistsHandlers })
