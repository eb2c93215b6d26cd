import { DateTime, Effect } from "effect"
import {
  ANSWERABLE_KINDS,
  type ResponseTimeReport,
  ResponseTimeQuery,
  type SatisfactionReport,
  SatisfactionQuery
} from "../domain/ClientReports.js"
import type { ProjectId } from "../domain/Ids.js"
import { interactionAggregate, InteractionRepository } from "../domain/Interaction.js"
import { startOf } from "../domain/Period.js"
import { type Project, ProjectRepository } from "../domain/Project.js"
import { validate } from "../domain/Validation.js"
import { Access } from "./Access.js"
import { allMatching } from "./paging.js"
import { groupBy, mean, median, round2 } from "./reportMath.js"

const rounded = (n: number | null) => (n === null ? null : round2(n))

const summary = (scores: ReadonlyArray<number>) => ({ count: scores.length, mean: rounded(mean(scores)) })

// Groups by key, each group's score summary; ordered by key, the `null` group last.
const summariesBy = <K extends string | null>(rows: ReadonlyArray<{ readonly key: K; readonly score: number }>) =>
  groupBy(rows, (row) => row.key).map(([key, group]) => [key, summary(group.map((row) => row.score))] as const)

/** Reports on the client relationship over a period `[from, to)`: satisfaction and response time. */
export class ClientReports extends Effect.Service<ClientReports>()("@agency-crm/core/ClientReports", {
  dependencies: [Access.Default],
  effect: Effect.gen(function* () {
    const access = yield* Access
    const interactions = yield* InteractionRepository
    const projects = yield* ProjectRepository
    const validateSatisfaction = validate(SatisfactionQuery)
    const validateResponseTime = validate(ResponseTimeQuery)

    const interactionsWhere = (filter: Record<string, unknown>) =>
      allMatching(interactionAggregate.list, "occurredAt", filter, interactions.list)

    const satisfaction = Effect.fn("ClientReports.satisfaction")(function* (query: SatisfactionQuery) {
      const q = yield* validateSatisfaction(query)
      const feedback = (yield* interactionsWhere({
        kind: ["feedback"],
        occurredFrom: startOf(q.from),
        occurredBefore: startOf(q.to),
        ...(q.clientId === undefined ? {} : { clientId: q.clientId })
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
        ...(q.clientId === undefined ? {} : { clientId: q.clientId })
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

    return access.guard("ClientReports", { satisfaction, responseTime })
  })
}) {}
