import { DateTime, Effect } from "effect"
import { type ActivityReport, ActivityQuery } from "../domain/ActivityReport.js"
import { ClientRepository } from "../domain/Client.js"
import {
  ANSWERABLE_KINDS,
  type ResponseTimeReport,
  ResponseTimeQuery,
  type SatisfactionReport,
  SatisfactionQuery
} from "../domain/ClientReports.js"
import type { ClientId, InteractionId, ProjectId } from "../domain/Ids.js"
import { interactionAggregate, InteractionRepository } from "../domain/Interaction.js"
import { addDays, daysBetween, type LocalDate } from "../domain/LocalDate.js"
import { opportunityAggregate, OpportunityRepository } from "../domain/Opportunity.js"
import { startOf } from "../domain/Period.js"
import { type Project, ProjectRepository } from "../domain/Project.js"
import { type RetentionReport, RetentionQuery } from "../domain/RetentionReport.js"
import { taskAggregate, TaskRepository } from "../domain/Task.js"
import { invalidField, validate } from "../domain/Validation.js"
import { Access } from "./Access.js"
import { activityCountsOf, type ActivityRow, resultOf } from "./activityFigures.js"
import { definedOnly } from "./loading.js"
import { allMatching, firstMatching } from "./paging.js"
import { groupBy, mean, median, rounded, share } from "./reportMath.js"
import { runningProjects } from "./runningProjects.js"

const FIRST_DAY_MS = Date.parse("0000-01-01T00:00:00Z")

const summary = (scores: ReadonlyArray<number>) => ({ count: scores.length, mean: rounded(mean(scores)) })

// Groups by key, each group's score summary; ordered by key, the `null` group last.
const summariesBy = <K extends string | null>(rows: ReadonlyArray<{ readonly key: K; readonly score: number }>) =>
  groupBy(rows, (row) => row.key).map(([key, group]) => [key, summary(group.map((row) => row.score))] as const)

/** Reports on the client relationship over a period `[from, to)`: satisfaction, response time, relationship activity
 * and retention. */
