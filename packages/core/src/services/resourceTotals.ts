import { Effect } from "effect"
import { allocationList, AllocationRepository, materialCost } from "../domain/Allocation.js"
import type { ProjectId } from "../domain/Ids.js"
import type { ResourceTotals } from "../domain/ProjectDetail.js"
import { forEachMatching } from "./paging.js"

/** What is allocated to a project in total: people's hours, and material cost per currency (by currency code). */
export const resourceTotals = (projectId: ProjectId) =>
  Effect.gen(function* () {
    const allocations = yield* AllocationRepository
    let hours = 0
    const costs = new Map<string, number>()
    yield* forEachMatching(allocationList, "createdAt", { projectId }, allocations.list, (batch) =>
      Effect.sync(() => {
        for (const a of batch) {
          if (a.kind === "human") hours += a.hours
          else costs.set(a.unitCost.currency, (costs.get(a.unitCost.currency) ?? 0) + materialCost(a))
        }
      })
    )
    const totals: ResourceTotals = {
      hours,
      materialCost: Array.from(costs, ([currency, amountMinor]) => ({ currency, amountMinor })).sort((a, b) =>
        a.currency < b.currency ? -1 : 1
      )
    }
    return totals
  })