export class ClientReports extends Effect.Service<ClientReports>()("@agency-crm/core/ClientReports", {
  dependencies: [Access.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const interactions = yield* InteractionRepository
    const projects = yield* ProjectRepository
    const opportunities = yield* OpportunityRepository
    const tasks = yield* TaskRepository
    const clients = yield* ClientRepository
    const validateSatisfaction = validate(SatisfactionQuery)
    const validateResponseTime = validate(ResponseTimeQuery)
    const validateActivity = validate(ActivityQuery)
    const validateRetention = validate(RetentionQuery)

    const interactionsWhere = (filter: Record<string, unknown>) =>
      allMatching(interactionAggregate.list, "occurredAt", filter, interactions.list)

    const satisfaction = Effect.fn("ClientReports.satisfaction")(function* (query: SatisfactionQuery) {
      const q = yield* validateSatisfaction(query)
      const feedback = (yield* interactionsWhere({
        kind: ["feedback"],
        occurredFrom: startOf(q.from),
        occurredBefore: startOf(q.to),
        ...definedOnly({ clientId: q.clientId })
      })).filter((i) => i.satisfaction !== null)
      // Each feedback's project, read once: its manager and campaign type.
      const projectOf = new Map<ProjectId, Project | undefined>()
      for (const id of new Set(feedback.flatMap((i) => (i.projectId === null ? [] : [i.projectId])))) {
        const found = yield* projects.findById(id)
        projectOf.set(id, found._tag === "Some" ? found.value : undefined)
      }
      const rows = feedback
        .map((i) => ({
          score: i.satisfaction!,
          project: i.projectId === null ? undefined : projectOf.get(i.projectId)
        }))
        .filter(
          (row) =>
            (q.managerId === undefined || row.project?.managerId === q.managerId) &&
            (q.campaignType === undefined || row.project?.campaignType === q.campaignType)
        )
      const report: SatisfactionReport = {
        total: summary(rows.map((row) => row.score)),
        distribution: [1, 2, 3, 4, 5].map((score) => ({ score, count: rows.filter((r) => r.score === score).length })),
        byManager: summariesBy(rows.map((r) => ({ key: r.project?.managerId ?? null, score: r.score }))).map(
          ([managerId, scores]) => ({ managerId, scores })
        ),
        byCampaignType: summariesBy(rows.map((r) => ({ key: r.project?.campaignType ?? null, score: r.score }))).map(
          ([campaignType, scores]) => ({ campaignType, scores })
        )
      }
      return report
    })

    const responseTime = Effect.fn("ClientReports.responseTime")(function* (query: ResponseTimeQuery) {
      const q = yield* validateResponseTime(query)
      const inbound = yield* interactionsWhere({
        direction: ["inbound"],
        kind: ANSWERABLE_KINDS,
        occurredFrom: startOf(q.from),
        occurredBefore: startOf(q.to),
        ...definedOnly({ clientId: q.clientId })
      })
      const hours: Array<number> = []
      for (const [clientId, asked] of groupBy(inbound, (i) => i.clientId)) {
        // The organization's outbound interactions from its first question on, oldest first.
        const answers = yield* interactionsWhere({
          clientId,
          direction: ["outbound"],
          occurredFrom: asked[0]!.occurredAt
        })
        for (const question of asked) {
          const at = DateTime.toEpochMillis(question.occurredAt)
          const answer = answers.find((a) => DateTime.toEpochMillis(a.occurredAt) > at)
          if (answer !== undefined) hours.push((DateTime.toEpochMillis(answer.occurredAt) - at) / 3_600_000)
        }
      }
      const report: ResponseTimeReport = {
        inbound: inbound.length,
        answered: hours.length,
        unanswered: inbound.length - hours.length,
        medianHours: rounded(median(hours)),
        meanHours: rounded(mean(hours))
      }
      return report
    })

    // The interactions these rows were made from.
    const originsOf = (rows: ReadonlyArray<{ readonly originInteractionId: InteractionId | null }>) =>
      new Set(rows.flatMap((row) => (row.originInteractionId === null ? [] : [row.originInteractionId])))

    const activity = Effect.fn("ClientReports.activity")(function* (query: ActivityQuery) {
      const q = yield* validateActivity(query)
      const occurred = yield* interactionsWhere({
        occurredFrom: startOf(q.from),
        occurredBefore: startOf(q.to),
        ...definedOnly({ clientId: q.clientId, loggedById: q.memberId })
      })
      // What was made from them was created after they were logged.
      const madeSince = {
        createdFrom: occurred.reduce(
          (min, i) => (DateTime.lessThan(i.createdAt, min) ? i.createdAt : min),
          startOf(q.to)
        ),
        fromInteraction: true
      }
      const opened = originsOf(
        yield* allMatching(opportunityAggregate.list, "createdAt", madeSince, opportunities.list)
      )
      const followed = originsOf(yield* allMatching(taskAggregate.list, "createdAt", madeSince, tasks.list))
      // First contacts are flagged as they are written; whether an opportunity was created at or after each.
      const ledToOpportunity = new Set<InteractionId>()
      for (const first of occurred.filter((i) => i.firstContact)) {
        const next = yield* firstMatching(
          "createdAt",
          { clientId: first.clientId, createdFrom: first.occurredAt },
          opportunities.list
        )
        if (next !== undefined) ledToOpportunity.add(first.id)
      }
      const rows: ReadonlyArray<ActivityRow> = occurred.map((interaction) => ({
        interaction,
        result: resultOf(interaction, opened.has(interaction.id), followed.has(interaction.id)),
        withOpportunity: ledToOpportunity.has(interaction.id)
      }))
      const report: ActivityReport = {
        total: activityCountsOf(rows),
        byMember: groupBy(rows, (row) => row.interaction.loggedById).map(([memberId, group]) => ({
          memberId,
          activity: activityCountsOf(group)
        }))
      }
      return report
    })

    // The organizations with a sale won, or a project running, in `[from, to)`.
    const activeOrganizations = (from: LocalDate, to: LocalDate) =>
      Effect.gen(function* () {
        const won = yield* allMatching(
          opportunityAggregate.list,
          "closedAt",
          { stage: ["sales_order"], closedFrom: startOf(from), closedBefore: startOf(to) },
          opportunities.list
        )
        const running = yield* Effect.provideService(
          runningProjects(startOf(from), startOf(to)),
          ProjectRepository,
          projects
        )
        return new Set<ClientId>([...won.map((o) => o.clientId), ...running.map((p) => p.clientId)])
      })

    const retention = Effect.fn("ClientReports.retention")(function* (query: RetentionQuery) {
      const q = yield* validateRetention(query)
      const days = daysBetween(q.from, q.to)
      // Dates start at year 0: the previous period must too.
      if (DateTime.toEpochMillis(startOf(q.from)) - days * 86_400_000 < FIRST_DAY_MS) {
        return yield* invalidField("from", "the previous period of the same length would start before 0000-01-01")
      }
      const previous = { from: addDays(q.from, -days), to: q.from }
      const [before, now] = [
        yield* activeOrganizations(previous.from, previous.to),
        yield* activeOrganizations(q.from, q.to)
      ]
      // The market and lead source filters apply to the organizations (read only when one is given).
      const inScope = new Map<ClientId, boolean>()
      if (q.marketId !== undefined || q.originationId !== undefined) {
        for (const id of new Set([...before, ...now])) {
          const client = yield* clients.findById(id)
          inScope.set(
            id,
            client._tag === "Some" &&
              (q.marketId === undefined || client.value.marketId === q.marketId) &&
              (q.originationId === undefined || client.value.originationId === q.originationId)
          )
        }
      } else for (const id of [...before, ...now]) inScope.set(id, true)
      const was = [...before].filter((id) => inScope.get(id))
      const is = new Set([...now].filter((id) => inScope.get(id)))
      const retained = was.filter((id) => is.has(id)).length
      const report: RetentionReport = {
        previous,
        previousActive: was.length,
        retained,
        lapsed: was.length - retained,
        gained: is.size - retained,
        active: is.size,
        retentionRate: share(retained, was.length)
      }
      return report
    })

    return access.guard("ClientReports", { satisfaction, responseTime, activity, retention })
  })
}) {}
